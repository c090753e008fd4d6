import { rm } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { materializeGroups } from '../../core/cohort/groups';
import type { Cohort } from '../../core/cohort/types';
import type { LoadingConnector } from '../../core/engine/connector';
import { OutcomeSession } from '../../core/measures/session';
import { exportFolderFiles } from '../../pipelines/lib/export-folder';
import { ENGINES } from '../support/engines';
import { episode, writeTinyExport } from './tiny-export';

const episodes = [
  episode({
    episode_id: 1,
    program_id: 'b',
    sex: 'male',
    payer: 'medicaid',
    co_occurring_mh: true,
    mat: 'methadone',
    age_at_admit: 16,
  }),
  episode({
    episode_id: 2,
    program_id: 'b',
    sex: 'female',
    payer: null,
    co_occurring_mh: false,
    admit_date: '2025-03-01',
  }),
  episode({
    episode_id: 3,
    program_id: 'a',
    sex: 'female',
    payer: 'commercial',
    co_occurring_mh: null,
    age_at_admit: 60,
    admit_date: '2025-06-30',
  }),
  episode({ episode_id: 4, program_id: 'a', level_of_care: 'op', sex: 'other' }),
  // client 1001 (episode 1, IOP admitted 2026-01-01, open) — an op episode of another client after an IOP discharge:
  episode({
    episode_id: 5,
    client_id: 77,
    program_id: 'a',
    discharge_date: '2025-02-01',
    discharge_reason: 'completed',
    admit_date: '2025-01-02',
  }),
  episode({ episode_id: 6, client_id: 77, program_id: 'a', level_of_care: 'op', admit_date: '2025-02-20' }),
  episode({ episode_id: 7, client_id: 78, program_id: 'a', level_of_care: 'op', admit_date: '2025-02-20' }),
];

