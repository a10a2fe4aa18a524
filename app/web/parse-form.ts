import { parseWithZod, unstable_coerceFormValue as coerceFormValue } from '@conform-to/zod'
import type { ZodTypeAny } from 'zod'

// conform's parseWithZod rebuilds the schema's form coercion (a copy of every zod type in it)
// on each call: in a booking rush that was 7 % of the server's CPU. Each schema is coerced once.
const coerced = new WeakMap<ZodTypeAny, ZodTypeAny>()

/**
 * A form's submission read with its zod schema — conform's `parseWithZod` with the same default
 * coercion (empty strings as missing, numbers, booleans, dates from their text), made once per
 * schema. The one way a form is parsed, in an action and in the browser's `onValidate` alike.
 */
export function parseForm<Schema extends ZodTypeAny>(payload: FormData | URLSearchParams, schema: Schema) {
  let coercing = coerced.get(schema)
  if (!coercing) coerced.set(schema, (coercing = coerceFormValue(schema)))
  return parseWithZod(payload, { schema: coercing as Schema, disableAutoCoercion: true })
}
