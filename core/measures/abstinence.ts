import { episodeQueryGroup } from './episode-query-group';
import { clusteredProportion, clusterSumsSql, median, proportion } from './values';

/**
 * measures.md §4. A missed screen in the final 30 days breaks missing = positive abstinence
 * (ep_summary.abstinent_final30_mip), as the golden fixture confirms.
 */
export const abstinenceMeasures = episodeQueryGroup({
  id: 'abstinence',
  measures: ['negative_screen_rate', 'abstinent_final30_cc', 'abstinent_final30_mip', 'longest_negative_run'],
  needs: ['drug_screens'],
  items: [
    {
      sql: clusterSumsSql('e.screens_negative', 'e.screens_negative + e.screens_positive', 'neg'),
      for: ['negative_screen_rate'],
    },
    {
      sql: 'count(*) FILTER (WHERE e.abstinent_final30_cc)::INTEGER AS final30_cc_yes',
      for: ['abstinent_final30_cc'],
    },
    { sql: 'count(e.abstinent_final30_cc)::INTEGER AS final30_cc_n', for: ['abstinent_final30_cc'] },
    {
      sql: 'count(*) FILTER (WHERE e.abstinent_final30_mip)::INTEGER AS final30_mip_yes',
      for: ['abstinent_final30_mip'],
    },
    { sql: 'count(*) FILTER (WHERE e.discharged)::INTEGER AS discharged', for: ['abstinent_final30_mip'] },
  ],
  counts: [
    {
      expr: 'CASE WHEN e.screens > 0 THEN e.longest_negative_run END',
      name: 'run',
      for: ['longest_negative_run'],
    },
  ],
  values: (r) => ({
    negative_screen_rate: clusteredProportion(r, 'neg'),
    abstinent_final30_cc: proportion(r?.final30_cc_yes as number, r?.final30_cc_n as number),
    abstinent_final30_mip: proportion(r?.final30_mip_yes as number, r?.discharged as number),
    longest_negative_run: median(r, 'run'),
  }),
});
