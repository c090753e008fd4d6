import type { MeasureGroup } from './group';
import { COHORT_FROM, median, proportion, quartilesSql, setsByGroup } from './values';

const SQL = `SELECT c.grp,
  ${quartilesSql('e.wait_days', 'wait')},
  count(*) FILTER (WHERE e.wait_days <= 7)::INTEGER AS within_7
FROM ${COHORT_FROM}
GROUP BY c.grp`;

/** measures.md §9: wait from referral to admission, where the referral date is known. */
export const accessMeasures: MeasureGroup = {
  id: 'access',
  measures: ['wait_days', 'admitted_within_7'],
  needs: [],
  sql: { access: SQL },
  compute: (ctx, groups) =>
    setsByGroup(ctx, groups, SQL, (r) => {
      const wait = median(r, 'wait');
      return { wait_days: wait, admitted_within_7: proportion(r?.within_7 as number, wait.n) };
    }),
};
