import nodemailer, { type Transporter } from 'nodemailer'
import { getEnv } from './env.server'
import { startDevMailbox } from './dev-mailbox.server'

export type MailTransport = { transporter: Transporter; devMailbox: boolean }

let transport: Promise<MailTransport> | undefined

/** The SMTP transport from the environment, or the built-in local mailbox when none is set. */
export function getMailTransport(): Promise<MailTransport> {
  transport ??= createTransport()
  return transport
}

export function usesDevMailbox() {
  const env = getEnv()
  return !env.SMTP_URL && !env.SMTP_HOST
}

async function createTransport(): Promise<MailTransport> {
  const env = getEnv()
  const timeouts = { connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 20_000 }
  if (env.SMTP_URL) {
    const url = new URL(env.SMTP_URL)
    return {
      transporter: nodemailer.createTransport({
        host: url.hostname,
        port: Number(url.port || (url.protocol === 'smtps:' ? 465 : 587)),
        secure: url.protocol === 'smtps:',
        auth: url.username ? { user: decodeURIComponent(url.username), pass: decodeURIComponent(url.password) } : undefined,
        ...timeouts,
      }),
      devMailbox: false,
    }
  }
  if (env.SMTP_HOST) {
    return {
      transporter: nodemailer.createTransport({
        host: env.SMTP_HOST,
        port: env.SMTP_PORT,
        secure: env.SMTP_SECURE === 'true',
        auth: env.SMTP_USER ? { user: env.SMTP_USER, pass: env.SMTP_PASSWORD } : undefined,
        ...timeouts,
      }),
      devMailbox: false,
    }
  }
  // the production code path, against a real SMTP server of our own on loopback
  const port = await startDevMailbox(env.MAILBOX_DIR)
  return {
    transporter: nodemailer.createTransport({ host: '127.0.0.1', port, secure: false, ignoreTLS: true, ...timeouts }),
    devMailbox: true,
  }
}
