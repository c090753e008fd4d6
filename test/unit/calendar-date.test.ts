import { describe, expect, it } from 'vitest';
import { calendarDateProblem, isCalendarDate } from '../../core/dates/calendar-date';
import { compileCohort } from '../../core/cohort/compile';
import { quoteDate } from '../../core/engine/sql';
import { parseManifest } from '../../core/validate/manifest';
import { parseSearch } from '../../web/src/state/url-state';
import { parseReportArgs, UsageError } from '../../pipelines/lib/report-args';

/** Finding 7 of #15: impossible calendar dates reached DuckDB; one parser now decides everywhere. */
describe('impossible calendar dates', () => {
  it('knows leap years, month lengths and the shape', () => {
    for (const ok of ['2024-02-29', '2000-02-29', '2023-12-31', '2023-01-01', '0001-01-01', '9999-12-31'])
      expect(isCalendarDate(ok), ok).toBe(true);
    for (const bad of [
      '2023-02-29',
      '1900-02-29',
      '2025-02-30',
      '2023-04-31',
      '2023-13-01',
      '2023-00-10',
      '2023-01-00',
      '0000-01-01',
      '2023-1-01',
      '2023-01-01T00:00',
      ' 2023-01-01',
      'yesterday',
      '',
    ])
      expect(isCalendarDate(bad), bad).toBe(false);
    expect(isCalendarDate(20230101)).toBe(false);
    expect(calendarDateProblem('2023-02-29')).toMatch(/not a day of the calendar/);
    expect(calendarDateProblem('2023/02/01')).toMatch(/not a date YYYY-MM-DD/);
  });

  it('agrees with the calendar on every day of 1999–2001', () => {
    const start = Date.UTC(1999, 0, 1);
    for (let d = 0; d < 3 * 366; d++) {
      const day = new Date(start + d * 86_400_000).toISOString().slice(0, 10);
      expect(isCalendarDate(day)).toBe(true);
    }
  });

  it('every boundary refuses 2023-02-29', () => {
    expect(() => compileCohort({ level: 'iop', from: '2023-02-29' })).toThrow(/not a calendar date/);
    expect(() => quoteDate('2025-02-30')).toThrow(/not a calendar date/);
    expect(parseManifest('{"extract_date": "2023-02-29"}').findings.map((f) => f.rule)).toEqual([
      'manifest.extract_date',
    ]);
    const link = parseSearch('?from=2023-02-29&to=2023-06-30');
    expect(link.state.cohort).toEqual({ level: 'iop', to: '2023-06-30' });
    expect(link.notices.join()).toMatch(/from: "2023-02-29" is not a calendar date/);
    expect(() => parseReportArgs(['x', '--from', '2023-02-29'])).toThrow(UsageError);
    expect(() => parseReportArgs(['x', '--to', '2023-02-29'])).toThrow(/not a day of the calendar/);
  });
});
