/** What a participant lets a mutual match see of them, besides the display name. */
export const SHARE_KINDS = ['none', 'phone', 'wechat'] as const
export type ShareKind = (typeof SHARE_KINDS)[number]

export const ROUND_STATUSES = ['open', 'closed'] as const
export type RoundStatus = (typeof ROUND_STATUSES)[number]

/** How many badge numbers a participant may choose unless the programme says otherwise. */
export const DEFAULT_MAX_CHOICES = 3

/** A display name suggested from a full name: the given name of a Chinese name (王芳 → 芳), else the first word. */
export function suggestedDisplayName(name: string) {
  const trimmed = name.trim()
  if (/^\p{Script=Han}{2,4}$/u.test(trimmed)) return trimmed.length === 4 ? trimmed.slice(2) : trimmed.slice(1)
  return trimmed.split(/\s+/)[0] ?? trimmed
}
