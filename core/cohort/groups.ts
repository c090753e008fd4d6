import type { Connector, SqlValue } from '../engine/connector';
import { quoteIdent, quoteLiteral } from '../engine/sql';
import { FILTER_COLUMNS } from './columns';
import { compileCohort } from './compile';
import type { Cohort, Grouping } from './types';

const CREATE = 'CREATE OR REPLACE TEMP TABLE cohort_eps AS ';

/**
 * Materialises cohort_eps(episode_id BIGINT, grp VARCHAR) for a grouping and returns the group
 * labels in a stable order: ['overall']; every program of `programs` (within the cohort's program
 * filter, even with no episodes) by program_id; the codes present, in code-list order and then the
 * null label, for a covariate; the set labels, in the given order, for sets.
 */
export async function materializeGroups(
  conn: Connector,
  cohort: Cohort,
  grouping: Grouping,
): Promise<string[]> {
  if (grouping.kind === 'overall') {
    const p = compileCohort(cohort);
    await conn.query(
      `${CREATE}SELECT e.episode_id::BIGINT AS episode_id, 'overall'::VARCHAR AS grp FROM ep_summary e WHERE ${p.sql}`,
      p.params,
    );
    return ['overall'];
  }
  if (grouping.kind === 'sets') {
    const labels = grouping.sets.map((s) => s.label);
    if (new Set(labels).size !== labels.length) throw new Error('group labels must be distinct');
    if (!labels.length) {
      await conn.exec(`${CREATE}SELECT NULL::BIGINT AS episode_id, NULL::VARCHAR AS grp WHERE false`);
      return [];
    }
    const params: SqlValue[] = [];
    const parts = grouping.sets.map((s) => {
      const p = compileCohort(s.cohort);
      params.push(s.label, ...p.params);
      return `SELECT e.episode_id::BIGINT AS episode_id, ?::VARCHAR AS grp FROM ep_summary e WHERE ${p.sql}`;
    });
    await conn.query(CREATE + parts.join(' UNION ALL '), params);
    return labels;
  }
  const p = compileCohort(cohort);
  if (grouping.column === 'program_id') {
    await conn.query(
      `${CREATE}SELECT e.episode_id::BIGINT AS episode_id, e.program_id::VARCHAR AS grp FROM ep_summary e WHERE ${p.sql}`,
      p.params,
    );
    const wanted = cohort.programs?.length ? cohort.programs : null;
    const rows = await conn.query<{ id: string }>(
      `SELECT program_id::VARCHAR AS id FROM programs ${wanted ? `WHERE program_id IN (${wanted.map(() => '?').join(', ')})` : ''} ORDER BY program_id`,
      wanted ?? [],
    );
    return rows.map((r) => r.id);
  }
  const spec = FILTER_COLUMNS[grouping.column];
  if (!spec) throw new Error(`cannot group by ${String(grouping.column)}`);
  const col = `e.${quoteIdent(grouping.column)}`;
  await conn.query(
    `${CREATE}SELECT e.episode_id::BIGINT AS episode_id, coalesce(${col}::VARCHAR, ${quoteLiteral(spec.nullLabel)}) AS grp FROM ep_summary e WHERE ${p.sql}`,
    p.params,
  );
  const present = new Set(
    (await conn.query<{ grp: string }>('SELECT DISTINCT grp FROM cohort_eps')).map((r) => r.grp),
  );
  const ordered = [...spec.codes.map(String), spec.nullLabel];
  return [
    ...ordered.filter((g) => present.has(g)),
    ...[...present].filter((g) => !ordered.includes(g)).sort(),
  ];
}
