import ExcelJS from 'exceljs'
import { toCsv } from '~/utils/csv.server'
import { shanghaiDay } from '~/utils/time'
import type { ReportTable } from './tables'

const sheetName = (title: string) => title.replace(/[\\/?*[\]:]/g, ' ').slice(0, 31)

/**
 * The report as one .xlsx workbook (exceljs): the summary paragraph first, then one sheet per
 * table — numbers as numbers (rates as percentages), dates as dates, text as text (a cell that
 * starts like a formula stays text: exceljs writes strings as strings, never formulas).
 */
export async function reportWorkbook(tables: ReportTable[], summary: { title: string; sentences: string[] }) {
  const workbook = new ExcelJS.Workbook()
  workbook.creator = 'Carnation 康乃馨'
  const first = workbook.addWorksheet(sheetName(summary.title))
  first.getColumn(1).width = 100
  for (const sentence of summary.sentences) first.addRow([sentence]).getCell(1).alignment = { wrapText: true }
  for (const table of tables) {
    const sheet = workbook.addWorksheet(sheetName(table.title))
    sheet.addRow(table.columns).font = { bold: true }
    for (const row of table.rows) sheet.addRow(row)
    table.columns.forEach((name, i) => {
      const column = sheet.getColumn(i + 1)
      column.width = Math.max(10, Math.min(40, name.length * 2 + 4))
      const sample = table.rows.find((r) => r[i] !== null)?.[i]
      if (sample instanceof Date) column.numFmt = 'yyyy-mm-dd'
    })
    sheet.views = [{ state: 'frozen', ySplit: 1 }]
  }
  return Buffer.from(await workbook.xlsx.writeBuffer())
}

/** One table as CSV for Excel (BOM, CRLF, formulas neutralised; dates as YYYY-MM-DD). */
export function reportCsv(table: ReportTable) {
  return toCsv([table.columns, ...table.rows.map((row) => row.map((cell) => (cell instanceof Date ? shanghaiDay(cell) : cell)))])
}
