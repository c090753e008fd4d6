import { AGE_BANDS, FOLLOWUP_DAYS, FORMATS, NEUTRAL_REASONS, PREMATURE_REASONS } from '../contract/codes';
import type { TableName } from '../contract/schema';
import { quoteLiteral } from '../engine/sql';
import { ENCOUNTER_TOTALS } from '../validate/encounter-totals';
import type { MeasureContext } from './group';

/**
 * `ep_summary`: one row per episode of any level, built once per load, so that every measure
 * query reads episodes rather than encounter or screen rows. Columns that need an absent table
 * are present as typed NULLs, so the SQL downstream is the same whatever the export holds.
 * ep_transition and ep_cost are built after it, in its row order, and read beside it (ep_wide).
 * Sorted by level and program, a program's episodes are one run of rows, which a cohort of chosen
 * programs reads alone (episode-order.ts).
 *
 * Retention (measures.md §2): km_event = premature discharge; km_time = LOS for premature and
 * neutral exits, E − admit for completed, transferred and open episodes.
 */
const list = (xs: readonly string[]) => xs.map(quoteLiteral).join(', ');

const ageBand = `CASE ${AGE_BANDS.map((b) => `WHEN ep.age_at_admit BETWEEN ${b.min} AND ${b.max} THEN ${quoteLiteral(b.label)}`).join(' ')} END`;

/** The episode's own dates: [admit_date, discharge_date or E]. */
const WITHIN = (col: string) => `${col} BETWEEN ep.admit_date AND coalesce(ep.discharge_date, p.e)`;

/** Attended minutes and counts by attendance, from the encounter totals (encounter-totals.ts). */
function encountersCte(present: boolean): string {
  if (!present)
    return `enc AS (SELECT NULL::BIGINT AS episode_id, NULL::INTEGER AS attended_minutes, NULL::INTEGER AS enc_attended,
    NULL::INTEGER AS enc_no_show, NULL::INTEGER AS enc_late_cancel, NULL::INTEGER AS enc_cancelled WHERE false)`;
  return `enc AS (SELECT episode_id,
    sum(${FORMATS.map((f) => `minutes_${f}`).join(' + ')})::INTEGER AS attended_minutes,
    sum(attended)::INTEGER AS enc_attended,
    sum(no_show)::INTEGER AS enc_no_show,
    sum(late_cancel)::INTEGER AS enc_late_cancel,
    sum(cancelled)::INTEGER AS enc_cancelled
  FROM ${ENCOUNTER_TOTALS} GROUP BY episode_id)`;
}

function screensCte(present: boolean): string {
  if (!present)
    return `scr AS (SELECT NULL::BIGINT AS episode_id, NULL::INTEGER AS screens, NULL::INTEGER AS screens_negative,
    NULL::INTEGER AS screens_positive, NULL::INTEGER AS screens_missed, NULL::INTEGER AS final30_screens,
    NULL::INTEGER AS final30_nonmissed, NULL::INTEGER AS final30_negative, NULL::INTEGER AS longest_negative_run WHERE false)`;
  return `s AS (
  SELECT ep.episode_id, x.collected_date, x.result,
    (x.result = 'negative') AS neg,
    (ep.discharge_date IS NOT NULL AND x.collected_date >= ep.discharge_date - 29) AS in_final30,
    sum(CASE WHEN x.result = 'negative' THEN 0 ELSE 1 END) OVER (
      PARTITION BY ep.episode_id ORDER BY x.collected_date, x.screen_id ROWS UNBOUNDED PRECEDING) AS run_id
  FROM episodes ep CROSS JOIN p JOIN drug_screens x ON x.episode_id = ep.episode_id AND ${WITHIN('x.collected_date')}
),
runs AS (SELECT episode_id, run_id, count(*) FILTER (WHERE neg) AS len FROM s GROUP BY episode_id, run_id),
longest AS (SELECT episode_id, max(len) AS len FROM runs GROUP BY episode_id),
scr AS (
  SELECT s.episode_id,
    count(*)::INTEGER AS screens,
    count(*) FILTER (WHERE s.result = 'negative')::INTEGER AS screens_negative,
    count(*) FILTER (WHERE s.result IN ('positive', 'dilute', 'refused'))::INTEGER AS screens_positive,
    count(*) FILTER (WHERE s.result = 'missed')::INTEGER AS screens_missed,
    count(*) FILTER (WHERE s.in_final30)::INTEGER AS final30_screens,
    count(*) FILTER (WHERE s.in_final30 AND s.result <> 'missed')::INTEGER AS final30_nonmissed,
    count(*) FILTER (WHERE s.in_final30 AND s.result = 'negative')::INTEGER AS final30_negative,
    any_value(l.len)::INTEGER AS longest_negative_run
  FROM s JOIN longest l ON l.episode_id = s.episode_id GROUP BY s.episode_id
)`;
}

function followupColumns(present: boolean): string {
  return FOLLOWUP_DAYS.map((k) => {
    const eligible = `(ep.discharge_date IS NOT NULL AND ep.discharge_date + ${k} <= p.e)`;
    if (!present)
      return `${eligible} AS fu${k}_eligible, NULL::BOOLEAN AS fu${k}_reached, NULL::INTEGER AS fu${k}_use_days`;
    return `${eligible} AS fu${k}_eligible,
    CASE WHEN ${eligible} THEN coalesce(f${k}.reached, false) END AS fu${k}_reached,
    CASE WHEN ${eligible} AND f${k}.reached THEN f${k}.use_days_past30::INTEGER END AS fu${k}_use_days`;
  }).join(',\n    ');
}

