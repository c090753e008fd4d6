/**
 * RFC 4180 CSV with formula-leading text neutralised (OWASP "CSV injection"): a text cell that
 * starts with = + - @ tab or CR gets a leading ' and quotes, so no spreadsheet runs it. Numbers
 * are written as numbers (a negative number stays a number).
 */
export type CsvCell = string | number | boolean | null | undefined;

const FORMULA_LEAD = /^[=+\-@\t\r]/;

export function csvField(v: CsvCell): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : '';
  const s = String(v);
  const text = FORMULA_LEAD.test(s) ? `'${s}` : s;
  return /[",\n\r]/.test(text) || text !== s ? `"${text.replaceAll('"', '""')}"` : text;
}

/** The rows as CSV text, CRLF line ends and a final CRLF. */
export const toCsv = (rows: readonly (readonly CsvCell[])[]): string =>
  rows.map((r) => r.map(csvField).join(',')).join('\r\n') + '\r\n';
