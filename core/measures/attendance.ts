import type { MeasureGroup } from './group';
import {
  clusteredProportion,
  clusterSumsSql,
  COHORT_FROM,
  median,
  proportion,
  quartilesSql,
  setsByGroup,
} from './values';

/** ASAM 2.1 minimum weekly hours: 9 for adults, 6 for ages 12–17. */
export const ASAM_MIN_HOURS = { adult: 9, adolescent: 6 } as const;

const SQL = `SELECT c.grp,
  ${clusterSumsSql('e.enc_attended', 'e.enc_attended + e.enc_no_show + e.enc_late_cancel', 'att')},
  ${quartilesSql('e.hours_per_week', 'hpw')},
  count(*) FILTER (WHERE e.hours_per_week >= CASE WHEN e.age_at_admit < 18 THEN ${ASAM_MIN_HOURS.adolescent} ELSE ${ASAM_MIN_HOURS.adult} END)::INTEGER AS meets,
  count(e.hours_per_week)::INTEGER AS episodes
FROM ${COHORT_FROM}
GROUP BY c.grp`;

/** measures.md §3 (encounters within the episode's dates; ep_summary does the dating); the episode is the cluster. */
export const attendanceMeasures: MeasureGroup = {
  id: 'attendance',
  measures: ['attendance_rate', 'hours_per_week', 'meets_asam_intensity'],
  needs: ['encounters'],
  sql: { attendance: SQL },
  compute: (ctx, groups) =>
    setsByGroup(ctx, groups, SQL, (r) => ({
      attendance_rate: clusteredProportion(r, 'att'),
      hours_per_week: median(r, 'hpw'),
      meets_asam_intensity: proportion(r?.meets as number, r?.episodes as number),
    })),
};
