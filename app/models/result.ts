import type { Translations } from '~/locales/zh-CN'
import type { zhMail } from '~/locales/zh-CN.mail'

type Leaves<T, Prefix extends string = ''> = {
  [K in keyof T & string]: T[K] extends string ? `${Prefix}${K}` : Leaves<T[K], `${Prefix}${K}.`>
}[keyof T & string]

/** A key of the interface text (app/locales): what a refusal names so each page says it in the member's language. */
export type MessageKey = Leaves<Translations & typeof zhMail>

/**
 * What a domain function that can refuse returns — one shape everywhere:
 * `{ ok: true, …what it did }` or `{ ok: false, error: <message key>, …what the message or the
 * form needs (a field, a phone to call, a deadline) }`. Callers branch on `ok`, pages translate
 * `error`; nothing maps codes to messages in between.
 */
export type Result<Done extends object = object, Error extends MessageKey = MessageKey, Extra extends object = object> =
  ({ ok: true } & Done) | ({ ok: false; error: Error } & Extra)

/** A refusal, typed to its key (`refuse('booking.notFound')`, with extras when the message needs them). */
export function refuse<const E extends MessageKey, X extends object = object>(error: E, extra?: X) {
  return { ok: false as const, error, ...(extra as X) }
}
