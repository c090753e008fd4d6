import { rm } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LoadingConnector } from '../../core/engine/connector';
import { OutcomeSession } from '../../core/measures/session';
import type { MeasureSet, Proportion, Survival } from '../../core/measures/types';
import { wilsonInterval } from '../../core/stats/wilson';
import { exportFolderFiles } from '../../pipelines/lib/export-folder';
import { COMPRESSED_WASM, ENGINES } from '../support/engines';
import { episode, writeTinyExport } from './tiny-export';

/*
 * p1, E = 2026-06-30, all admitted 2026-01-01 unless said otherwise:
 *   a dropped out on day 0; b and c dropped out / terminated on day 10 (a tie); d completed on
 *   day 10 (censored at E − admit = 180); e open, admitted 2026-06-01 (censored at 29);
 *   f incarcerated on day 20 (neutral: censored at 20); g dropped out on day 40.
 * KM by hand: S(0) = 6/7, S(10) = 6/7 · 4/6 = 4/7, S(40) = 4/7 · 1/2 = 2/7.
 * p2: one episode, completed after 14 days. p3: no episodes. No encounters or followups table.
 */
const eps = {
  a: episode({
    episode_id: 1,
    discharge_date: '2026-01-01',
    discharge_reason: 'dropped_out',
    use_days_admit: 20,
    use_days_discharge: 10,
  }),
  b: episode({
    episode_id: 2,
    discharge_date: '2026-01-11',
    discharge_reason: 'dropped_out',
    use_days_admit: 30,
    use_days_discharge: 0,
  }),
  c: episode({ episode_id: 3, discharge_date: '2026-01-11', discharge_reason: 'terminated' }),
  d: episode({
    episode_id: 4,
    discharge_date: '2026-01-11',
    discharge_reason: 'completed',
    use_days_admit: 10,
    use_days_discharge: 0,
    age_at_admit: 16,
  }),
  e: episode({ episode_id: 5, admit_date: '2026-06-01', referral_date: '2026-05-20' }),
  f: episode({
    episode_id: 6,
    discharge_date: '2026-01-21',
    discharge_reason: 'incarcerated',
    referral_date: '2025-12-30',
  }),
  g: episode({ episode_id: 7, discharge_date: '2026-02-10', discharge_reason: 'dropped_out' }),
  h: episode({
    episode_id: 8,
    program_id: 'p2',
    admit_date: '2026-03-01',
    discharge_date: '2026-03-15',
    discharge_reason: 'completed',
    sex: 'male',
    payer: 'medicaid',
  }),
};
const screen = (screen_id: number, episode_id: number, collected_date: string, result: string) => ({
  screen_id,
  episode_id,
  collected_date,
  result,
});
const screens = [
  // g (discharged 2026-02-10): window [2026-01-12, 2026-02-10]. Run N N P N N N M N → longest 3.
  screen(1, 7, '2026-01-02', 'negative'),
  screen(2, 7, '2026-01-03', 'negative'),
  screen(3, 7, '2026-01-05', 'positive'),
  screen(4, 7, '2026-01-11', 'negative'), // day before the window
  screen(5, 7, '2026-01-12', 'negative'), // first day of the window
  screen(6, 7, '2026-01-20', 'negative'),
  screen(7, 7, '2026-01-25', 'missed'),
  screen(8, 7, '2026-02-10', 'negative'),
  // b: only a positive, in the window.
  screen(9, 2, '2026-01-05', 'refused'),
  // d: negatives in the window: abstinent both ways.
  screen(10, 4, '2026-01-10', 'negative'),
  // c: only a missed screen: no complete-case value, not abstinent under missing = positive.
  screen(11, 3, '2026-01-10', 'missed'),
];

