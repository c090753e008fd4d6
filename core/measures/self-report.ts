import { episodeQueryGroup } from './episode-query-group';
import { meanSql, meanWithT, proportion } from './values';

/** measures.md §5: self-reported use at admission and discharge. */
export const selfReportMeasures = episodeQueryGroup({
  id: 'self-report',
  measures: ['abstinent_at_discharge_cc', 'abstinent_at_discharge_mip', 'use_days_change'],
  needs: [],
  items: [
    {
      sql: 'count(*) FILTER (WHERE e.discharged AND e.use_days_discharge = 0)::INTEGER AS abstinent',
      for: ['abstinent_at_discharge_cc', 'abstinent_at_discharge_mip'],
    },
    {
      sql: 'count(*) FILTER (WHERE e.discharged AND e.use_days_discharge IS NOT NULL)::INTEGER AS with_value',
      for: ['abstinent_at_discharge_cc'],
    },
    { sql: 'count(*) FILTER (WHERE e.discharged)::INTEGER AS discharged', for: ['abstinent_at_discharge_mip'] },
    { sql: meanSql('(e.use_days_admit - e.use_days_discharge)', 'change'), for: ['use_days_change'] },
  ],
  values: (r) => ({
    abstinent_at_discharge_cc: proportion(r?.abstinent as number, r?.with_value as number),
    abstinent_at_discharge_mip: proportion(r?.abstinent as number, r?.discharged as number),
    use_days_change: meanWithT(r, 'change'),
  }),
});
