import type { MeasureGroup } from './group';
import { COHORT_FROM, meanSql, meanWithT, proportion, setsByGroup } from './values';

const SQL = `SELECT c.grp,
  count(*) FILTER (WHERE e.discharged AND e.use_days_discharge = 0)::INTEGER AS abstinent,
  count(*) FILTER (WHERE e.discharged AND e.use_days_discharge IS NOT NULL)::INTEGER AS with_value,
  count(*) FILTER (WHERE e.discharged)::INTEGER AS discharged,
  ${meanSql('(e.use_days_admit - e.use_days_discharge)', 'change')}
FROM ${COHORT_FROM}
GROUP BY c.grp`;

/** measures.md §5: self-reported use at admission and discharge. */
export const selfReportMeasures: MeasureGroup = {
  id: 'self-report',
  measures: ['abstinent_at_discharge_cc', 'abstinent_at_discharge_mip', 'use_days_change'],
  needs: [],
  sql: { self_report: SQL },
  compute: (ctx, groups) =>
    setsByGroup(ctx, groups, SQL, (r) => ({
      abstinent_at_discharge_cc: proportion(r?.abstinent as number, r?.with_value as number),
      abstinent_at_discharge_mip: proportion(r?.abstinent as number, r?.discharged as number),
      use_days_change: meanWithT(r, 'change'),
    })),
};
