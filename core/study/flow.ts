import { compileCohort } from '../cohort/compile';
import type { Cohort } from '../cohort/types';
import type { Connector, SqlValue } from '../engine/connector';
import { EXPORTED_EPISODES } from '../engine/load-export';
import { quoteIdent } from '../engine/sql';
import type { FlowStep } from './types';

/** The programs an arm draws its exported rows from. */
export type ProgramScope = { include: string[] } | { exclude: string[] } | { all: true };

export interface ArmFlowSpec {
  cohort: Cohort;
  scope: ProgramScope;
}

function scopeSql(scope: ProgramScope, column: string): { sql: string; params: SqlValue[] } {
  if ('all' in scope) return { sql: 'true', params: [] };
  const marks = (xs: string[]) => xs.map(() => '?').join(', ');
  if ('include' in scope)
    return scope.include.length
      ? { sql: `${column} IN (${marks(scope.include)})`, params: scope.include }
      : { sql: 'false', params: [] };
  return scope.exclude.length
    ? { sql: `(${column} IS NULL OR ${column} NOT IN (${marks(scope.exclude)}))`, params: scope.exclude }
    : { sql: 'true', params: [] };
}

async function count(conn: Connector, sql: string, params: SqlValue[]): Promise<number> {
  const [r] = await conn.query<{ n: number }>(sql, params);
  return Number(r?.n ?? 0);
}

async function cohortCount(conn: Connector, cohort: Cohort): Promise<number> {
  const p = compileCohort(cohort);
  return count(conn, `SELECT count(*)::INTEGER AS n FROM ep_summary e WHERE ${p.sql}`, p.params);
}

export const FLOW_LABELS: Record<FlowStep['key'], string> = {
  exported: 'Episodes in the export',
  failed_validation: 'Failed validation (left out)',
  other_level: 'Other level of care',
  outside_window: 'Admitted outside the window',
  filtered: 'Outside the cohort filters',
  after_higher_level: 'Admitted within 30 days after a {level} discharge',
  analysed: 'Analysed',
};

/**
 * Exported → failed validation → other level → outside window → filters → analysed, for one arm:
 * each step counts the episodes it removes. Rows failing validation are attributed by their
 * exported program_id.
 */
export async function armFlow(conn: Connector, spec: ArmFlowSpec): Promise<Record<FlowStep['key'], number>> {
  const src = scopeSql(spec.scope, 'program_id');
  const exported = await count(
    conn,
    `SELECT coalesce(sum(episodes), 0)::INTEGER AS n FROM ${quoteIdent(EXPORTED_EPISODES)} WHERE ${src.sql}`,
    src.params,
  );
  const clean = scopeSql(spec.scope, 'e.program_id');
  const valid = await count(
    conn,
    `SELECT count(*)::INTEGER AS n FROM ep_summary e WHERE ${clean.sql}`,
    clean.params,
  );
  const { level, programs, from, to, filters } = spec.cohort;
  const atLevel = await cohortCount(conn, { level, programs });
  const inWindow = await cohortCount(conn, { level, programs, from, to });
  const inFilters = await cohortCount(conn, { level, programs, from, to, filters });
  const analysed = await cohortCount(conn, spec.cohort);
  return {
    exported,
    failed_validation: exported - valid,
    other_level: valid - atLevel,
    outside_window: atLevel - inWindow,
    filtered: inWindow - inFilters,
    after_higher_level: inFilters - analysed,
    analysed,
  };
}

/** The flow table for both arms; steps that apply to neither arm are left out. */
export function flowTable(
  program: Record<FlowStep['key'], number>,
  comparator: Record<FlowStep['key'], number> | null,
  opts: { filters: boolean; outpatient: boolean; level: string },
): FlowStep[] {
  const keys = (Object.keys(FLOW_LABELS) as FlowStep['key'][]).filter(
    (k) => (k !== 'filtered' || opts.filters) && (k !== 'after_higher_level' || opts.outpatient),
  );
  return keys.map((key) => ({
    key,
    label: FLOW_LABELS[key].replace('{level}', opts.level.toUpperCase()),
    counts: { program: program[key], comparator: comparator ? comparator[key] : null },
  }));
}