describe.each([...ENGINES, COMPRESSED_WASM])('measure edge cases: $name', ({ open }) => {
  let conn: LoadingConnector;
  let session: OutcomeSession;
  let dir: string;
  let overall: MeasureSet;
  let byProgram: Awaited<ReturnType<OutcomeSession['grouped']>>;
  beforeAll(async () => {
    dir = await writeTinyExport({
      programs: ['p1', 'p2', 'p3'].map((id) => ({ program_id: id, program_name: `Program ${id}` })),
      episodes: Object.values(eps),
      drug_screens: screens,
    });
    conn = await open();
    session = await OutcomeSession.open(conn, await exportFolderFiles(dir));
    overall = (await session.grouped({ level: 'iop', programs: ['p1'] }, { kind: 'overall' })).measures.get(
      'overall',
    )!;
    byProgram = await session.grouped({ level: 'iop' }, { kind: 'by', column: 'program_id' });
  });
  afterAll(async () => {
    await conn?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('Kaplan–Meier: event on day 0, tied events, completers censored at E, open and neutral censored', () => {
    const r30 = overall.retention_30 as Survival;
    expect(r30.value).toBeCloseTo(4 / 7, 12);
    expect(r30.at_risk).toBe(2);
    // Greenwood Σ d/(n(n−d)) = 1/(7·6) + 2/(6·4), on the log(−log) scale.
    expect(r30.lower).toBeCloseTo(0.17186601552877515, 10);
    expect(r30.upper).toBeCloseTo(0.8370827803491805, 10);
    const r90 = overall.retention_90 as Survival;
    expect(r90.value).toBeCloseTo(2 / 7, 12);
    expect(r90.at_risk).toBe(1);
    expect(r90.lower).toBeCloseTo(0.014416943873052325, 10);
    expect(r90.upper).toBeCloseTo(0.6905950123655418, 10);
  });

  it('KM curve: day 0 already includes the day-0 event; at risk counts km_time ≥ t', async () => {
    const curves = await session.kmCurves({ level: 'iop', programs: ['p1'] }, { kind: 'overall' }, 45);
    const pts = curves.get('overall')!;
    expect(pts).toHaveLength(46);
    expect(pts[0]).toMatchObject({ day: 0, at_risk: 7 });
    expect(pts[0].surv).toBeCloseTo(6 / 7, 12);
    expect(pts[9].surv).toBeCloseTo(6 / 7, 12);
    expect(pts[10].surv).toBeCloseTo(4 / 7, 12);
    expect(pts[10].at_risk).toBe(6);
    expect(pts[21].at_risk).toBe(3);
    expect(pts[40].surv).toBeCloseTo(2 / 7, 12);
  });

  it('discharge outcomes; a program with a single discharge; a program without episodes', () => {
    expect(overall.completion_rate).toMatchObject({ numerator: 1, denominator: 6 });
    expect(overall.discharge_reasons).toEqual({
      completed: 1,
      dropped_out: 3,
      terminated: 1,
      incarcerated: 1,
    });
    expect(overall.los_median).toEqual({ value: 10, q1: 10, q3: 17.5, n: 6 });
    expect(byProgram.groups).toEqual(['p1', 'p2', 'p3']);
    const p2 = byProgram.measures.get('p2')!;
    const w = wilsonInterval(1, 1)!;
    expect(p2.completion_rate).toEqual({ value: 1, lower: w.lower, upper: 1, numerator: 1, denominator: 1 });
    expect(p2.los_median).toEqual({ value: 14, q1: 14, q3: 14, n: 1 });
    expect(p2.retention_30).toEqual({ value: 1, lower: null, upper: null, at_risk: 1 });
    expect(byProgram.episodes.get('p3')).toBe(0);
    const p3 = byProgram.measures.get('p3')!;
    expect(p3.completion_rate).toEqual({
      value: null,
      lower: null,
      upper: null,
      numerator: 0,
      denominator: 0,
    });
    expect(p3.los_median).toEqual({ value: null, q1: null, q3: null, n: 0 });
    expect(p3.retention_30).toEqual({ value: null, lower: null, upper: null, at_risk: 0 });
    expect(p3.discharge_reasons).toEqual({});
  });

  it('abstinence: the final-30 window, missed screens, an episode without screens, the longest run', () => {
    // Screens of b, c, d, g; missed and refused handled per measures.md §4.
    expect(overall.negative_screen_rate).toMatchObject({ numerator: 7, denominator: 9 });
    // cc: b (refused: no), d (yes), g (N N M N: yes); c has only a missed screen.
    expect(overall.abstinent_final30_cc).toMatchObject({ numerator: 2, denominator: 3 });
    // mip: over the 6 discharged; g's missed screen counts as positive.
    expect(overall.abstinent_final30_mip).toMatchObject({ numerator: 1, denominator: 6 });
    // Runs: g 3, b 0, c 0, d 1 → quartiles of [0, 0, 1, 3].
    expect(overall.longest_negative_run).toEqual({ value: 0.5, q1: 0, q3: 1.5, n: 4 });
  });

  it('self-report and access', () => {
    expect(overall.abstinent_at_discharge_cc).toMatchObject({ numerator: 2, denominator: 3 });
    expect(overall.abstinent_at_discharge_mip).toMatchObject({ numerator: 2, denominator: 6 });
    const change = overall.use_days_change as { value: number; lower: number; upper: number; n: number };
    expect(change.n).toBe(3);
    expect(change.value).toBeCloseTo(50 / 3, 12);
    // t.test(c(10, 30, 10)): 16.667 ± qt(0.975, 2) · sd / √3.
    expect(change.lower).toBeCloseTo(50 / 3 - (4.302653 * Math.sqrt(400 / 3)) / Math.sqrt(3), 4);
    expect(overall.wait_days).toEqual({ value: 7, q1: 4.5, q3: 9.5, n: 2 });
    expect(overall.admitted_within_7).toMatchObject({ numerator: 1, denominator: 2 });
  });

  it('a measure whose table is missing is null with a reason', () => {
    for (const name of ['attendance_rate', 'hours_per_week', 'meets_asam_intensity'])
      expect(overall[name]).toEqual({ value: null, reason: 'not available: needs encounters' });
    for (const name of ['followup_reached_30', 'abstinent_followup_180_mip'])
      expect(overall[name]).toEqual({ value: null, reason: 'not available: needs followups' });
  });

  it('log-rank between programs and report shape', async () => {
    const lr = await session.logRank({ level: 'iop' }, { kind: 'by', column: 'program_id' });
    expect(lr).not.toBeNull();
    expect(lr!.df).toBe(1);
    expect(lr!.observed).toEqual([4, 0]);
    const report = await session.report({ level: 'iop' });
    expect(report.cohort.episodes).toBe(8);
    expect(Object.keys(report.programs)).toEqual(['p1', 'p2', 'p3']);
    expect(report.programs.p3.episodes).toBe(0);
    expect((report.measures.completion_rate as Proportion).denominator).toBe(7);
  });
});
