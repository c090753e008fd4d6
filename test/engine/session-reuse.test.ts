import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { materializeGroups } from '../../core/cohort/groups';
import type { Cohort, Grouping } from '../../core/cohort/types';
import type { LoadingConnector, Row, SqlValue } from '../../core/engine/connector';
import { RememberingConnector } from '../../core/engine/remembering-connector';
import { MEASURE_GROUPS } from '../../core/measures/registry';
import { OutcomeSession } from '../../core/measures/session';
import { exportFolderFiles } from '../../pipelines/lib/export-folder';
import { ENGINES, GOLDEN_DIR } from '../support/engines';

/** The connector with every statement it ran, so a test sees what a call really computed. */
function recording(inner: LoadingConnector) {
  const ran: string[] = [];
  const conn: LoadingConnector = {
    engine: inner.engine,
    query: <T extends Row = Row>(sql: string, params?: readonly SqlValue[]) => {
      ran.push(sql);
      return inner.query<T>(sql, params);
    },
    exec: (sql: string) => {
      ran.push(sql);
      return inner.exec(sql);
    },
    loadParquet: (file, table, onProgress) => inner.loadParquet(file, table, onProgress),
    streamParquet: (file, relation, opts) => inner.streamParquet(file, relation, opts),
    close: () => inner.close(),
  };
  return { conn, ran };
}

const materialisations = (ran: string[]) => ran.filter((s) => s.includes('TEMP VIEW cohort_eps')).length;
const BY_PROGRAM = { kind: 'by', column: 'program_id' } as const;

