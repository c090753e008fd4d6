import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { MeasureSet, Report } from '../../core/measures/types';
import { auditRelease, describeViolations, tableRelease } from '../../core/privacy/audit';
import { coarseCurve } from '../../core/privacy/coarse-curve';
import { publishReport } from '../../core/privacy/publish-report';

const prop = (numerator: number, denominator: number) => ({
  value: denominator ? numerator / denominator : null,
  lower: denominator ? 0.01 : null,
  upper: denominator ? 0.99 : null,
  numerator,
  denominator,
});

/** A random small program: its episodes, discharge reasons, and figures resting on subsets of them. */
const program = fc
  .record({
    completed: fc.nat(30),
    dropped_out: fc.nat(20),
    transferred: fc.nat(8),
    open: fc.nat(12),
    reached: fc.nat(30),
    waited: fc.nat(12),
    atRisk: fc.nat(40),
  })
  .map((r) => {
    const discharged = r.completed + r.dropped_out + r.transferred;
    const episodes = discharged + r.open;
    const followed = Math.min(r.reached, discharged);
    const measures: MeasureSet = {
      completion_rate: prop(r.completed, discharged),
      discharge_reasons: { completed: r.completed, dropped_out: r.dropped_out, transferred: r.transferred },
      followup_reached_90: prop(followed, discharged),
      admitted_within_7: prop(Math.max(0, episodes - r.waited), episodes),
      retention_90: { value: 0.5, lower: 0.4, upper: 0.6, at_risk: Math.min(r.atRisk, episodes) },
      los_median: { value: 30, q1: 10, q3: 50, n: discharged },
    } as MeasureSet;
    return { episodes, measures };
  });

function sum(blocks: { episodes: number; measures: MeasureSet }[]): {
  episodes: number;
  measures: MeasureSet;
} {
  const add = (f: (m: MeasureSet) => number) => blocks.reduce((s, b) => s + f(b.measures), 0);
  const p = (k: string) => (m: MeasureSet) => m[k] as unknown as { numerator: number; denominator: number };
  const pr = (k: string) =>
    prop(
      add((m) => p(k)(m).numerator),
      add((m) => p(k)(m).denominator),
    );
  const reasons = (k: string) => add((m) => (m.discharge_reasons as unknown as Record<string, number>)[k]);
  return {
    episodes: blocks.reduce((s, b) => s + b.episodes, 0),
    measures: {
      completion_rate: pr('completion_rate'),
      discharge_reasons: {
        completed: reasons('completed'),
        dropped_out: reasons('dropped_out'),
        transferred: reasons('transferred'),
      },
      followup_reached_90: pr('followup_reached_90'),
      admitted_within_7: pr('admitted_within_7'),
      retention_90: {
        value: 0.5,
        lower: 0.4,
        upper: 0.6,
        at_risk: add((m) => (m.retention_90 as { at_risk: number }).at_risk),
      },
      los_median: { value: 30, q1: 10, q3: 50, n: add((m) => (m.los_median as { n: number }).n) },
    } as MeasureSet,
  };
}

/** Finding 1 of #15, by property: random small cohorts, every published figure audited. */
describe('small counts can be worked back from released exports (property)', () => {
  it('publishReport of any small cohort passes the audit, as JSON and as a table', () => {
    fc.assert(
      fc.property(fc.array(program, { minLength: 1, maxLength: 4 }), (programs) => {
        const overall = sum(programs);
        const report: Report = {
          contract_version: '1',
          extract_date: '2026-06-30',
          cohort: { episodes: overall.episodes, excluded: {} },
          measures: overall.measures,
          programs: Object.fromEntries(programs.map((p, i) => [`p${i}`, p])),
          risk_adjusted: {},
        } as unknown as Report;
        const published = publishReport(report);
        expect(describeViolations(auditRelease(published))).toEqual([]);
        const table = [
          ['program_id', 'episodes', 'completion_rate_numerator', 'completion_rate_denominator'],
          ...Object.entries(published.programs).map(([id, p]) => {
            const c = p.measures.completion_rate as unknown as { numerator: unknown; denominator: unknown };
            return [id, p.episodes, c.numerator, c.denominator] as (string | number | null)[];
          }),
        ];
        expect(describeViolations(auditRelease(tableRelease(table)))).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });

  it('a coarse curve steps by 0 or at least 11, at risk and events alike', () => {
    const curve = fc
      .array(fc.record({ left: fc.nat(15), events: fc.nat(15) }), { maxLength: 40 })
      .chain((steps) =>
        fc.integer({ min: 11, max: 400 }).map((n0) => {
          let atRisk = n0;
          let surv = 1;
          const points = [{ time: 0, atRisk, surv }];
          steps.forEach((s, i) => {
            const d = Math.min(s.events, atRisk);
            surv *= atRisk ? 1 - d / atRisk : 1;
            atRisk = Math.max(0, atRisk - d - s.left);
            points.push({ time: i + 1, atRisk, surv });
          });
          return points;
        }),
      );
    fc.assert(
      fc.property(curve, (points) => {
        const shown = coarseCurve(points.filter((p) => p.atRisk > 10));
        expect(auditRelease({ curve: shown }).filter((v) => v.rule === 'curve_step')).toEqual([]);
        for (let i = 1; i < shown.length; i++) {
          const events = Math.round(shown[i - 1].atRisk * (1 - shown[i].surv / shown[i - 1].surv));
          expect(events === 0 || events >= 11, `events ${events}`).toBe(true);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('reads a difference, a small count and a curve step wherever they sit', () => {
    const found = auditRelease({
      cohort: { episodes: 14 },
      measures: { admitted_within_7: { numerator: 13, denominator: 14 }, followup: { denominator: 12 } },
      curves: [
        { time: 0, atRisk: 2646 },
        { time: 1, atRisk: 2636 },
      ],
      odd: { n: 4 },
    }).map((v) => `${v.rule} ${v.path}`);
    expect(found).toEqual(
      expect.arrayContaining([
        'small $.odd.n',
        'difference $.measures.admitted_within_7.numerator',
        'difference $.cohort.episodes',
        'curve_step $.curves[1]',
      ]),
    );
  });
});
