import { z } from 'zod'

/** The `<row id>.<secret>` a mailed account link carries (app/models/user/account-tokens.server.ts). */
export const accountLinkParam = z.string().regex(/^[a-z0-9]{20,40}\.[A-Za-z0-9_-]{43}$/)
