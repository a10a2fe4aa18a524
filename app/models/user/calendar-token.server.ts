import { randomBytes } from 'node:crypto'

/**
 * The secret in a member's private calendar-feed URL: 192 random bits from the OS. Never a
 * cuid (those start with a timestamp shared with the ids made in the same instant).
 */
export function newCalendarToken() {
  return randomBytes(24).toString('base64url')
}