function followupJoins(present: boolean): string {
  if (!present) return '';
  return FOLLOWUP_DAYS.map(
    (k) => `LEFT JOIN followups f${k} ON f${k}.episode_id = ep.episode_id AND f${k}.target_day = ${k}`,
  ).join('\n');
}

/** The CREATE statement; one parameter, E. */
export function episodeSummarySql(tables: ReadonlySet<TableName>): string {
  const hasEnc = tables.has('encounters');
  const hasScr = tables.has('drug_screens');
  const hasFu = tables.has('followups');
  const los = `(coalesce(ep.discharge_date, p.e) - ep.admit_date)::INTEGER`;
  const premature = `coalesce(ep.discharge_reason IN (${list(PREMATURE_REASONS)}), false)`;
  const neutral = `coalesce(ep.discharge_reason IN (${list(NEUTRAL_REASONS)}), false)`;
  const hoursPerWeek = hasEnc
    ? `coalesce(enc.attended_minutes, 0) / 60.0 / greatest(1.0, ${los} / 7.0)`
    : 'NULL::DOUBLE';
  return `CREATE OR REPLACE TABLE ep_summary AS
WITH p AS (SELECT ?::DATE AS e),
${encountersCte(hasEnc)},
${screensCte(hasScr)}
SELECT
  ep.episode_id, ep.client_id, ep.program_id, ep.level_of_care,
  ep.referral_date, ep.admit_date, ep.discharge_date, ep.discharge_reason,
  (ep.discharge_date IS NOT NULL) AS discharged,
  coalesce(ep.discharge_reason = 'completed', false) AS completed,
  ${premature} AS premature,
  ${neutral} AS neutral,
  ${los} AS los,
  (CASE WHEN ${premature} OR ${neutral} THEN ${los} ELSE p.e - ep.admit_date END)::INTEGER AS km_time,
  ${premature} AS km_event,
  ep.age_at_admit::INTEGER AS age_at_admit,
  ${ageBand} AS age_band,
  ep.sex, ep.race_ethnicity, ep.primary_substance, ep.co_occurring_mh, ep.mat, ep.payer,
  ep.referral_source, ep.housing, ep.prior_episodes::INTEGER AS prior_episodes, ep.employed,
  ep.use_days_admit::INTEGER AS use_days_admit, ep.use_days_discharge::INTEGER AS use_days_discharge,
  (ep.admit_date - ep.referral_date)::INTEGER AS wait_days,
  ${hasEnc ? 'coalesce(enc.attended_minutes, 0)' : 'NULL::INTEGER'} AS attended_minutes,
  ${hasEnc ? 'coalesce(enc.enc_attended, 0)' : 'NULL::INTEGER'} AS enc_attended,
  ${hasEnc ? 'coalesce(enc.enc_no_show, 0)' : 'NULL::INTEGER'} AS enc_no_show,
  ${hasEnc ? 'coalesce(enc.enc_late_cancel, 0)' : 'NULL::INTEGER'} AS enc_late_cancel,
  ${hasEnc ? 'coalesce(enc.enc_cancelled, 0)' : 'NULL::INTEGER'} AS enc_cancelled,
  (${hoursPerWeek})::DOUBLE AS hours_per_week,
  ${hasScr ? 'coalesce(scr.screens, 0)' : 'NULL::INTEGER'} AS screens,
  ${hasScr ? 'coalesce(scr.screens_negative, 0)' : 'NULL::INTEGER'} AS screens_negative,
  ${hasScr ? 'coalesce(scr.screens_positive, 0)' : 'NULL::INTEGER'} AS screens_positive,
  ${hasScr ? 'coalesce(scr.screens_missed, 0)' : 'NULL::INTEGER'} AS screens_missed,
  ${hasScr ? 'coalesce(scr.longest_negative_run, 0)' : 'NULL::INTEGER'} AS longest_negative_run,
  ${hasScr ? 'CASE WHEN ep.discharge_date IS NOT NULL THEN coalesce(scr.final30_screens, 0) END' : 'NULL::INTEGER'} AS final30_screens,
  ${hasScr ? 'CASE WHEN ep.discharge_date IS NOT NULL THEN coalesce(scr.final30_screens - scr.final30_nonmissed, 0) END' : 'NULL::INTEGER'} AS final30_missed,
  ${
    hasScr
      ? `CASE WHEN ep.discharge_date IS NOT NULL AND coalesce(scr.final30_nonmissed, 0) > 0
      THEN scr.final30_negative = scr.final30_nonmissed END`
      : 'NULL::BOOLEAN'
  } AS abstinent_final30_cc,
  ${
    hasScr
      ? `CASE WHEN ep.discharge_date IS NOT NULL
      THEN coalesce(scr.final30_screens, 0) > 0 AND scr.final30_negative = scr.final30_screens END`
      : 'NULL::BOOLEAN'
  } AS abstinent_final30_mip,
  ${followupColumns(hasFu)}
FROM episodes ep CROSS JOIN p
LEFT JOIN enc ON enc.episode_id = ep.episode_id
LEFT JOIN scr ON scr.episode_id = ep.episode_id
${followupJoins(hasFu)}
ORDER BY ep.level_of_care, ep.program_id, ep.episode_id`;
}

/** Builds ep_summary for the loaded export (measures.md "Common ground"). */
export async function prepareEpisodeSummary(ctx: MeasureContext): Promise<void> {
  await ctx.conn.query(episodeSummarySql(ctx.tables), [ctx.extractDate]);
}
