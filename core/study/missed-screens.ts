import type { Connector } from '../engine/connector';
import type { Proportion } from '../measures/types';
import { COHORT_FROM, proportion } from '../measures/values';

/**
 * Discharged episodes of each grp of cohort_eps whose final-30-day window (measures.md §4) holds
 * no screen or a missed one: the episodes the two abstinence conventions treat differently
 * (missing = positive counts them as not abstinent; complete case drops those with no result).
 */
export const MISSED_SCREENS_SQL = `SELECT e.grp,
  count(*) FILTER (WHERE e.discharged)::INTEGER AS discharged,
  count(*) FILTER (WHERE e.discharged AND (e.final30_screens = 0 OR e.final30_missed > 0))::INTEGER AS missed
FROM ${COHORT_FROM}
GROUP BY e.grp`;

export async function missedScreens(conn: Connector): Promise<Map<string, Proportion>> {
  const rows = await conn.query<{ grp: string; discharged: number; missed: number }>(MISSED_SCREENS_SQL);
  return new Map(rows.map((r) => [r.grp, proportion(r.missed, r.discharged)]));
}
