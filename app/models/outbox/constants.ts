/** pending → sending (leased) → sent, or failed (parked); held waits for a verified address. */
export const MAIL_STATUSES = ['pending', 'sending', 'held', 'sent', 'failed'] as const
export type MailStatus = (typeof MAIL_STATUSES)[number]
