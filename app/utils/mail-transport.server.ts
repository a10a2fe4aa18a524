import nodemailer, { type Transporter } from 'nodemailer'
import type SMTPTransport from 'nodemailer/lib/smtp-transport'
import { getEnv, type Env } from './env.server'
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

/**
 * The SMTP settings from the environment, or null for the built-in mailbox. Implicit TLS
 * (smtps://, SMTP_SECURE=true) or STARTTLS required (requireTLS) unless SMTP_REQUIRE_TLS=false.
 */
export function smtpOptions(env: Env = getEnv()): SMTPTransport.Options | null {
  const timeouts = { connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 20_000 }
  const requireTLS = env.SMTP_REQUIRE_TLS === 'true'
  if (env.SMTP_URL) {
    const url = new URL(env.SMTP_URL)
    const secure = url.protocol === 'smtps:'
    return {
      host: url.hostname,
      port: Number(url.port || (secure ? 465 : 587)),
      secure,
      requireTLS: !secure && requireTLS,
      auth: url.username ? { user: decodeURIComponent(url.username), pass: decodeURIComponent(url.password) } : undefined,
      ...timeouts,
    }
  }
  if (env.SMTP_HOST) {
    const secure = env.SMTP_SECURE === 'true'
    return {
      host: env.SMTP_HOST,
      port: env.SMTP_PORT,
      secure,
      requireTLS: !secure && requireTLS,
      auth: env.SMTP_USER ? { user: env.SMTP_USER, pass: env.SMTP_PASSWORD } : undefined,
      ...timeouts,
    }
  }
  return null
}

async function createTransport(): Promise<MailTransport> {
  const env = getEnv()
  const timeouts = { connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 20_000 }
  const options = smtpOptions(env)
  if (options) return { transporter: nodemailer.createTransport(options), devMailbox: false }
  // the production code path, against a real SMTP server of our own on loopback
  const port = await startDevMailbox(env.MAILBOX_DIR)
  return {
    transporter: nodemailer.createTransport({ host: '127.0.0.1', port, secure: false, ignoreTLS: true, ...timeouts }),
    devMailbox: true,
  }
}