describe.each(ENGINES)('cohorts and groupings: $name', ({ open }) => {
  let conn: LoadingConnector;
  let session: OutcomeSession;
  let dir: string;
  const ids = async (cohort: Cohort) => {
    await materializeGroups(conn, cohort, { kind: 'overall' });
    return (
      await conn.query<{ id: number }>('SELECT episode_id::INTEGER AS id FROM cohort_eps ORDER BY 1')
    ).map((r) => r.id);
  };
  beforeAll(async () => {
    dir = await writeTinyExport({
      programs: ['a', 'b', 'c'].map((id) => ({ program_id: id, program_name: id.toUpperCase() })),
      episodes,
    });
    conn = await open();
    session = await OutcomeSession.open(conn, await exportFolderFiles(dir));
  });
  afterAll(async () => {
    await conn?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('filters: level, window, programs, lists with null', async () => {
    expect(await ids({ level: 'iop' })).toEqual([1, 2, 3, 5]);
    expect(await ids({ level: 'op' })).toEqual([4, 6, 7]);
    expect(await ids({ level: 'op', notPrecededBy: { level: 'iop', days: 30 } })).toEqual([4, 7]);
    expect(await ids({ level: 'op', notPrecededBy: { level: 'iop', days: 10 } })).toEqual([4, 6, 7]);
    expect(await ids({ level: 'iop', from: '2025-03-01', to: '2025-06-30' })).toEqual([2, 3]);
    expect(await ids({ level: 'iop', from: '2025-03-01' })).toEqual([1, 2, 3]);
    expect(await ids({ level: 'iop', programs: ['b'] })).toEqual([1, 2]);
    expect(await ids({ level: 'iop', filters: { payer: [null] } })).toEqual([2, 5]);
    expect(await ids({ level: 'iop', filters: { payer: ['commercial', null] } })).toEqual([2, 3, 5]);
    expect(await ids({ level: 'iop', filters: { co_occurring_mh: [false, null] } })).toEqual([2, 3, 5]);
    expect(await ids({ level: 'iop', filters: { mat: [null] } })).toEqual([2, 3, 5]);
    expect(await ids({ level: 'iop', filters: { age_band: ['12-17', '55+'] } })).toEqual([1, 3]);
    expect(await ids({ level: 'iop', filters: { sex: ['female'], payer: ['commercial'] } })).toEqual([3]);
  });

  it('hostile strings match nothing and harm nothing', async () => {
    for (const evil of ["'; DROP TABLE ep_summary; --", "a' OR '1'='1", '"', "\\'"]) {
      expect(await ids({ level: 'iop', programs: [evil] })).toEqual([]);
      expect(await ids({ level: 'iop', filters: { housing: [evil], sex: [evil] } })).toEqual([]);
    }
    expect(await ids({ level: 'iop' })).toEqual([1, 2, 3, 5]);
  });

  it('groupings: by program (every program, even empty), by covariate, overlapping sets', async () => {
    expect(await materializeGroups(conn, { level: 'iop' }, { kind: 'by', column: 'program_id' })).toEqual([
      'a',
      'b',
      'c',
    ]);
    expect(
      await materializeGroups(
        conn,
        { level: 'iop', programs: ['c', 'b'] },
        { kind: 'by', column: 'program_id' },
      ),
    ).toEqual(['b', 'c']);
    expect(await materializeGroups(conn, { level: 'iop' }, { kind: 'by', column: 'payer' })).toEqual([
      'medicaid',
      'commercial',
      'unknown',
    ]);
    expect(
      await materializeGroups(conn, { level: 'iop' }, { kind: 'by', column: 'co_occurring_mh' }),
    ).toEqual(['true', 'false', 'unknown']);
    expect(await materializeGroups(conn, { level: 'iop' }, { kind: 'by', column: 'mat' })).toEqual([
      'methadone',
      'none',
    ]);
    const rows = await conn.query<{ id: number; grp: string }>(
      'SELECT episode_id::INTEGER AS id, grp FROM cohort_eps ORDER BY 1',
    );
    expect(rows).toEqual([
      { id: 1, grp: 'methadone' },
      { id: 2, grp: 'none' },
      { id: 3, grp: 'none' },
      { id: 5, grp: 'none' },
    ]);
    const sets = await session.grouped(
      { level: 'iop' },
      {
        kind: 'sets',
        sets: [
          { label: 'women', cohort: { level: 'iop', filters: { sex: ['female'] } } },
          { label: 'program b', cohort: { level: 'iop', programs: ['b'] } },
          { label: 'nobody', cohort: { level: 'iop', programs: ['zzz'] } },
        ],
      },
    );
    expect(sets.groups).toEqual(['women', 'program b', 'nobody']);
    expect([...sets.episodes.entries()]).toEqual([
      ['women', 3],
      ['program b', 2],
      ['nobody', 0],
    ]);
    await expect(
      materializeGroups(
        conn,
        { level: 'iop' },
        {
          kind: 'sets',
          sets: [
            { label: 'x', cohort: { level: 'iop' } },
            { label: 'x', cohort: { level: 'op' } },
          ],
        },
      ),
    ).rejects.toThrow(/distinct/);
  });

  it('options for pickers', async () => {
    const o = await session.options();
    expect(o.levels).toEqual([
      { level: 'iop', episodes: 4 },
      { level: 'op', episodes: 3 },
    ]);
    expect(o.programs.map((p) => p.program_id)).toEqual(['a', 'b', 'c']);
    expect(o.admit_from).toBe('2025-01-02');
    expect(o.admit_to).toBe('2026-01-01');
    expect(o.filters.sex).toEqual(['female', 'male', 'other']);
    expect(o.filters.payer).toEqual(['medicaid', 'commercial', null]);
    expect(o.filters.co_occurring_mh).toEqual([true, false, null]);
  });

  it('measureSql names every group step and ep_summary', () => {
    const sql = session.measureSql();
    expect(Object.keys(sql)).toEqual(
      expect.arrayContaining(['ep_summary', 'discharge.summary', 'retention.time_counts', 'access.access']),
    );
    expect(sql.ep_summary).toContain('CREATE OR REPLACE TABLE ep_summary');
  });
});
