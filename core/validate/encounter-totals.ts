import { FORMATS } from '../contract/codes';
import type { Connector, SqlValue } from '../engine/connector';
import { quoteIdent } from '../engine/sql';

/**
 * The clean encounters are kept only as totals: one row per (episode_id, staff_role), so the
 * memory an export holds grows with its episodes, not its encounter rows (1M IOP episodes are
 * 61M encounter rows). Every measure reads encounters through this table (ep_summary, ep_cost,
 * ep_transition); none needs a single row. Validation builds it from the clean rows and keeps no
 * `encounters` table.
 *
 * Columns: episode_id, staff_role; encounters (rows), attended, no_show, late_cancel, cancelled;
 * first_attended (earliest attended service_date); minutes_<format> (attended minutes per format);
 * missed (individual/family no_show or late_cancel rows) and missed_minutes (their minutes: the
 * no-show cost); group_minutes_per_attendee (Σ minutes ÷ attendees of the row's group session,
 * over attended group rows: the group cost before the hourly rate); paid (Σ paid_amount as
 * DECIMAL, 0 when every amount is null; NULL when the export has no paid_amount column).
 */
export const ENCOUNTER_TOTALS = 'encounter_totals';

/**
 * Whether any clean encounter has a paid figure (the export has encounters.paid_amount and rows):
 * ep_cost's paid is NULL for every episode otherwise. Asked once per load (LoadedExport.paidAmounts,
 * MeasureContext.paidAmounts), not by every filter change (≈3 ms a statement in DuckDB-WASM).
 */
export const PAID_KNOWN = `SELECT EXISTS (SELECT 1 FROM ${ENCOUNTER_TOTALS} WHERE paid IS NOT NULL) AS yes`;

export async function paidAmountsKnown(conn: Connector): Promise<boolean> {
  const rows = await conn.query<{ yes: boolean }>(PAID_KNOWN);
  return rows[0]?.yes ?? false;
}

const PARTS = quoteIdent('_enc_parts');
const SESSION_PARTS = quoteIdent('_enc_session_parts');
const SESSIONS = quoteIdent('_enc_sessions');
const GROUP_PARTS = quoteIdent('_enc_group_parts');

const formatMinutes = (source: 'rows' | 'parts') =>
  FORMATS.map(
    (f) =>
      `${source === 'rows' ? `sum(minutes) FILTER (WHERE attendance = 'attended' AND format = '${f}')::INTEGER` : `sum(minutes_${f})::BIGINT`} AS minutes_${f}`,
  ).join(',\n    ');

/** Partial totals of a relation of clean encounter rows `x` (grouped; summed again in finish). */
function partsSelect(rows: string, hasPaid: boolean): string {
  return `SELECT episode_id, staff_role,
    count(*)::INTEGER AS encounters,
    count(*) FILTER (WHERE attendance = 'attended')::INTEGER AS attended,
    count(*) FILTER (WHERE attendance = 'no_show')::INTEGER AS no_show,
    count(*) FILTER (WHERE attendance = 'late_cancel')::INTEGER AS late_cancel,
    count(*) FILTER (WHERE attendance = 'cancelled')::INTEGER AS cancelled,
    min(service_date) FILTER (WHERE attendance = 'attended') AS first_attended,
    ${formatMinutes('rows')},
    count(*) FILTER (WHERE format <> 'group' AND attendance IN ('no_show', 'late_cancel'))::INTEGER AS missed,
    sum(minutes) FILTER (WHERE format <> 'group' AND attendance IN ('no_show', 'late_cancel'))::INTEGER AS missed_minutes,
    ${hasPaid ? 'sum(paid_amount)::DECIMAL(18,2)' : 'NULL::DECIMAL(18,2)'} AS paid
  FROM (${rows}) x GROUP BY episode_id, staff_role`;
}

/** The columns of the group rows, and the only ones the second pass (`appendGroups`) reads. */
export const GROUP_PASS_COLUMNS = [
  'episode_id',
  'staff_role',
  'group_session_id',
  'minutes',
  'attendance',
] as const;

