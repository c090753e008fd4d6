import { episodeQueryGroup } from './episode-query-group';
import { clusteredProportion, clusterSumsSql, median, proportion, quartilesSql } from './values';

/**
 * measures.md §4. A missed screen in the final 30 days breaks missing = positive abstinence
 * (ep_summary.abstinent_final30_mip), as the golden fixture confirms.
 */
export const abstinenceMeasures = episodeQueryGroup({
  id: 'abstinence',
  measures: ['negative_screen_rate', 'abstinent_final30_cc', 'abstinent_final30_mip', 'longest_negative_run'],
  needs: ['drug_screens'],
  columns: [
    clusterSumsSql('e.screens_negative', 'e.screens_negative + e.screens_positive', 'neg'),
    'count(*) FILTER (WHERE e.abstinent_final30_cc)::INTEGER AS final30_cc_yes',
    'count(e.abstinent_final30_cc)::INTEGER AS final30_cc_n',
    'count(*) FILTER (WHERE e.abstinent_final30_mip)::INTEGER AS final30_mip_yes',
    'count(*) FILTER (WHERE e.discharged)::INTEGER AS discharged',
    quartilesSql('CASE WHEN e.screens > 0 THEN e.longest_negative_run END', 'run'),
  ],
  values: (r) => ({
    negative_screen_rate: clusteredProportion(r, 'neg'),
    abstinent_final30_cc: proportion(r?.final30_cc_yes as number, r?.final30_cc_n as number),
    abstinent_final30_mip: proportion(r?.final30_mip_yes as number, r?.discharged as number),
    longest_negative_run: median(r, 'run'),
  }),
});
