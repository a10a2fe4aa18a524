import { stringify } from 'csv-stringify/sync'

/**
 * Every CSV the product writes: UTF-8 with a byte-order mark and CRLF (Excel opens Chinese
 * text correctly), quoted by csv-stringify, and no cell a spreadsheet would run as a formula.
 * A member named =HYPERLINK("http://x","y") must reach the organiser's sheet as text: cells
 * starting with = + - @ tab or CR get a leading apostrophe (OWASP "CSV injection").
 */
export function toCsv(rows: (string | number | null | undefined)[][]) {
  return (
    '\uFEFF' +
    stringify(
      rows.map((row) => row.map(neutraliseFormula)),
      { record_delimiter: 'windows' },
    )
  )
}

export function neutraliseFormula(cell: string | number | null | undefined) {
  if (cell === null || cell === undefined) return ''
  if (typeof cell === 'number') return String(cell)
  return /^[=+\-@\t\r]/.test(cell) ? `'${cell}` : cell
}
