/**
 * Shared by the step-down, cost and risk engine tests: the golden export loaded into the clean
 * table names, the per-episode tables built, and cohort_eps materialised by hand, so these tests do not
 * depend on the loader, the validator or the cohort compiler.
 */
import { readFileSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { TableName } from '../../core/contract/schema';
import type { Connector, LoadingConnector } from '../../core/engine/connector';
import { quoteLiteral } from '../../core/engine/sql';
import { paidAmountsKnown } from '../../core/validate/encounter-totals';
import { prepareEpisodeTables } from '../../core/measures/episode-wide';
import type { MeasureContext, MeasureGroup } from '../../core/measures/group';
import type { MeasureSet, Report } from '../../core/measures/types';
import { createEncounterTotals } from '../../core/validate/encounter-totals';
import { afterAll, beforeAll, expect } from 'vitest';
import { GOLDEN_DIR, GOLDEN_EXPECTED } from '../support/engines';

export const GOLDEN_TABLES: TableName[] = [
  'programs',
  'episodes',
  'encounters',
  'cost_rates',
  'drug_screens',
  'followups',
];

export const golden = (): Report => JSON.parse(readFileSync(GOLDEN_EXPECTED, 'utf8')) as Report;

export async function loadGolden(
  conn: LoadingConnector,
  tables: TableName[] = GOLDEN_TABLES,
): Promise<MeasureContext> {
  for (const t of tables) {
    const path = join(GOLDEN_DIR, `${t}.parquet`);
    const size = (await stat(path)).size;
    await conn.loadParquet(
      { name: `${t}.parquet`, size, bytes: async () => new Uint8Array(await readFile(path)) },
      t,
    );
  }
  let paidAmounts = false;
  if (tables.includes('encounters')) {
    // held only as their totals, as validation leaves them
    const [{ n }] = await conn.query<{ n: number }>(
      `SELECT count(*)::INTEGER AS n FROM information_schema.columns WHERE table_name = 'encounters' AND column_name = 'paid_amount'`,
    );
    await createEncounterTotals(conn, 'SELECT * FROM encounters', { hasPaid: n > 0 });
    paidAmounts = await paidAmountsKnown(conn);
    await conn.exec('DROP TABLE encounters');
  }
  const ctx: MeasureContext = {
    conn,
    tables: new Set(tables),
    extractDate: golden().extract_date,
    level: 'iop',
    paidAmounts,
  };
  await prepareEpisodeTables(ctx);
  return ctx;
}

/**
 * cohort_eps by hand, of the shape materializeGroups makes (grp, then every ep_wide column),
 * one part per grp expression and predicate over ep_wide e (built before: a view binds it).
 */
export async function handCohort(conn: Connector, parts: { grp: string; where: string }[]): Promise<void> {
  await conn.exec(
    `CREATE OR REPLACE TEMP VIEW cohort_eps AS ${parts
      .map((p) => `SELECT (${p.grp})::VARCHAR AS grp, e.* FROM ep_wide e WHERE ${p.where}`)
      .join(' UNION ALL ')}`,
  );
}

/** cohort_eps with every episode of the level twice: grp 'overall' and grp = program_id. */
export async function cohortOverallAndPrograms(ctx: MeasureContext): Promise<string[]> {
  const where = `e.level_of_care = ${quoteLiteral(ctx.level)}`;
  await handCohort(ctx.conn, [
    { grp: "'overall'", where },
    { grp: 'e.program_id', where },
  ]);
  const rows = await ctx.conn.query<{ grp: string }>('SELECT DISTINCT grp FROM cohort_eps ORDER BY grp');
  return rows.map((r) => r.grp);
}

/** cohort_eps with grp = program_id only (the risk model's grouping). */
export async function cohortByProgram(ctx: MeasureContext): Promise<void> {
  await handCohort(ctx.conn, [
    { grp: 'e.program_id', where: `e.level_of_care = ${quoteLiteral(ctx.level)}` },
  ]);
}

/**
 * Tiny inline data: each table created from SQL rows cast to the contract types. Columns not
 * given are NULL (episodes) so the tests only spell out what matters.
 */
export interface InlineEpisode {
  episode_id: number;
  client_id: number;
  program_id?: string;
  level_of_care: string;
  admit_date: string;
  discharge_date?: string | null;
  discharge_reason?: string | null;
}

export async function createEpisodes(conn: LoadingConnector, eps: InlineEpisode[]): Promise<void> {
  const values = eps
    .map(
      (e) =>
        `(${e.episode_id}, ${e.client_id}, '${e.program_id ?? 'p1'}', '${e.level_of_care}', DATE '${e.admit_date}', ${
          e.discharge_date ? `DATE '${e.discharge_date}'` : 'NULL'
        }, ${e.discharge_reason ? `'${e.discharge_reason}'` : e.discharge_date ? "'completed'" : 'NULL'})`,
    )
    .join(',\n');
  await conn.exec(`CREATE OR REPLACE TABLE episodes AS
    SELECT episode_id::BIGINT AS episode_id, client_id::BIGINT AS client_id, program_id::VARCHAR AS program_id,
      level_of_care::VARCHAR AS level_of_care, NULL::DATE AS referral_date, admit_date::DATE AS admit_date,
      discharge_date::DATE AS discharge_date, discharge_reason::VARCHAR AS discharge_reason,
      40::SMALLINT AS age_at_admit, 'female'::VARCHAR AS sex, NULL::VARCHAR AS race_ethnicity,
      'alcohol'::VARCHAR AS primary_substance, NULL::BOOLEAN AS co_occurring_mh, NULL::SMALLINT AS prior_episodes,
      NULL::VARCHAR AS referral_source, NULL::VARCHAR AS payer, NULL::VARCHAR AS housing, NULL::BOOLEAN AS employed,
      NULL::VARCHAR AS mat, NULL::SMALLINT AS use_days_admit, NULL::SMALLINT AS use_days_discharge
    FROM (VALUES ${values}) AS t(episode_id, client_id, program_id, level_of_care, admit_date, discharge_date, discharge_reason)`);
}

export interface InlineEncounter {
  encounter_id: number;
  episode_id: number;
  service_date: string;
  format: 'group' | 'individual' | 'family';
  group_session_id?: number | null;
  staff_role?: string;
  minutes: number;
  attendance: string;
  paid_amount?: number | null;
}

export async function createEncounters(
  conn: LoadingConnector,
  rows: InlineEncounter[],
  withPaid = true,
): Promise<void> {
  const values = rows
    .map(
      (x) =>
        `(${x.encounter_id}, ${x.episode_id}, DATE '${x.service_date}', '${x.format}', ${x.group_session_id ?? 'NULL'}, '${
          x.staff_role ?? 'counselor'
        }', ${x.minutes}, '${x.attendance}', ${x.paid_amount ?? 'NULL'})`,
    )
    .join(',\n');
  // clean encounter rows are held only as their totals, as validation leaves them
  await createEncounterTotals(
    conn,
    `SELECT encounter_id::BIGINT AS encounter_id, episode_id::BIGINT AS episode_id, service_date::DATE AS service_date,
      (CASE format WHEN 'group' THEN 'group_therapy' ELSE 'individual_therapy' END)::VARCHAR AS service_type,
      format::VARCHAR AS format, group_session_id::BIGINT AS group_session_id, staff_role::VARCHAR AS staff_role,
      minutes::SMALLINT AS minutes, attendance::VARCHAR AS attendance
      ${withPaid ? ', paid_amount::DECIMAL(10,2) AS paid_amount' : ''}
    FROM (VALUES ${values}) AS t(encounter_id, episode_id, service_date, format, group_session_id, staff_role, minutes, attendance, paid_amount)`,
    { hasPaid: withPaid },
  );
}

export async function createCostRates(
  conn: LoadingConnector,
  rates: { program_id: string; staff_role: string; hourly_cost: number }[],
): Promise<void> {
  const values = rates.map((r) => `('${r.program_id}', '${r.staff_role}', ${r.hourly_cost})`).join(', ');
  await conn.exec(`CREATE OR REPLACE TABLE cost_rates AS
    SELECT program_id::VARCHAR AS program_id, staff_role::VARCHAR AS staff_role, hourly_cost::DOUBLE AS hourly_cost
    FROM (VALUES ${values}) AS t(program_id, staff_role, hourly_cost)`);
}

/** A context over the inline tables; whether payments are known is asked of them, as a load does. */
export async function inlineContext(
  conn: LoadingConnector,
  tables: TableName[],
  extractDate: string,
  level: MeasureContext['level'] = 'iop',
): Promise<MeasureContext> {
  const paidAmounts = tables.includes('encounters') && (await paidAmountsKnown(conn));
  return {
    conn,
    tables: new Set<TableName>(['programs', 'episodes', ...tables]),
    extractDate,
    level,
    paidAmounts,
  };
}

/** Counts exactly, every other number to 1e-6 (measures.md golden rule). */
export function expectMeasure(actual: unknown, want: unknown, path: string): void {
  if (want === null || typeof want !== 'object') {
    if (typeof want === 'number' && typeof actual === 'number' && !Number.isInteger(want))
      expect(actual, path).toBeCloseTo(want, 6);
    else expect(actual, path).toEqual(want);
    return;
  }
  for (const [k, v] of Object.entries(want))
    expectMeasure((actual as Record<string, unknown>)?.[k], v, `${path}.${k}`);
}

/**
 * Inside a describe block: one measure group computed on the golden export, overall
 * and per program, on one engine (an ENGINES entry's `open`); read `.ctx` and `.results` in tests.
 */
export function groupOnGolden(
  open: () => Promise<LoadingConnector>,
  group: MeasureGroup,
): { ctx: MeasureContext; results: Map<string, MeasureSet> } {
  const held = {} as { conn?: LoadingConnector; ctx: MeasureContext; results: Map<string, MeasureSet> };
  beforeAll(async () => {
    held.conn = await open();
    held.ctx = await loadGolden(held.conn);
    held.results = await group.compute(held.ctx, await cohortOverallAndPrograms(held.ctx));
  });
  afterAll(async () => held.conn?.close());
  return held;
}
