import { describe, expect, it } from 'vitest';
import type { MeasureSet, Proportion, Report } from '../../core/measures/types';
import { revealsSmallCell, type Cell } from '../../core/privacy/publish-report-audit';
import { isHiddenCount, publishReport, type PublishedReport } from '../../core/privacy/publish-report';

const prop = (numerator: number, denominator: number): Proportion => ({
  value: denominator ? numerator / denominator : null,
  lower: denominator ? 0.01 : null,
  upper: denominator ? 0.99 : null,
  numerator,
  denominator,
});
const median = (n: number) => ({ value: n ? 30 : null, q1: n ? 10 : null, q3: n ? 50 : null, n });
const reasonMeasures = (reasons: Record<string, number>): MeasureSet => ({
  discharge_reasons: reasons,
  ...Object.fromEntries(Object.entries(reasons).map(([r, n]) => [`los_median_${r}`, median(n)])),
});

/** A block of measures for a group with `episodes` episodes and these discharge reasons. */
function block(episodes: number, reasons: Record<string, number>, extra: MeasureSet = {}): MeasureSet {
  const discharged = Object.values(reasons).reduce((s, n) => s + n, 0);
  return {
    completion_rate: prop(reasons.completed ?? 0, discharged),
    ...reasonMeasures(reasons),
    los_median: median(discharged),
    hours_per_week: median(episodes),
    ...extra,
  };
}

function report(): Report {
  const reasonsA = { completed: 35, dropped_out: 38, transferred: 10, died: 0 };
  const reasonsB = { completed: 5, dropped_out: 7, transferred: 2, died: 3 };
  const reasonsC = { completed: 30, dropped_out: 25, transferred: 14, died: 0 };
  const reasons = { completed: 70, dropped_out: 70, transferred: 26, died: 3 };
  return {
    contract_version: '1',
    extract_date: '2026-06-30',
    cohort: {
      episodes: 200,
      excluded: { 'episodes.admit_after_extract': 3, 'encounters.minutes_range': 40 },
    },
    measures: block(200, reasons, {
      retention_30: { value: 0.6, lower: 0.5, upper: 0.7, at_risk: 60 },
      retention_60: { value: 0.5, lower: 0.4, upper: 0.6, at_risk: 7 },
      retention_90: { value: 0.5, lower: 0.4, upper: 0.6, at_risk: 0 },
      use_days_change: { value: 4.2, lower: 1, upper: 7, n: 8 },
      cost_per_episode: { value: 900, median: 850, n: 200, unpriced_encounters: 2 } as MeasureSet[string],
      cost_per_completer: { value: 2700 },
      cost_per_client_hour_group: { value: 31.5 },
      step_down_rate: prop(5, 100),
      step_down_cif_30: { value: 0.02 },
      a_future_scalar: { value: 1.5 },
      abstinent_followup_30_cc: { value: null, reason: 'not available: needs followups' },
      group_share_tertiles: {
        value: 75,
        n: 75,
        cuts: [0.5, 0.8],
        tertiles: [
          {
            tertile: 1,
            share_min: 0.1,
            share_max: 0.5,
            episodes: 30,
            completion_rate: prop(12, 28),
            cost_per_completer: 3000,
          },
          {
            tertile: 2,
            share_min: 0.6,
            share_max: 0.8,
            episodes: 5,
            completion_rate: prop(2, 5),
            cost_per_completer: 4000,
          },
          {
            tertile: 3,
            share_min: 0.9,
            share_max: 1,
            episodes: 40,
            completion_rate: prop(4, 38),
            cost_per_completer: 5000,
          },
        ],
      } as unknown as MeasureSet[string],
    }),
    programs: {
      a: { episodes: 100, measures: block(100, reasonsA, { cost_per_completer: { value: 2500 } }) },
      b: { episodes: 20, measures: block(20, reasonsB, { cost_per_completer: { value: 4100 } }) },
      c: { episodes: 80, measures: block(80, reasonsC, { cost_per_completer: { value: 2600 } }) },
    },
    risk_adjusted: {
      a: {
        observed: 35,
        expected: 33.1,
        oe: 1.06,
        lower: 0.7,
        upper: 1.4,
        standardized_rate: 0.42,
        n: 83,
        z: 0.6,
        z_adjusted: 0.3,
      },
      b: {
        observed: 5,
        expected: 6.9,
        oe: 0.72,
        lower: 0.2,
        upper: 1.7,
        standardized_rate: 0.29,
        n: 17,
        z: -0.8,
        z_adjusted: -0.5,
      },
      c: {
        observed: 30,
        expected: 28.2,
        oe: 1.06,
        lower: 0.7,
        upper: 1.5,
        standardized_rate: 0.44,
        n: 69,
        z: 0.7,
        z_adjusted: 0.4,
      },
    },
    risk_model: {
      coefficients: { '(Intercept)': -1.2, sexother: 2.5 },
      n: 169,
      converged: true,
      c_statistic: 0.7,
      brier: 0.2,
    },
  };
}

