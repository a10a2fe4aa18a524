/**
 * The privacy notice in force (its text: `privacy.*` in app/locales). Raise the version when
 * the notice changes in substance: everyone is asked to accept it again before going on, and
 * the acceptance is recorded with the version (docs/privacy.md).
 */
export const NOTICE_VERSION = 2
export const NOTICE_DATE = '2026-12-05'
export const CONSENT_KINDS = ['notice', 'child-data', 'health-notes'] as const
export type ConsentKind = (typeof CONSENT_KINDS)[number]
