import { episodeQueryGroup } from './episode-query-group';
import { clusteredProportion, clusterSumsSql, median, proportion, quartilesSql } from './values';

/** ASAM 2.1 minimum weekly hours: 9 for adults, 6 for ages 12–17. */
export const ASAM_MIN_HOURS = { adult: 9, adolescent: 6 } as const;

/** measures.md §3 (encounters within the episode's dates; ep_summary does the dating); the episode is the cluster. */
export const attendanceMeasures = episodeQueryGroup({
  id: 'attendance',
  measures: ['attendance_rate', 'hours_per_week', 'meets_asam_intensity'],
  needs: ['encounters'],
  items: [
    {
      sql: clusterSumsSql('e.enc_attended', 'e.enc_attended + e.enc_no_show + e.enc_late_cancel', 'att'),
      for: ['attendance_rate'],
    },
    { sql: quartilesSql('e.hours_per_week', 'hpw'), for: ['hours_per_week'] },
    {
      sql: `count(*) FILTER (WHERE e.hours_per_week >= CASE WHEN e.age_at_admit < 18 THEN ${ASAM_MIN_HOURS.adolescent} ELSE ${ASAM_MIN_HOURS.adult} END)::INTEGER AS meets`,
      for: ['meets_asam_intensity'],
    },
    { sql: 'count(e.hours_per_week)::INTEGER AS episodes', for: ['meets_asam_intensity'] },
  ],
  values: (r) => ({
    attendance_rate: clusteredProportion(r, 'att'),
    hours_per_week: median(r, 'hpw'),
    meets_asam_intensity: proportion(r?.meets as number, r?.episodes as number),
  }),
});