/** Every count field of a published report, with its path. */
function counts(x: unknown, path = ''): [string, unknown][] {
  if (Array.isArray(x)) return x.flatMap((v, i) => counts(v, `${path}[${i}]`));
  if (typeof x !== 'object' || x === null) return [];
  const o = x as Record<string, unknown>;
  const isCounts = path.endsWith('discharge_reasons') || path.endsWith('excluded');
  return Object.entries(o).flatMap(([k, v]): [string, unknown][] =>
    isCounts ||
    ['n', 'numerator', 'denominator', 'at_risk', 'episodes', 'observed', 'unpriced_encounters'].includes(k)
      ? [[`${path}.${k}`, v]]
      : counts(v, `${path}.${k}`),
  );
}

/**
 * Brute force, independent of the audit: how many values each "<11" cell can take given the total
 * and the labels ("<11": 1–10; "suppressed": 0 or 11 and more, up to `max`); the total may be a
 * label too.
 */
function choices(cells: unknown[], total: unknown, max: number): number[] {
  const domain = (c: unknown): number[] =>
    c === '<11'
      ? [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]
      : c === 'suppressed'
        ? [0, ...Array.from({ length: Math.max(0, max - 10) }, (_, i) => i + 11)]
        : [c as number];
  return cells.flatMap((c, j) => {
    if (c !== '<11') return [];
    let sums = new Set([0]);
    cells.forEach((o, i) => {
      if (i === j) return;
      const next = new Set<number>();
      for (const s of sums) for (const v of domain(o)) if (s + v <= max) next.add(s + v);
      sums = next;
    });
    return [domain(c).filter((v) => domain(total).some((t) => sums.has(t - v))).length];
  });
}

function assertNothingRecoverable(p: PublishedReport, exact: Report) {
  const max = exact.cohort.episodes;
  const blocks = [
    { m: p.measures },
    ...Object.keys(exact.programs).map((id) => ({ m: p.programs[id].measures })),
  ];
  for (const { m } of blocks) {
    const total = (m.completion_rate as { denominator: unknown }).denominator;
    for (const n of choices(Object.values(m.discharge_reasons), total, max)) expect(n).toBeGreaterThan(1);
  }
  const ids = Object.keys(exact.programs);
  for (const r of Object.keys(exact.measures.discharge_reasons as object)) {
    const total = (p.measures.discharge_reasons as Record<string, unknown>)[r];
    const column = ids.map(
      (id) => (p.programs[id].measures.discharge_reasons as Record<string, unknown>)[r] ?? 0,
    );
    for (const n of choices(column, total, max)) expect(n, r).toBeGreaterThan(1);
  }
  const episodes = ids.map((id) => p.programs[id].episodes);
  for (const n of choices(episodes, p.cohort.episodes, max)) expect(n).toBeGreaterThan(1);
}

