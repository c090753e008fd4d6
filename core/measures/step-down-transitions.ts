import { LEVEL_RANK } from '../contract/codes';
import type { TableName } from '../contract/schema';
import { quoteLiteral } from '../engine/sql';
import { ENCOUNTER_TOTALS } from '../validate/encounter-totals';
import { inSummaryOrder } from './episode-order';

/** LEVEL_RANK as a SQL relation lr(level, rank). */
const LEVEL_RANKS = `SELECT * FROM (VALUES ${Object.entries(LEVEL_RANK)
  .map(([level, rank]) => `(${quoteLiteral(level)}, ${rank})`)
  .join(', ')}) AS t(level, rank)`;

/**
 * First attended encounter of every episode and whether it has encounters at all, from the
 * encounter totals (clean encounters lie within their episode's dates, measures.md §3). Without
 * an encounters table no episode has encounters.
 */
function firstAttendedCte(hasEncounters: boolean): string {
  if (!hasEncounters)
    return `fa AS (SELECT NULL::BIGINT AS episode_id, NULL::DATE AS first_attended, NULL::BIGINT AS encounters WHERE false)`;
  return `fa AS (
  SELECT episode_id, min(first_attended) AS first_attended, sum(encounters)::BIGINT AS encounters
  FROM ${ENCOUNTER_TOTALS} GROUP BY episode_id
)`;
}

/**
 * `ep_transition`: one row per episode of any level (measures.md §7), levels compared with
 * the episode's OWN level, so any cohort level works. One parameter, E; built after ep_summary,
 * in its row order (inSummaryOrder).
 * - next episode: the same client's earliest other episode admitted after this admission and
 *   at most 30 days after this discharge (ties: lowest episode_id); transition names its
 *   level: step_down, step_up, readmission (same rank), none; NULL while open.
 * - continuity_gap (step-downs): days from discharge to the next episode's first attended
 *   encounter; to its admit date when it has no encounters at all; NULL when it has
 *   encounters but never attended one (no continuity).
 * - follow_up_gap (v1.1, the payer's view): the same gap for the next episode of any level,
 *   among discharges with discharge + 30 ≤ E (follow_up_eligible).
 * - stepped_down_into: a higher level other than detox discharged in [admit − 14, admit].
 * - step_up_90_eligible: discharged with discharge + 90 ≤ E; step_up_90: then admitted at a
 *   higher level in (discharge, discharge + 90].
 */
export function episodeTransitionSql(tables: ReadonlySet<TableName>): string {
  return `CREATE OR REPLACE TABLE ep_transition AS
${inSummaryOrder(`WITH p AS (SELECT ?::DATE AS e),
lr AS (${LEVEL_RANKS}),
ep AS (
  SELECT e.episode_id, e.client_id, e.level_of_care, e.admit_date, e.discharge_date, lr.rank
  FROM episodes e JOIN lr ON lr.level = e.level_of_care
),
nxt AS (
  SELECT a.episode_id, b.episode_id AS next_episode_id, b.level_of_care AS next_level,
    b.admit_date AS next_admit_date, b.rank AS next_rank
  FROM ep a JOIN ep b ON b.client_id = a.client_id AND b.episode_id <> a.episode_id
    AND b.admit_date > a.admit_date AND b.admit_date <= a.discharge_date + 30
  QUALIFY row_number() OVER (PARTITION BY a.episode_id ORDER BY b.admit_date, b.episode_id) = 1
),
${firstAttendedCte(tables.has('encounters'))},
stepped_into AS (
  SELECT DISTINCT a.episode_id
  FROM ep a JOIN ep b ON b.client_id = a.client_id AND b.episode_id <> a.episode_id
    AND b.rank > a.rank AND b.level_of_care <> 'detox'
    AND b.discharge_date BETWEEN a.admit_date - 14 AND a.admit_date
),
stepped_up AS (
  SELECT DISTINCT a.episode_id
  FROM ep a JOIN ep b ON b.client_id = a.client_id AND b.episode_id <> a.episode_id
    AND b.rank > a.rank AND b.admit_date > a.discharge_date AND b.admit_date <= a.discharge_date + 90
),
t AS (
  SELECT ep.episode_id, ep.discharge_date, n.next_episode_id, n.next_level, n.next_admit_date,
    CASE
      WHEN ep.discharge_date IS NULL THEN NULL
      WHEN n.next_episode_id IS NULL THEN 'none'
      WHEN n.next_rank < ep.rank THEN 'step_down'
      WHEN n.next_rank > ep.rank THEN 'step_up'
      ELSE 'readmission'
    END AS transition,
    CASE
      WHEN fa.first_attended IS NOT NULL THEN fa.first_attended
      WHEN coalesce(fa.encounters, 0) = 0 THEN n.next_admit_date
    END AS next_start,
    si.episode_id IS NOT NULL AS stepped_down_into,
    (ep.discharge_date IS NOT NULL AND ep.discharge_date + 30 <= p.e) AS follow_up_eligible,
    (ep.discharge_date IS NOT NULL AND ep.discharge_date + 90 <= p.e) AS step_up_90_eligible,
    su.episode_id IS NOT NULL AS stepped_up_90
  FROM ep CROSS JOIN p
  LEFT JOIN nxt n ON n.episode_id = ep.episode_id
  LEFT JOIN fa ON fa.episode_id = n.next_episode_id
  LEFT JOIN stepped_into si ON si.episode_id = ep.episode_id
  LEFT JOIN stepped_up su ON su.episode_id = ep.episode_id
)
SELECT episode_id, next_episode_id, next_level, next_admit_date, transition,
  CASE WHEN transition = 'step_down' THEN (next_start - discharge_date)::INTEGER END AS continuity_gap,
  follow_up_eligible, CASE WHEN follow_up_eligible THEN (next_start - discharge_date)::INTEGER END AS follow_up_gap,
  stepped_down_into, step_up_90_eligible,
  CASE WHEN step_up_90_eligible THEN stepped_up_90 END AS step_up_90
FROM t`)}`;
}
