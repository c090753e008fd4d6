import { FORMATS } from '../contract/codes';
import type { TableName } from '../contract/schema';
import type { Connector } from '../engine/connector';

/** Whether the clean `table` has `column` (optional contract columns such as paid_amount). */
export async function hasColumn(conn: Connector, table: string, column: string): Promise<boolean> {
  const rows = await conn.query<{ n: number }>(
    `SELECT count(*)::INTEGER AS n FROM information_schema.columns WHERE table_name = ? AND column_name = ?`,
    [table, column],
  );
  return rows[0].n > 0;
}

/**
 * `ep_cost`: one row per episode of any level (measures.md §8), from its encounters dated
 * within [admit_date, discharge_date or E] (§3). One parameter, E.
 * - staff cost = hourly_cost(program, staff_role) × minutes / 60 (NULL when the rate is missing:
 *   such encounters are counted in `unpriced`);
 * - attended individual/family: the staff cost; attended group: the staff cost divided by the
 *   attended rows of the whole encounters table sharing its group_session_id;
 * - individual/family no_show or late_cancel: the staff cost, as no-show cost; absent group
 *   rows and cancelled rows: nothing;
 * - cost = attended cost + no-show cost; hours_<format> / cost_<format>: attended client-hours
 *   and their cost; group_share = group hours / all attended hours (NULL without any);
 * - paid: sum of paid_amount (NULL when the column is absent).
 * Without cost_rates every cost column is NULL and the hours are still counted.
 * Sessions are joined to the encounters before the episodes, so the hash table is built on the
 * sessions (DuckDB otherwise built it on every joined encounter row: 2× slower, gigabytes at 1M).
 */
export function episodeCostSql(tables: ReadonlySet<TableName>, hasPaid: boolean): string {
  const hasRates = tables.has('cost_rates');
  const rate = hasRates ? 'r.hourly_cost' : 'NULL::DOUBLE';
  const staffCost = `(${rate} * x.minutes / 60.0)`;
  const perFormat = FORMATS.map(
    (
      f,
    ) => `sum(CASE WHEN attendance = 'attended' AND format = '${f}' THEN minutes ELSE 0 END)::BIGINT AS minutes_${f},
    sum(CASE WHEN attendance = 'attended' AND format = '${f}' THEN attended_cost ELSE 0 END)::DOUBLE AS cost_${f}`,
  ).join(',\n    ');
  const zeros = FORMATS.map((f) => `coalesce(a.minutes_${f}, 0) / 60.0 AS hours_${f}, a.cost_${f}`).join(
    ', ',
  );
  // from integer minutes, so that equal shares are equal doubles (tertile ties stay together)
  const allMinutes = FORMATS.map((f) => `coalesce(a.minutes_${f}, 0)`).join(' + ');
  return `CREATE OR REPLACE TABLE ep_cost AS
WITH p AS (SELECT ?::DATE AS e),
sessions AS (
  SELECT group_session_id, count(*) FILTER (WHERE attendance = 'attended') AS attendees
  FROM encounters WHERE group_session_id IS NOT NULL GROUP BY group_session_id
),
priced AS (
  SELECT ep.episode_id, x.format, x.attendance, x.minutes,
    CASE
      WHEN x.attendance <> 'attended' THEN 0.0
      WHEN x.format = 'group' THEN ${staffCost} / x.attendees
      ELSE ${staffCost}
    END AS attended_cost,
    CASE WHEN x.format <> 'group' AND x.attendance IN ('no_show', 'late_cancel') THEN ${staffCost} ELSE 0.0 END
      AS no_show_cost,
    (${rate} IS NULL AND (x.attendance = 'attended'
      OR (x.format <> 'group' AND x.attendance IN ('no_show', 'late_cancel')))) AS unpriced,
    ${hasPaid ? 'x.paid_amount::DOUBLE' : 'NULL::DOUBLE'} AS paid
  FROM episodes ep CROSS JOIN p
  JOIN (SELECT x.*, s.attendees FROM encounters x LEFT JOIN sessions s ON s.group_session_id = x.group_session_id) x
    ON x.episode_id = ep.episode_id
    AND x.service_date BETWEEN ep.admit_date AND coalesce(ep.discharge_date, p.e)
  ${hasRates ? 'LEFT JOIN cost_rates r ON r.program_id = ep.program_id AND r.staff_role = x.staff_role' : ''}
),
a AS (
  SELECT episode_id,
    sum(attended_cost)::DOUBLE AS attended_cost,
    sum(no_show_cost)::DOUBLE AS no_show_cost,
    ${perFormat},
    sum(paid)::DOUBLE AS paid,
    count(*) FILTER (WHERE unpriced)::INTEGER AS unpriced
  FROM priced GROUP BY episode_id
)
SELECT ep.episode_id,
  ${hasRates ? 'coalesce(a.attended_cost, 0) + coalesce(a.no_show_cost, 0)' : 'NULL::DOUBLE'} AS cost,
  ${hasRates ? 'coalesce(a.attended_cost, 0)' : 'NULL::DOUBLE'} AS attended_cost,
  ${hasRates ? 'coalesce(a.no_show_cost, 0)' : 'NULL::DOUBLE'} AS no_show_cost,
  ${zeros},
  CASE WHEN ${allMinutes} > 0 THEN coalesce(a.minutes_group, 0) / (${allMinutes}) END AS group_share,
  ${hasPaid ? 'coalesce(a.paid, 0)' : 'NULL::DOUBLE'} AS paid,
  coalesce(a.unpriced, 0) AS unpriced
FROM episodes ep LEFT JOIN a ON a.episode_id = ep.episode_id`;
}
