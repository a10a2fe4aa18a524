import type { Submission, SubmissionResult } from '@conform-to/react'

type ReplyOptions = Parameters<Submission<unknown>['reply']>[0]

/** Longer than any field a form here takes: a value past it is an attack or an accident. */
export const MAX_ECHO_CHARS = 10_000

/**
 * conform's reply, minus any submitted value too long to be real: a refused form shows the
 * member what they typed, but a 1 MB "name" is not sent back into the page (or its data).
 * The field still carries its error ("too long") and comes back empty.
 */
export function reply(submission: Submission<unknown>, options?: ReplyOptions): SubmissionResult<string[]> {
  const result = submission.reply(options)
  if (!result.initialValue) return result
  return { ...result, initialValue: clip(result.initialValue) as typeof result.initialValue }
}

function clip(value: unknown): unknown {
  if (typeof value === 'string') return value.length > MAX_ECHO_CHARS ? '' : value
  if (Array.isArray(value)) return value.map(clip)
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, clip(v)]))
  return value
}
