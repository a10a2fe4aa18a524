import { z } from 'zod'
import { PROGRAMME_KINDS } from './constants'

const emptyToUndefined = (v: unknown) => (v === '' || v === null ? undefined : v)

export const catalogueQuerySchema = z.object({
  kind: z.preprocess(emptyToUndefined, z.enum(PROGRAMME_KINDS).optional()),
  month: z.preprocess(
    emptyToUndefined,
    z
      .string()
      .regex(/^(20\d\d|21\d\d)-(0[1-9]|1[0-2])$/)
      .optional(),
  ),
  q: z.preprocess(emptyToUndefined, z.string().trim().max(50).optional()),
  page: z.preprocess(emptyToUndefined, z.coerce.number().int().min(1).max(100_000).optional()),
})
export type CatalogueQuery = z.infer<typeof catalogueQuerySchema>
