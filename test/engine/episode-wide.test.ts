import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Cohort, Grouping } from '../../core';
import { materializeGroups } from '../../core/cohort/groups';
import { PROGRAM_ROWS_SQL, type ProgramRows } from '../../core/cohort/row-range';
import type { LoadingConnector } from '../../core/engine/connector';
import { wideRows } from '../../core/measures/episode-order';
import {
  EPISODE_ROWS_CHECK,
  prepareEpisodeTables,
  prepareEpisodeWide,
} from '../../core/measures/episode-wide';
import type { MeasureContext } from '../../core/measures/group';
import { ENGINES } from '../support/engines';
import { loadGolden } from './step-down-fixture';

const TABLES = ['ep_summary', 'ep_transition', 'ep_cost'] as const;

describe.each(ENGINES)('ep_wide: the per-episode tables side by side ($name)', ({ open }) => {
  let conn: LoadingConnector;
  let ctx: MeasureContext;
  beforeAll(async () => {
    conn = await open();
    ctx = await loadGolden(conn);
  });
  afterAll(async () => conn?.close());

  it('the three tables hold every episode, in the same order, row by row', async () => {
    const [{ episodes }] = await conn.query<{ episodes: number }>(
      'SELECT count(*)::INTEGER AS episodes FROM episodes',
    );
    for (const t of TABLES) {
      const [{ n }] = await conn.query<{ n: number }>(
        `SELECT count(DISTINCT episode_id)::INTEGER AS n FROM ${t}`,
      );
      expect({ t, n }).toEqual({ t, n: episodes });
    }
    expect(await conn.query(EPISODE_ROWS_CHECK)).toEqual([{ n: 0 }]);
    // ep_wide pairs each episode's own figures: the same as joining the tables by id
    const byId = `SELECT count(*)::INTEGER AS n FROM ep_wide w
      JOIN ep_transition t ON t.episode_id = w.episode_id JOIN ep_cost k ON k.episode_id = w.episode_id
      WHERE w.transition IS NOT DISTINCT FROM t.transition AND w.cost IS NOT DISTINCT FROM k.cost
        AND w.next_episode_id IS NOT DISTINCT FROM t.next_episode_id AND w.hours_group IS NOT DISTINCT FROM k.hours_group`;
    const [{ n }] = await conn.query<{ n: number }>(byId);
    expect(n).toBe(episodes);
  });

  it('holds each level and program as one run of rows, which a range reads alone with its own figures', async () => {
    const ranges = await conn.query<ProgramRows>(PROGRAM_ROWS_SQL);
    const groups = await conn.query<{ level: string; program: string | null; n: number }>(
      `SELECT level_of_care AS level, program_id AS program, count(*)::INTEGER AS n FROM ep_summary
       GROUP BY ALL ORDER BY level, program`,
    );
    expect(ranges.length).toBe(groups.length);
    expect(ranges.length).toBeGreaterThan(2);
    let next = 0;
    for (const r of ranges) {
      const g = groups.find((x) => x.level === r.level && x.program === r.program);
      expect({ ...r, n: r.hi - r.lo + 1 }).toEqual({ ...r, n: g?.n });
      expect(r.lo).toBe(next);
      next = r.hi + 1;
      const [got] = await conn.query<{ n: number; own: number; other: number }>(
        `SELECT count(*)::INTEGER AS n,
           count(*) FILTER (WHERE w.transition IS NOT DISTINCT FROM t.transition AND w.cost IS NOT DISTINCT FROM k.cost
             AND w.hours_group IS NOT DISTINCT FROM k.hours_group AND w.los IS NOT DISTINCT FROM s.los)::INTEGER AS own,
           count(*) FILTER (WHERE w.level_of_care <> ? OR w.program_id IS DISTINCT FROM ?)::INTEGER AS other
         FROM ${wideRows(r)} w JOIN ep_summary s USING (episode_id)
         JOIN ep_transition t USING (episode_id) JOIN ep_cost k USING (episode_id)`,
        [r.level, r.program],
      );
      expect(got).toEqual({ n: g?.n, own: g?.n, other: 0 });
    }
    // the rowid filter reaches each table's scan, which DuckDB still reads in lockstep
    const plan = (await conn.query(`EXPLAIN SELECT count(*) FROM ${wideRows(ranges[1])} w`))
      .map((row) => Object.values(row).join(' '))
      .join('\n');
    expect(plan).toContain('POSITIONAL_SCAN');
    expect(plan).not.toContain('POSITIONAL_JOIN');
    expect(plan.match(/rowid\s*>=/g)?.length).toBe(3);
    expect(await conn.query(`SELECT count(*)::INTEGER AS n FROM ${wideRows({ lo: 0, hi: -1 })} w`)).toEqual([
      { n: 0 },
    ]);
  });

  it('a cohort read by its row range holds exactly what it holds read whole', async () => {
    const runs = await conn.query<ProgramRows>(PROGRAM_ROWS_SQL);
    const programs = [...new Set(runs.filter((r) => r.level === 'iop').map((r) => r.program))].filter(
      (p): p is string => p !== null,
    );
    expect(programs.length).toBeGreaterThan(1);
    const cases: [Cohort, Grouping][] = [
      [{ level: 'iop' }, { kind: 'overall' }],
      [{ level: 'iop', programs: [programs[0]] }, { kind: 'overall' }],
      [
        { level: 'iop', programs: [programs[1], programs[0]] },
        { kind: 'by', column: 'program_id' },
      ],
      [
        { level: 'iop', programs: [programs[1]], filters: { sex: ['female'] } },
        { kind: 'by', column: 'mat' },
      ],
      [{ level: 'op' }, { kind: 'by', column: 'program_id' }],
    ];
    const viewSql = async () =>
      (await conn.query<{ sql: string }>("SELECT sql FROM duckdb_views() WHERE view_name = 'cohort_eps'"))[0]
        .sql;
    for (const [cohort, grouping] of cases) {
      const read = async (with_: ProgramRows[]) => ({
        groups: await materializeGroups(conn, cohort, grouping, with_),
        rows: await conn.query('SELECT * FROM cohort_eps ORDER BY episode_id'),
      });
      const whole = await read([]);
      expect(await viewSql()).not.toContain('rowid');
      const ranged = await read(runs);
      expect(await viewSql()).toContain('rowid BETWEEN');
      expect({ cohort, ...ranged }).toEqual({ cohort, ...whole });
      expect({ cohort, n: whole.rows.length > 0 }).toEqual({ cohort, n: true });
    }
  });

  it('refuses tables in another order, or with a row more or less, naming them', async () => {
    const restore = async () => {
      await prepareEpisodeTables(ctx);
      expect(await conn.query(EPISODE_ROWS_CHECK)).toEqual([{ n: 0 }]);
    };
    const refused =
      /ep_summary, ep_transition and ep_cost are not in the same episode order \(\d+ rows differ\)/;
    // the first two rows swapped
    await conn.exec(`CREATE OR REPLACE TABLE ep_cost AS
      SELECT k.* FROM ep_cost k JOIN (SELECT episode_id, rowid AS pos FROM ep_summary) o ON o.episode_id = k.episode_id
      ORDER BY CASE o.pos WHEN 0 THEN 1 WHEN 1 THEN 0 ELSE o.pos END`);
    await expect(prepareEpisodeWide(conn)).rejects.toThrow(/not in the same episode order \(2 rows differ\)/);
    await restore();
    // reversed
    await conn.exec(
      'CREATE OR REPLACE TABLE ep_transition AS SELECT * FROM ep_transition ORDER BY rowid DESC',
    );
    await expect(prepareEpisodeWide(conn)).rejects.toThrow(refused);
    await restore();
    // a row more, or one missing: the POSITIONAL JOIN pads the shorter table with NULLs
    await conn.exec('INSERT INTO ep_cost SELECT * FROM ep_cost LIMIT 1');
    await expect(prepareEpisodeWide(conn)).rejects.toThrow(/not in the same episode order \(1 rows differ\)/);
    await restore();
    await conn.exec(
      'DELETE FROM ep_transition WHERE episode_id = (SELECT max(episode_id) FROM ep_transition)',
    );
    await expect(prepareEpisodeWide(conn)).rejects.toThrow(refused);
  });
});
