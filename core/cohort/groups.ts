import type { Connector, SqlValue } from '../engine/connector';
import { bindLiterals, quoteIdent, quoteLiteral } from '../engine/sql';
import { wideRows } from '../measures/episode-order';
import { FILTER_COLUMNS } from './columns';
import { compileCohort } from './compile';
import { cohortRowRange, type ProgramRows } from './row-range';
import type { Cohort, Grouping } from './types';

const VIEW = 'CREATE OR REPLACE TEMP VIEW cohort_eps AS ';

/**
 * cohort_eps as a view of the cohort's episodes, each with its grp and every per-episode column (ep_wide's),
 * so that a measure reads them with no join. A view holds no parameters, so the predicate's values
 * are bound as literals (bindLiterals). At 250k IOP episodes (DuckDB-WASM) the Overview's grouped
 * pass read cohort_eps(episode_id, grp) joined to the three per-episode tables in 1,005 ms and
 * ep_wide with the predicate inline in 305 ms (filter-profile.ts, one run each). Only the rows of
 * the cohort's level and programs are read (cohortRowRange), from a row group's size on.
 */
function cohortSelect(cohort: Cohort, grp: string, runs: readonly ProgramRows[]): string {
  const p = compileCohort(cohort);
  const range = cohortRowRange(runs, cohort);
  const rows = range ? wideRows(range) : 'ep_wide';
  return `SELECT ${grp} AS grp, e.* FROM ${rows} e WHERE ${bindLiterals(p.sql, p.params)}`;
}

const cohortView = (conn: Connector, cohort: Cohort, grp: string, runs: readonly ProgramRows[]) =>
  conn.exec(`${VIEW}${cohortSelect(cohort, grp, runs)}`);

/**
 * A cohort a view would re-evaluate at a cost in every statement (a notPrecededBy's correlated
 * NOT EXISTS) is materialised as cohort_ids(episode_id, grp), and cohort_eps is the view of its
 * episodes joined to ep_wide. Sets of plain cohorts are a view of each set's rows one after
 * another (overlapping sets repeat an episode, as they should): a study's 34 statements at 250k
 * IOP episodes, DuckDB-WASM, 4.9–6.1 s with the join, 3.5–3.6 s so (two studies each).
 */
async function materialisedView(conn: Connector, select: string, params: readonly SqlValue[]): Promise<void> {
  await conn.query(`CREATE OR REPLACE TEMP TABLE cohort_ids AS ${select}`, params);
  await conn.exec(`${VIEW}SELECT c.grp, e.* FROM cohort_ids c JOIN ep_wide e ON e.episode_id = c.episode_id`);
}

/** cohort_eps for one cohort, its grp the SQL expression `grp` over ep_summary e. */
function cohortEps(
  conn: Connector,
  cohort: Cohort,
  grp: string,
  runs: readonly ProgramRows[],
): Promise<void> {
  if (!cohort.notPrecededBy) return cohortView(conn, cohort, grp, runs);
  const p = compileCohort(cohort);
  return materialisedView(
    conn,
    `SELECT e.episode_id::BIGINT AS episode_id, ${grp} AS grp FROM ep_summary e WHERE ${p.sql}`,
    p.params,
  );
}

/** Every program, in the order of a grouping by program. */
export const PROGRAM_IDS_SQL = 'SELECT program_id::VARCHAR AS id FROM programs ORDER BY program_id';

/** A grouping by program's groups: every program within the cohort's program filter, even with no episodes. */
export const programGroups = (
  programs: readonly { id: string }[],
  cohort: Pick<Cohort, 'programs'>,
): string[] => {
  const chosen = cohort.programs?.length ? new Set(cohort.programs) : null;
  return programs.map((p) => p.id).filter((id) => !chosen || chosen.has(id));
};

/**
 * Makes cohort_eps (grp VARCHAR, then every ep_wide column) for a grouping and returns the
 * group labels in a stable order: ['overall']; every program of `programs` (within the cohort's
 * program filter, even with no episodes) by program_id; the codes present, in code-list order and
 * then the null label, for a covariate; the set labels, in the given order, for sets. `runs`,
 * each level and program's run of rows (the session reads them once), let it read only the cohort's rows; without them
 * it reads every row.
 */
export async function materializeGroups(
  conn: Connector,
  cohort: Cohort,
  grouping: Grouping,
  runs: readonly ProgramRows[] = [],
): Promise<string[]> {
  if (grouping.kind === 'overall') {
    await cohortEps(conn, cohort, `'overall'::VARCHAR`, runs);
    return ['overall'];
  }
  if (grouping.kind === 'sets') {
    const labels = grouping.sets.map((s) => s.label);
    if (new Set(labels).size !== labels.length) throw new Error('group labels must be distinct');
    if (!labels.length) {
      await materialisedView(conn, 'SELECT NULL::BIGINT AS episode_id, NULL::VARCHAR AS grp WHERE false', []);
      return [];
    }
    if (!grouping.sets.some((s) => s.cohort.notPrecededBy)) {
      await conn.exec(
        `${VIEW}${grouping.sets.map((s) => cohortSelect(s.cohort, `${quoteLiteral(s.label)}::VARCHAR`, runs)).join('\nUNION ALL\n')}`,
      );
      return labels;
    }
    const params: SqlValue[] = [];
    const parts = grouping.sets.map((s) => {
      const p = compileCohort(s.cohort);
      params.push(s.label, ...p.params);
      return `SELECT e.episode_id::BIGINT AS episode_id, ?::VARCHAR AS grp FROM ep_summary e WHERE ${p.sql}`;
    });
    await materialisedView(conn, parts.join(' UNION ALL '), params);
    return labels;
  }
  if (grouping.column === 'program_id') {
    await cohortEps(conn, cohort, 'e.program_id::VARCHAR', runs);
    return programGroups(await conn.query<{ id: string }>(PROGRAM_IDS_SQL), cohort);
  }
  const spec = FILTER_COLUMNS[grouping.column];
  if (!spec) throw new Error(`cannot group by ${String(grouping.column)}`);
  const col = `e.${quoteIdent(grouping.column)}`;
  await cohortEps(conn, cohort, `coalesce(${col}::VARCHAR, ${quoteLiteral(spec.nullLabel)})`, runs);
  const present = new Set(
    (await conn.query<{ grp: string }>('SELECT DISTINCT grp FROM cohort_eps')).map((r) => r.grp),
  );
  const ordered = [...spec.codes.map(String), spec.nullLabel];
  return [
    ...ordered.filter((g) => present.has(g)),
    ...[...present].filter((g) => !ordered.includes(g)).sort(),
  ];
}
