import { FORMATS, type Format } from '../contract/codes';
import type { TableName } from '../contract/schema';
import { ENCOUNTER_TOTALS, PAID_KNOWN } from '../validate/encounter-totals';
import { inSummaryOrder } from './episode-order';

/** The minutes a format's attended cost is priced on: a group row's minutes are shared by its attendees. */
const pricedMinutes = (f: Format) => (f === 'group' ? 't.group_minutes_per_attendee' : `t.minutes_${f}`);

/**
 * `ep_cost`: one row per episode of any level (measures.md §8), from the encounter totals (one row
 * per episode and staff role; clean encounters lie within their episode's dates, §3). No
 * parameter; built after ep_summary, in its row order (inSummaryOrder); without encounters,
 * typed NULLs.
 * - staff cost = hourly_cost(program, staff_role) × minutes / 60 (NULL when the rate is missing:
 *   such encounters are counted in `unpriced`);
 * - attended individual/family: the staff cost; attended group: the staff cost divided by the
 *   attended rows of all clean encounters sharing its group_session_id (group_minutes_per_attendee);
 * - individual/family no_show or late_cancel: the staff cost, as no-show cost; absent group
 *   rows and cancelled rows: nothing;
 * - cost = attended cost + no-show cost; hours_<format> / cost_<format>: attended client-hours
 *   and their cost; group_share = group hours / all attended hours (NULL without any);
 * - paid: sum of paid_amount (NULL when the column is absent).
 * Without cost_rates every cost column is NULL and the hours are still counted.
 */
export function episodeCostSql(tables: ReadonlySet<TableName>): string {
  if (!tables.has('encounters'))
    return `CREATE OR REPLACE TABLE ep_cost AS ${inSummaryOrder(`SELECT episode_id, ${NO_COST_COLUMNS} FROM episodes`)}`;
  const hasRates = tables.has('cost_rates');
  const rate = hasRates ? 'r.hourly_cost' : 'NULL::DOUBLE';
  const otherMinutes = (f: Format) =>
    FORMATS.filter((o) => o !== f)
      .map((o) => `t.minutes_${o}`)
      .join(' + ');
  // As a sum over encounter rows: a format's cost is NULL only when every row of the episode is
  // an unpriced attended row of that format (minutes are ≥ 1, so no other format's minutes).
  const perFormat = FORMATS.map(
    (f) => `sum(t.minutes_${f})::BIGINT AS minutes_${f},
    sum(CASE
      WHEN t.rate IS NOT NULL THEN t.rate * ${pricedMinutes(f)} / 60.0
      WHEN t.attended = t.encounters AND ${otherMinutes(f)} = 0 THEN NULL
      ELSE 0.0
    END)::DOUBLE AS cost_${f}`,
  ).join(',\n    ');
  const attendedMinutes = FORMATS.map(pricedMinutes).join(' + ');
  const zeros = FORMATS.map((f) => `coalesce(a.minutes_${f}, 0) / 60.0 AS hours_${f}, a.cost_${f}`).join(
    ', ',
  );
  // from integer minutes, so that equal shares are equal doubles (tertile ties stay together)
  const allMinutes = FORMATS.map((f) => `coalesce(a.minutes_${f}, 0)`).join(' + ');
  return `CREATE OR REPLACE TABLE ep_cost AS
${inSummaryOrder(`WITH t AS (
  SELECT t.*, ${rate} AS rate
  FROM ${ENCOUNTER_TOTALS} t JOIN episodes ep ON ep.episode_id = t.episode_id
  ${hasRates ? 'LEFT JOIN cost_rates r ON r.program_id = ep.program_id AND r.staff_role = t.staff_role' : ''}
),
a AS (
  SELECT t.episode_id,
    sum(t.rate * (${attendedMinutes}) / 60.0)::DOUBLE AS attended_cost,
    sum(t.rate * t.missed_minutes / 60.0)::DOUBLE AS no_show_cost,
    ${perFormat},
    sum(t.paid)::DOUBLE AS paid,
    sum(CASE WHEN t.rate IS NULL THEN t.attended + t.missed ELSE 0 END)::INTEGER AS unpriced
  FROM t GROUP BY t.episode_id
),
paid_known AS (${PAID_KNOWN})
SELECT ep.episode_id,
  ${hasRates ? 'coalesce(a.attended_cost, 0) + coalesce(a.no_show_cost, 0)' : 'NULL::DOUBLE'} AS cost,
  ${hasRates ? 'coalesce(a.attended_cost, 0)' : 'NULL::DOUBLE'} AS attended_cost,
  ${hasRates ? 'coalesce(a.no_show_cost, 0)' : 'NULL::DOUBLE'} AS no_show_cost,
  ${zeros},
  CASE WHEN ${allMinutes} > 0 THEN coalesce(a.minutes_group, 0) / (${allMinutes}) END AS group_share,
  CASE WHEN paid_known.yes THEN coalesce(a.paid, 0) END::DOUBLE AS paid,
  coalesce(a.unpriced, 0) AS unpriced
FROM episodes ep CROSS JOIN paid_known LEFT JOIN a ON a.episode_id = ep.episode_id`)}`;
}

/** ep_cost's columns besides episode_id, with their types: NULLs of these types without encounters. */
const COST_COLUMNS: Readonly<Record<string, 'DOUBLE' | 'INTEGER'>> = {
  cost: 'DOUBLE',
  attended_cost: 'DOUBLE',
  no_show_cost: 'DOUBLE',
  ...Object.fromEntries(
    FORMATS.flatMap((f) => [
      [`hours_${f}`, 'DOUBLE'],
      [`cost_${f}`, 'DOUBLE'],
    ]),
  ),
  group_share: 'DOUBLE',
  paid: 'DOUBLE',
  unpriced: 'INTEGER',
};

/** ep_cost's columns as typed NULLs, for an export without encounters (nothing to cost). */
const NO_COST_COLUMNS = Object.entries(COST_COLUMNS)
  .map(([name, type]) => `NULL::${type} AS ${name}`)
  .join(', ');