describe('publishReport', () => {
  const exact = report();
  const before = structuredClone(exact);
  const p = publishReport(exact);
  const text = JSON.stringify(p);

  it('leaves the Report as it was and keeps its shape and names', () => {
    expect(exact).toEqual(before);
    expect(Object.keys(p.measures)).toEqual(Object.keys(exact.measures));
    expect(Object.keys(p.programs)).toEqual(['a', 'b', 'c']);
    expect(Object.keys(p.programs.b.measures)).toEqual(Object.keys(exact.programs.b.measures));
    expect(p.measures.abstinent_followup_30_cc).toEqual(exact.measures.abstinent_followup_30_cc);
  });

  it('shows no count from 1 to 10; shows zero and large counts', () => {
    const all = counts(p);
    expect(all.length).toBeGreaterThan(70);
    for (const [path, v] of all)
      expect(typeof v === 'number' ? v === 0 || v > 10 : isHiddenCount(v), `${path}=${String(v)}`).toBe(true);
    expect(p.cohort.episodes).toBe(200);
    expect(p.cohort.excluded).toEqual({
      'episodes.admit_after_extract': '<11',
      'encounters.minutes_range': 40,
    });
    expect(p.programs.a.measures.discharge_reasons).toMatchObject({ died: 0, completed: 35 });
  });

  it('hides a rate, median or mean resting on a small count, keeps the others', () => {
    expect(p.programs.b.measures.completion_rate).toEqual({
      value: null,
      lower: null,
      upper: null,
      numerator: '<11',
      // 20 episodes - 17 discharged = 3 open episodes: the difference would be worked back (#15)
      denominator: 'suppressed',
      suppressed: 'small',
    });
    expect(p.measures.completion_rate).toEqual(exact.measures.completion_rate);
    expect(p.measures.use_days_change).toEqual({
      value: null,
      lower: null,
      upper: null,
      n: '<11',
      suppressed: 'small',
    });
    expect(p.measures.los_median_died).toEqual({
      value: null,
      q1: null,
      q3: null,
      n: '<11',
      suppressed: 'small',
    });
    expect(p.measures.cost_per_episode).toEqual({
      value: 900,
      median: 850,
      n: 200,
      unpriced_encounters: '<11',
    });
  });

  it('shows S(t) only while more than 10 are at risk', () => {
    expect(p.measures.retention_30).toEqual(exact.measures.retention_30);
    expect(p.measures.retention_60).toMatchObject({ value: null, lower: null, upper: null, at_risk: '<11' });
    expect(p.measures.retention_90).toEqual({
      value: null,
      lower: null,
      upper: null,
      at_risk: 0,
      suppressed: 'small',
    });
  });

  it('discharge reasons: a lone small reason takes a complement that spares the completion rate', () => {
    // a: transferred 10 alone would follow from the discharged total; dropped_out is hidden with it
    expect(p.programs.a.measures.discharge_reasons).toEqual({
      completed: 35,
      dropped_out: 'suppressed',
      transferred: '<11',
      died: 0,
    });
    expect(p.programs.a.measures.completion_rate).toEqual(exact.programs.a.measures.completion_rate);
    // b's completed (5) needs a second hidden count in its column: the smaller of a's and c's
    expect(p.programs.c.measures.discharge_reasons).toMatchObject({
      completed: 'suppressed',
      dropped_out: 'suppressed',
    });
    expect(p.programs.c.measures.completion_rate).toMatchObject({ value: null, suppressed: 'complementary' });
    expect(p.risk_adjusted.c).toMatchObject({ observed: 'suppressed', oe: null });
    // the same count shown as a median's n would give the complement away
    expect(p.programs.a.measures.los_median_dropped_out).toEqual({
      value: null,
      q1: null,
      q3: null,
      n: 'suppressed',
      suppressed: 'complementary',
    });
    assertNothingRecoverable(p, exact);
  });

  it('risk-adjusted: O/E hidden when observed or n is small', () => {
    expect(p.risk_adjusted.b).toEqual({
      observed: '<11',
      expected: null,
      oe: null,
      lower: null,
      upper: null,
      standardized_rate: null,
      n: 'suppressed',
      z: null,
      z_adjusted: null,
      suppressed: 'small',
    });
    expect(p.risk_adjusted.a).toEqual(exact.risk_adjusted.a);
  });

  it('scalars rest on their declared counts; an undeclared one needs a block with nothing hidden', () => {
    expect(p.measures.cost_per_completer).toEqual({ value: 2700 });
    expect(p.programs.a.measures.cost_per_completer).toEqual({ value: 2500 });
    expect(p.programs.b.measures.cost_per_completer).toEqual({ value: null, suppressed: 'small' });
    expect(p.measures.cost_per_client_hour_group).toEqual({ value: 31.5 });
    expect(p.measures.step_down_cif_30).toEqual({ value: null, suppressed: 'small' });
    expect(p.measures.a_future_scalar).toEqual({ value: null, suppressed: 'complementary' });
    const clean = publishReport({
      ...exact,
      cohort: { episodes: 200, excluded: {} },
      measures: { a_future_scalar: { value: 1.5 }, completion_rate: prop(40, 100) },
      programs: {},
      risk_adjusted: {},
    });
    expect(clean.measures.a_future_scalar).toEqual({ value: 1.5 });
  });

  it('table rows: a small row takes a complement; row statistics follow their own counts', () => {
    const t = p.measures.group_share_tertiles as unknown as {
      n: unknown;
      tertiles: Record<string, unknown>[];
    };
    expect(t.n).toBe(75);
    expect(t.tertiles.map((r) => r.episodes)).toEqual(['suppressed', '<11', 40]);
    expect(t.tertiles[0]).toMatchObject({ tertile: 1, share_min: null, cost_per_completer: null });
    expect(t.tertiles[1]).toMatchObject({ tertile: 2, share_min: null, completion_rate: { value: null } });
    expect(t.tertiles[2]).toMatchObject({
      tertile: 3,
      share_min: 0.9,
      completion_rate: { numerator: '<11', value: null },
      cost_per_completer: null,
      suppressed_fields: { cost_per_completer: 'small' },
    });
  });

  it('leaves out the risk model coefficients and adds the privacy note', () => {
    expect(p.risk_model).toEqual({ n: 169, converged: true, c_statistic: 0.7, brier: 0.2 });
    expect(text).not.toContain('sexother');
    expect(p.privacy.rule).toMatch(/<11/);
    const labels = text.match(/"(<11|suppressed)"/g)!.length - text.match(/"suppressed":/g)!.length;
    expect(p.privacy.suppressed_cells).toBe(labels);
  });

  it('a complement the labels would give away gets one more (1 and 11 add up to 12)', () => {
    const r = report();
    r.programs = {};
    r.risk_adjusted = {};
    r.measures = block(62, { completed: 50, other: 1, dropped_out: 11 });
    const out = publishReport(r);
    expect(out.measures.discharge_reasons).toEqual({
      completed: 'suppressed',
      other: '<11',
      dropped_out: 'suppressed',
    });
    expect(out.measures.completion_rate).toMatchObject({
      value: null,
      numerator: 'suppressed',
      suppressed: 'complementary',
    });
    expect(choices(Object.values(out.measures.discharge_reasons), 62, 62)).toEqual([10]);
  });

  it('one program: the cohort figures are that program, hidden alike', () => {
    const r = report();
    r.programs = { b: r.programs.b };
    r.risk_adjusted = { b: r.risk_adjusted.b };
    r.measures = structuredClone(r.programs.b.measures);
    r.cohort.episodes = 20;
    const out = publishReport(r);
    expect(out.measures.discharge_reasons).toEqual(out.programs.b.measures.discharge_reasons);
    expect(out.measures.completion_rate).toEqual(out.programs.b.measures.completion_rate);
  });

  it('random partitions: no small count can be worked back from any row or column', () => {
    let seed = 7;
    const rand = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), seed % n);
    for (let round = 0; round < 200; round++) {
      const r = report();
      const keys = ['completed', 'dropped_out', 'transferred', 'terminated', 'died'];
      const programs: Report['programs'] = {};
      const overall: Record<string, number> = Object.fromEntries(keys.map((k) => [k, 0]));
      let episodes = 0;
      for (let i = 0; i < 2 + rand(4); i++) {
        const reasons = Object.fromEntries(
          keys.map((k) => [k, [0, 1, 2, 5, 9, 10, 11, 12, 15, 30][rand(10)]]),
        );
        for (const k of keys) overall[k] += reasons[k];
        const n = Object.values(reasons).reduce((s, x) => s + x, 0) + rand(3);
        episodes += n;
        programs[`p${i}`] = { episodes: n, measures: block(n, reasons) };
      }
      r.programs = programs;
      r.risk_adjusted = {};
      r.measures = block(episodes, overall);
      r.cohort = { episodes, excluded: {} };
      const out = publishReport(r);
      for (const [path, v] of counts(out))
        expect(typeof v === 'number' ? v === 0 || v > 10 : isHiddenCount(v), `${round} ${path}`).toBe(true);
      assertNothingRecoverable(out, r);
    }
  });
});

