/**
 * A booking's record for one meeting day (the Attendance table). No record is "expected".
 * present: arrived · left: collected (camps) or gone · absent: no record by the day's end ·
 * excused: an absence reported in advance.
 */
export const ATTENDANCE_STATUSES = ['present', 'left', 'absent', 'excused'] as const
export type AttendanceStatus = (typeof ATTENDANCE_STATUSES)[number]
export type DayState = 'expected' | AttendanceStatus

/** Came that day (what completion counts). */
export const ATTENDED: readonly AttendanceStatus[] = ['present', 'left']
export const attended = (status: string | null | undefined) => status === 'present' || status === 'left'

/** A course's completion rule, as the programme sets it; null when there is none. */
export type CompletionRule = { meetings: number | null; percent: number | null }

/** Does attending `attendedDays` of `meetings` complete the course? */
export function completes(rule: CompletionRule, attendedDays: number, meetings: number) {
  if (rule.meetings === null && rule.percent === null) return false
  if (meetings === 0) return false
  if (rule.meetings !== null && attendedDays < Math.min(rule.meetings, meetings)) return false
  if (rule.percent !== null && attendedDays * 100 < rule.percent * meetings) return false
  return true
}

export const hasCompletionRule = (rule: CompletionRule) => rule.meetings !== null || rule.percent !== null

/** A certificate's code as printed and typed: groups of four (pages and the server share it). */
export const formatCertificateCode = (code: string) => code.match(/.{1,4}/g)!.join('-')