/** The attended rows of group sessions: their attendees are known only once every row is in. */
const groupRowsSelect = (rows: string) =>
  `SELECT ${GROUP_PASS_COLUMNS.filter((c) => c !== 'attendance').join(', ')}
  FROM (${rows}) x WHERE attendance = 'attended' AND group_session_id IS NOT NULL`;

const sessionsSelect = (groupRows: string) =>
  `SELECT group_session_id, count(*)::INTEGER AS attendees FROM ${groupRows} GROUP BY group_session_id`;

/** Σ minutes ÷ attendees of the group rows `groupRows` per episode and role (sessions: their attendees). */
const groupSelect = (groupRows: string, sessions: string) =>
  `SELECT r.episode_id, r.staff_role, sum(r.minutes / s.attendees)::DOUBLE AS group_minutes_per_attendee
  FROM ${groupRows} r JOIN ${sessions} s USING (group_session_id) GROUP BY ALL`;

/** The CTEs and SELECT that sum the parts into encounter_totals (after a WITH or a comma). */
function totalsSelect(parts: string, groupParts: string, hasPaid: boolean): string {
  return `g AS (
  SELECT episode_id, staff_role, sum(group_minutes_per_attendee)::DOUBLE AS group_minutes_per_attendee
  FROM ${groupParts} GROUP BY ALL
),
t AS (
  SELECT episode_id, staff_role,
    sum(encounters)::INTEGER AS encounters, sum(attended)::INTEGER AS attended,
    sum(no_show)::INTEGER AS no_show, sum(late_cancel)::INTEGER AS late_cancel,
    sum(cancelled)::INTEGER AS cancelled, min(first_attended) AS first_attended,
    ${formatMinutes('parts')},
    sum(missed)::INTEGER AS missed, coalesce(sum(missed_minutes), 0)::BIGINT AS missed_minutes,
    sum(paid)::DECIMAL(38,2) AS paid
  FROM ${parts} GROUP BY episode_id, staff_role
)
SELECT t.episode_id, t.staff_role, t.encounters, t.attended, t.no_show, t.late_cancel, t.cancelled,
  t.first_attended, ${FORMATS.map((f) => `coalesce(t.minutes_${f}, 0)::BIGINT AS minutes_${f}`).join(', ')},
  t.missed, t.missed_minutes, coalesce(g.group_minutes_per_attendee, 0)::DOUBLE AS group_minutes_per_attendee,
  ${hasPaid ? 'coalesce(t.paid, 0)::DECIMAL(38,2)' : 't.paid'} AS paid
FROM t LEFT JOIN g USING (episode_id, staff_role)
ORDER BY t.episode_id, t.staff_role`;
}

/**
 * The SQL that builds encounter_totals from the clean encounter rows (here a relation
 * `encounters`) in one statement, for the study's appendix. The loader computes the same in
 * parts, batch by batch (encounterTotalsBuilder).
 */
export function encounterTotalsSql(hasPaid = true): string {
  const rows = 'SELECT * FROM encounters';
  return `-- encounters: the clean encounter rows (those passing validation), held by no table
CREATE TABLE ${ENCOUNTER_TOTALS} AS
WITH parts AS (
  ${partsSelect(rows, hasPaid)}
),
group_rows AS (
  ${groupRowsSelect(rows)}
),
sessions AS (${sessionsSelect('group_rows')}),
group_parts AS (${groupSelect('group_rows', 'sessions')}),
${totalsSelect('parts', 'group_parts', hasPaid)}`;
}

/**
 * Builds encounter_totals from the clean encounter rows in two passes, so what it holds grows with
 * episodes and group sessions, not rows: a session's attendee count is known only once every row
 * is in, and 1M IOP episodes have 38.2M attended group rows but 4.3M sessions. The first pass
 * (`append`) sums everything but the group share and counts each session's attendees; the second
 * (`appendGroups`, the same rows again) sums minutes ÷ attendees per episode and role.
 */
