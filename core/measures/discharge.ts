import { DISCHARGE_REASONS } from '../contract/codes';
import type { MeasureGroup } from './group';
import type { Counts, MeasureSet } from './types';
import { COHORT_FROM, median, proportion, quartilesSql, rowsByGroup } from './values';

const byReasonName = (reason: string) => `los_median_${reason}`;

const SUMMARY = `SELECT c.grp,
  count(*) FILTER (WHERE e.discharged)::INTEGER AS discharged,
  count(*) FILTER (WHERE e.completed)::INTEGER AS completed,
  ${quartilesSql('CASE WHEN e.discharged THEN e.los END', 'los')}
FROM ${COHORT_FROM}
GROUP BY c.grp`;

const BY_REASON = `SELECT c.grp, e.discharge_reason AS reason, count(*)::INTEGER AS n, ${quartilesSql('e.los', 'los')}
FROM ${COHORT_FROM}
WHERE e.discharged
GROUP BY c.grp, e.discharge_reason`;

/** measures.md §1: completion, the discharge reasons and length of stay. */
export const dischargeMeasures: MeasureGroup = {
  id: 'discharge',
  measures: ['completion_rate', 'discharge_reasons', 'los_median', ...DISCHARGE_REASONS.map(byReasonName)],
  needs: [],
  sql: { summary: SUMMARY, by_reason: BY_REASON },
  async compute(ctx, groups) {
    const summary = await rowsByGroup(ctx, SUMMARY);
    const byReason = await ctx.conn.query(BY_REASON);
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
        discharge_reasons: reasons,
        los_median: median(s, 'los'),
      };
      for (const reason of DISCHARGE_REASONS)
        set[byReasonName(reason)] = median(
          rows.find((x) => x.reason === reason),
          'los',
        );
      out.set(g, set);
    }
    return out;
  },
};
