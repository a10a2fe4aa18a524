import { afterEach, beforeEach } from 'vitest'
import { simpleParser, type ParsedMail } from 'mailparser'
import nodemailer from 'nodemailer'
import { SMTPServer } from 'smtp-server'

/**
 * A real SMTP server for tests: receives what nodemailer sends, can be stopped and started
 * on the same port (an outage), and can answer RCPT with a chosen error code.
 */
export async function startSmtpSink() {
  const received: { raw: Buffer; parsed: ParsedMail }[] = []
  let rejectWith: { code: number; message: string } | null = null
  let server: SMTPServer | null = null
  let port = 0

  const listen = () =>
    new Promise<void>((resolve, reject) => {
      server = new SMTPServer({
        authOptional: true,
        disabledCommands: ['STARTTLS'],
        logger: false,
        onRcptTo(_address, _session, callback) {
          if (!rejectWith) return callback()
          const error = new Error(rejectWith.message) as Error & { responseCode: number }
          error.responseCode = rejectWith.code
          callback(error)
        },
        onData(stream, _session, callback) {
          const chunks: Buffer[] = []
          stream.on('data', (c: Buffer) => chunks.push(c))
          stream.on('end', async () => {
            const raw = Buffer.concat(chunks)
            received.push({ raw, parsed: await simpleParser(raw) })
            callback()
          })
        },
      })
      server.once('error', reject)
      server.listen(port, '127.0.0.1', () => {
        const address = server!.server.address()
        port = typeof address === 'object' && address ? address.port : port
        resolve()
      })
    })
  await listen()

  return {
    received,
    get port() {
      return port
    },
    transporter: () =>
      nodemailer.createTransport({
        host: '127.0.0.1',
        port,
        secure: false,
        ignoreTLS: true,
        connectionTimeout: 2000,
        greetingTimeout: 2000,
      }),
    reject(code: number, message: string) {
      rejectWith = { code, message }
    },
    accept() {
      rejectWith = null
    },
    stop: () => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())),
    start: listen,
  }
}

/** The text/calendar part nodemailer's icalEvent adds (as an alternative and an attachment). */
export function calendarOf(mail: ParsedMail) {
  const part = mail.attachments.find((a) => a.contentType.startsWith('text/calendar') || a.filename?.endsWith('.ics'))
  return part ? { text: part.content.toString('utf8'), contentType: part.contentType, headers: part.headers } : null
}

export type SmtpSink = Awaited<ReturnType<typeof startSmtpSink>>

/** A fresh sink for every test of the file: `const sink = useSmtpSink()`, then `sink.current`. */
export function useSmtpSink() {
  const holder = {} as { current: SmtpSink }
  beforeEach(async () => {
    holder.current = await startSmtpSink()
  })
  afterEach(async () => {
    await holder.current.stop()
  })
  return holder
}
