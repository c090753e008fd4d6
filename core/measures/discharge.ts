import { DISCHARGE_REASONS } from '../contract/codes';
import { asksFor, computedOnly, rowColumns, type MeasureGroup, type RowItem } from './group';
import type { Counts, MeasureSet, QuarterRate } from './types';
import { COHORT_COUNTS, cohortCounts } from './cohort-counts';
import { querySums } from './program-sums';
import {
  COHORT_FROM,
  groupRowSql,
  median,
  medianOfCounts,
  ownRows,
  proportion,
  quartilesSql,
} from './values';

const byReasonName = (reason: string) => `los_median_${reason}`;

const SUMMARY_ITEMS: readonly RowItem[] = [
  { sql: 'count(*) FILTER (WHERE e.discharged)::INTEGER AS discharged', for: ['completion_rate'] },
  { sql: 'count(*) FILTER (WHERE e.completed)::INTEGER AS completed', for: ['completion_rate'] },
];
const SUMMARY = groupRowSql(rowColumns(SUMMARY_ITEMS));

const BY_REASON = `SELECT e.grp, e.discharge_reason AS reason, count(*)::INTEGER AS n, ${quartilesSql('e.los', 'los')}
FROM ${COHORT_FROM}
WHERE e.discharged
GROUP BY e.grp, e.discharge_reason`;

/** measures.md §11: completion by calendar quarter of discharge, e.g. "2024-Q3". */
const BY_QUARTER = `SELECT e.grp, year(e.discharge_date)::VARCHAR || '-Q' || quarter(e.discharge_date)::VARCHAR AS quarter,
  count(*) FILTER (WHERE e.completed)::INTEGER AS completed,
  count(*)::INTEGER AS discharged
FROM ${COHORT_FROM}
WHERE e.discharged
GROUP BY 1, 2
ORDER BY 1, 2`;

/** measures.md §1: completion, the discharge reasons and length of stay; §11 completion_by_quarter. */
export const dischargeMeasures: MeasureGroup = {
  id: 'discharge',
  measures: [
    'completion_rate',
    'discharge_reasons',
    'los_median',
    ...DISCHARGE_REASONS.map(byReasonName),
    'completion_by_quarter',
  ],
  needs: [],
  rowItems: SUMMARY_ITEMS,
  // los_median: the discharged episodes' LOS by day are the in-treatment curve's events by time
  sql: { summary: SUMMARY, los_by_day: COHORT_COUNTS, by_reason: BY_REASON, by_quarter: BY_QUARTER },
  async compute(ctx, groups, only, rows) {
    const summary = rows ?? (await ownRows(ctx, rowColumns(SUMMARY_ITEMS, only)));
    const reasonsAsked = asksFor(only, ['discharge_reasons', ...DISCHARGE_REASONS.map(byReasonName)]);
    const quartersAsked = asksFor(only, ['completion_by_quarter']);
    const losAsked = asksFor(only, ['los_median']);
    const losByDay = losAsked ? await cohortCounts(ctx, 'in_treatment') : [];
    const byReason = reasonsAsked
      ? await querySums(ctx, { sql: BY_REASON, keys: ['reason'], perGroup: true })
      : [];
    const byQuarter = quartersAsked
      ? await querySums<{ grp: string; quarter: string; completed: number; discharged: number }>(ctx, {
          sql: BY_QUARTER,
          keys: ['quarter'],
        })
      : [];
    const out = new Map<string, MeasureSet>();
    for (const g of groups) {
      const s = summary.get(g);
      const rows = byReason.filter((r) => r.grp === g);
      const reasons: Counts = {};
      for (const reason of DISCHARGE_REASONS) {
        const r = rows.find((x) => x.reason === reason);
        if (r) reasons[reason] = Number(r.n);
      }
      const set: MeasureSet = {
        completion_rate: proportion(s?.completed as number, s?.discharged as number),
      };
      if (losAsked)
        set.los_median = medianOfCounts(
          losByDay.flatMap((r) =>
            r.grp === g && r.time !== null && r.events ? [{ value: r.time, n: r.events }] : [],
          ),
        );
      if (reasonsAsked) {
        set.discharge_reasons = reasons;
        for (const reason of DISCHARGE_REASONS)
          set[byReasonName(reason)] = median(
            rows.find((x) => x.reason === reason),
            'los',
          );
      }
      if (quartersAsked)
        set.completion_by_quarter = byQuarter
          .filter((r) => r.grp === g)
          .map((r): QuarterRate => ({ quarter: r.quarter, ...proportion(r.completed, r.discharged) }));
      out.set(g, computedOnly(set, SUMMARY_ITEMS, only));
    }
    return out;
  },
};
