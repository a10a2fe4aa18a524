/** Who someone is to the federation. The one list: SignedInUser.role is one of these. */
export const ROLES = ['member', 'organiser', 'admin'] as const
export type Role = (typeof ROLES)[number]

/** The roles that reach the organiser console (which programmes: app/models/organiser/scope.server.ts). */
export const STAFF_ROLES: readonly Role[] = ['organiser', 'admin']
export const isStaff = (role: string) => (STAFF_ROLES as readonly string[]).includes(role)

/** A role read from the database; anything else (a hand-edited row) counts as a member. */
export const toRole = (value: string): Role => ((ROLES as readonly string[]).includes(value) ? (value as Role) : 'member')