describe('revealsSmallCell', () => {
  const c = (value: number, hidden: Cell['hidden'] = null): Cell => ({ value, hidden, protect: false });
  it('a lone hidden cell, or labels that pin it, give it away; two free cells do not', () => {
    expect(revealsSmallCell({ total: c(20), parts: [c(15), c(5, 'small')], totalMayHide: false })).toBe(true);
    expect(
      revealsSmallCell({ total: c(20), parts: [c(13), c(5, 'small'), c(2, 'small')], totalMayHide: false }),
    ).toBe(false);
    expect(
      revealsSmallCell({ total: c(12), parts: [c(1, 'small'), c(11, 'complementary')], totalMayHide: false }),
    ).toBe(true);
    expect(
      revealsSmallCell({ total: c(19), parts: [c(3, 'small'), c(16, 'complementary')], totalMayHide: false }),
    ).toBe(false);
    expect(
      revealsSmallCell({ total: c(2, 'small'), parts: [c(1, 'small'), c(1, 'small')], totalMayHide: false }),
    ).toBe(false);
    expect(
      revealsSmallCell({ total: c(50, 'complementary'), parts: [c(41), c(9, 'small')], totalMayHide: true }),
    ).toBe(false);
    expect(revealsSmallCell({ total: c(3, 'small'), parts: [c(0), c(3, 'small')], totalMayHide: true })).toBe(
      false,
    );
  });
});
