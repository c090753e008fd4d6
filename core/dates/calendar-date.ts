/**
 * The one check of a calendar date 'YYYY-MM-DD' (URL state, the command line, cohorts, the
 * manifest): the text must name a day that exists (2023-02-29 does not), years 0001–9999.
 */
const SHAPE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isCalendarDate(s: unknown): s is string {
  if (typeof s !== 'string') return false;
  const m = SHAPE.exec(s);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (y < 1 || mo < 1 || mo > 12 || d < 1) return false;
  const day = new Date(0);
  day.setUTCFullYear(y, mo - 1, d);
  return day.getUTCFullYear() === y && day.getUTCMonth() === mo - 1 && day.getUTCDate() === d;
}

/** Why a text is not a calendar date, for a message; null when it is one. */
export function calendarDateProblem(s: string): string | null {
  if (isCalendarDate(s)) return null;
  return SHAPE.test(s) ? `${s} is not a day of the calendar` : `${s} is not a date YYYY-MM-DD`;
}