describe.each(ENGINES)('a filter change computes only what changed: $name', ({ open }) => {
  let inner: LoadingConnector;
  let ran: string[];
  let session: OutcomeSession;
  let fresh: OutcomeSession;
  beforeAll(async () => {
    inner = await open();
    const rec = recording(inner);
    ran = rec.ran;
    const files = await exportFolderFiles(GOLDEN_DIR);
    session = await OutcomeSession.open(rec.conn, files);
    fresh = await OutcomeSession.open(await open(), files);
  });
  afterAll(async () => {
    await inner?.close();
    await fresh?.conn.close();
  });

  it('reuses cohort_eps for the same cohort and grouping, and rebuilds it for another', async () => {
    ran.length = 0;
    const a = await session.grouped({ level: 'iop' }, BY_PROGRAM);
    const curves = await session.kmCurves({ level: 'iop' }, BY_PROGRAM, 90);
    expect(materialisations(ran)).toBe(1);
    // by sex: grouped by program, the program's rows would be those of the level by program (program-sums.test.ts)
    const bySex: Grouping = { kind: 'by', column: 'sex' };
    const b = await session.grouped({ level: 'iop', programs: ['harbor'] }, bySex);
    expect(materialisations(ran)).toBe(2);
    // after switching back, the figures are those of a session that never saw the other cohort;
    // the curve's counts by program were kept, so cohort_eps is not made again (program-sums.test.ts)
    const again = await session.kmCurves({ level: 'iop' }, BY_PROGRAM, 90);
    expect(materialisations(ran)).toBe(2);
    expect(again).toEqual(curves);
    expect(a).toEqual(await fresh.grouped({ level: 'iop' }, BY_PROGRAM));
    expect(b).toEqual(await fresh.grouped({ level: 'iop', programs: ['harbor'] }, bySex));
    expect(b.groups.length).toBeGreaterThan(1);
  });

  it('a view asking for some measures gets those of the full set, and fewer statements run', async () => {
    const cohort = { level: 'iop' as const, programs: ['valley', 'summit'] };
    // by sex, so that every statement reads the cohort's own rows (no sums by program)
    const bySex: Grouping = { kind: 'by', column: 'sex' };
    const full = await fresh.grouped(cohort, bySex);
    ran.length = 0;
    await session.grouped(cohort, bySex);
    const allStatements = ran.length;
    ran.length = 0;
    const some = await session.grouped(cohort, bySex, [
      'retention_90',
      'completion_rate',
      'cost_per_completer',
      'step_down_rate',
    ]);
    expect(ran.length).toBeLessThan(allStatements / 2);
    expect(ran.some((sql) => sql.includes('BY_QUARTER') || /quarter\(/.test(sql))).toBe(false);
    expect(some.episodes).toEqual(full.episodes);
    for (const g of some.groups) {
      const shown = some.measures.get(g)!;
      expect(shown.retention_90).toEqual(full.measures.get(g)!.retention_90);
      expect(shown.completion_rate).toEqual(full.measures.get(g)!.completion_rate);
      expect(shown.cost_per_completer).toEqual(full.measures.get(g)!.cost_per_completer);
      expect(shown.step_down_rate).toEqual(full.measures.get(g)!.step_down_rate);
      // steps no asked measure needs are skipped, and their measures left out
      expect(shown.group_share_tertiles).toBeUndefined();
      expect(shown.discharge_reasons).toBeUndefined();
      expect(shown.attendance_rate).toBeUndefined();
      expect(shown.in_treatment_90).toBeUndefined(); // the in-treatment curve's statement
      expect(shown.step_down_cif_30).toBeUndefined(); // the step-down CIF's statement
    }
  });

  it("the asked groups' one-row-per-grp aggregates run in one pass, their value counts in one more, equal to each group's own statements", async () => {
    const cohort = { level: 'iop' as const, programs: ['valley', 'summit'] };
    // a first call (hours per week, read per program) makes cohort_eps the level's by program, which
    // the call below reads too: it then runs its aggregates alone
    await session.grouped(cohort, BY_PROGRAM, ['hours_per_week']);
    ran.length = 0;
    const asked = [
      'completion_rate',
      'attendance_rate',
      'abstinent_final30_cc',
      'use_days_change',
      'wait_days',
      'step_down_rate',
      'cost_per_completer',
    ];
    const shared = await session.grouped(cohort, BY_PROGRAM, asked);
    // the pass of every asked item but the wait's quartiles, which also counts each program's
    // episodes and reads step-down's and cost's columns from the one per-episode table, joining none
    expect(ran.length).toBe(2);
    expect(ran[0]).toMatch(/e\.transition[^]*e\.cost/);
    expect(ran[0]).not.toMatch(/ep_transition|ep_cost/);
    // only the asked measures' items: not the LOS quartiles, nor step-down's continuity counts
    expect(ran[0]).not.toMatch(/e\.los|continuity_gap/);
    // and one statement of counts by value, for the wait's median
    expect(ran[1]).toMatch(
      /^SELECT e\.grp, 'g\d+_wait' AS item, \(e\.wait_days\)::INTEGER AS value, count\(\*\)/,
    );
    expect(ran[1]).not.toMatch(/UNION/);
    const full = await fresh.grouped(cohort, BY_PROGRAM);
    expect(shared.episodes).toEqual(full.episodes);
    const own = await fresh.withGroups(cohort, BY_PROGRAM, async (ctx, groups) => {
      const sets = await Promise.all(
        MEASURE_GROUPS.filter((g) => g.rowItems && g.measures.some((m) => asked.includes(m))).map((g) =>
          g.compute(ctx, groups, asked),
        ),
      );
      return new Map(groups.map((g) => [g, Object.assign({}, ...sets.map((x) => x.get(g)))]));
    });
    expect(own.size).toBe(2);
    for (const [g, set] of own) expect(shared.measures.get(g)).toEqual(set);
  });

  it('a statement two calls of one cohort share runs once, and again after the cohort changed', async () => {
    // a window no other test asks: its rows by program were never read, so the cohort reads its own
    const cohort = { level: 'iop' as const, programs: ['northside'], from: '2000-01-01' };
    await session.grouped(cohort, BY_PROGRAM, ['retention_90']);
    ran.length = 0;
    const curve = await session.series(cohort, BY_PROGRAM, 90, ['retention_curve']);
    expect(ran).toEqual([]);
    expect(curve).toEqual(await fresh.series(cohort, BY_PROGRAM, 90, ['retention_curve']));
    await session.grouped({ level: 'iop' }, BY_PROGRAM, ['retention_90']);
    ran.length = 0;
    const again = await session.series(cohort, BY_PROGRAM, 90, ['retention_curve']);
    // cohort_eps (its level by program: the golden export is read whole), its programs, the
    // curve's statement, and the episodes every view asks with it (the row ranges were read once)
    expect(ran).toEqual([
      expect.stringMatching(
        /^CREATE OR REPLACE TEMP VIEW cohort_eps AS SELECT e\.program_id::VARCHAR AS grp/,
      ),
      expect.stringMatching(/^SELECT program_id::VARCHAR AS id FROM programs /),
      expect.stringMatching(/^SELECT grp, part, /),
      expect.stringMatching(/^SELECT grp, count\(\*\)::INTEGER AS n FROM cohort_eps/),
    ]);
    expect(again).toEqual(curve);
  });

  it('series parts are the full set restricted to them', async () => {
    const cohort = { level: 'iop' as const };
    const full = await fresh.series(cohort, BY_PROGRAM, 90);
    const some = await session.series(cohort, BY_PROGRAM, 90, ['discharge_reasons', 'step_down_cif']);
    expect(Object.keys(some).sort()).toEqual(['discharge_reasons', 'step_down_cif']);
    expect(some.discharge_reasons).toEqual(full.discharge_reasons);
    expect(some.step_down_cif).toEqual(full.step_down_cif);
  });
});

describe.each(ENGINES)('remembered results and the cohort view: $name', ({ open }) => {
  let conn: LoadingConnector;
  beforeAll(async () => {
    conn = await open();
    await OutcomeSession.open(conn, await exportFolderFiles(GOLDEN_DIR));
  });
  afterAll(async () => conn?.close());

  it('a remembered result never outlives the cohort_eps view it read (same SELECT, other cohort)', async () => {
    const remembering = new RememberingConnector(conn);
    const COUNT = 'SELECT grp, count(*)::INTEGER AS n FROM cohort_eps GROUP BY grp ORDER BY grp';
    const direct = async (cohort: Cohort) => {
      await materializeGroups(conn, cohort, BY_PROGRAM);
      return conn.query(COUNT);
    };
    const cohorts: Cohort[] = [
      { level: 'iop' },
      { level: 'iop', programs: ['harbor'] },
      { level: 'iop', filters: { payer: ['medicaid'] } },
      // a cohort kept as cohort_ids behind the view
      { level: 'op', notPrecededBy: { level: 'iop', days: 30 } },
      { level: 'iop' },
    ];
    const expected = [];
    for (const c of cohorts) expected.push(await direct(c));
    expect(expected[0]).not.toEqual(expected[1]);
    for (const [i, c] of cohorts.entries()) {
      await materializeGroups(remembering, c, BY_PROGRAM);
      expect(await remembering.query(COUNT)).toEqual(expected[i]);
      expect(await remembering.query(COUNT)).toEqual(expected[i]); // remembered, the same
    }
  });
});