export interface EncounterTotalsBuilder {
  /**
   * Adds the rows of `rows` (a SELECT of clean encounter rows with the contract's columns and
   * types) to the totals. Called once with the whole clean table, or once per decoded batch.
   */
  append(rows: string, params?: readonly SqlValue[]): Promise<void>;
  /**
   * The second pass: the same rows as `append` had, after every `append`, in batches of any size;
   * only GROUP_PASS_COLUMNS are read (the others may be NULL).
   */
  appendGroups(rows: string, params?: readonly SqlValue[]): Promise<void>;
  /** Creates `encounter_totals` from both passes, and drops the working tables. */
  finish(): Promise<void>;
  /** Drops the working tables without creating anything (the table turned out unusable). */
  discard(): Promise<void>;
}

const NO_ROWS = `SELECT * FROM (SELECT NULL::BIGINT AS episode_id, NULL::VARCHAR AS staff_role,
  NULL::VARCHAR AS attendance, NULL::VARCHAR AS format, NULL::DATE AS service_date, NULL::SMALLINT AS minutes,
  NULL::BIGINT AS group_session_id, NULL::DECIMAL(10,2) AS paid_amount) WHERE false`;

export function encounterTotalsBuilder(conn: Connector, opts: { hasPaid: boolean }): EncounterTotalsBuilder {
  let started = false;
  let grouped = false;
  const drop = async () => {
    for (const t of [PARTS, SESSION_PARTS, SESSIONS, GROUP_PARTS])
      await conn.exec(`DROP TABLE IF EXISTS ${t}`);
  };
  const into = (table: string, first: boolean, select: string) =>
    first ? `CREATE OR REPLACE TABLE ${table} AS ${select}` : `INSERT INTO ${table} ${select}`;
  const append = async (rows: string, params: readonly SqlValue[] = []) => {
    if (grouped) throw new Error('encounter totals: append after the second pass began');
    await conn.query(into(PARTS, !started, partsSelect(rows, opts.hasPaid)), params);
    await conn.query(into(SESSION_PARTS, !started, sessionsSelect(`(${groupRowsSelect(rows)})`)), params);
    started = true;
  };
  const appendGroups = async (rows: string, params: readonly SqlValue[] = []) => {
    if (!started) await append(NO_ROWS);
    if (!grouped)
      await conn.exec(
        `CREATE OR REPLACE TABLE ${SESSIONS} AS
         SELECT group_session_id, sum(attendees)::INTEGER AS attendees FROM ${SESSION_PARTS} GROUP BY group_session_id`,
      );
    await conn.query(
      into(GROUP_PARTS, !grouped, groupSelect(`(${groupRowsSelect(rows)})`, SESSIONS)),
      params,
    );
    grouped = true;
  };
  return {
    append,
    appendGroups,
    async finish() {
      await conn.exec(`DROP TABLE IF EXISTS ${quoteIdent(ENCOUNTER_TOTALS)}`);
      if (!grouped && started) throw new Error('encounter totals: finish before the second pass');
      if (!grouped) await appendGroups(NO_ROWS);
      await conn.exec(
        `CREATE TABLE ${quoteIdent(ENCOUNTER_TOTALS)} AS
         WITH ${totalsSelect(PARTS, GROUP_PARTS, opts.hasPaid)}`,
      );
      await drop();
    },
    discard: drop,
  };
}

/**
 * Builds encounter_totals from `rows`, a SELECT of every clean encounter row (validation: the
 * source rows breaking no rule, cast to the contract's types), in one append.
 */
export async function createEncounterTotals(
  conn: Connector,
  rows: string,
  opts: { hasPaid: boolean },
): Promise<void> {
  const totals = encounterTotalsBuilder(conn, opts);
  try {
    await totals.append(rows);
    await totals.appendGroups(rows);
    await totals.finish();
  } catch (e) {
    await totals.discard();
    throw e;
  }
}
