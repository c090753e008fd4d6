import { describe, expect, it } from 'vitest';
import type { Cohort, Grouping } from '../../core/cohort/types';
import { measuresFor } from '../../core/measures/measures-for';
import { MEASURE_GROUPS } from '../../core/measures/registry';
import { computeRiskAdjusted } from '../../core/measures/risk';
import { computeSeries, type SeriesPart } from '../../core/measures/series';
import { OVERVIEW_CARDS } from '../../web/src/views/overview-queries';
import { PROGRAMS_SHOWN } from '../../web/src/views/programs-shown';
import { RETENTION_SHOWN } from '../../web/src/views/retention-charts';
import { ENGINES } from '../support/engines';
import { expectClose as closeTo } from '../support/expect-close';
import { useRecordedSessions } from '../support/recording';

const SAMPLE_DIR = new URL('../../sample-data', import.meta.url).pathname;
const OVERVIEW = OVERVIEW_CARDS.map((c) => c.name);
const PARTS: SeriesPart[] = [
  'admissions_by_month',
  'discharge_reasons',
  'retention_curve',
  'negative_rate_by_week',
  'step_down_cif',
  'transitions_after_discharge',
];
/** The Abstinence and Step-down views' groups: their medians and means are counts by value and sums. */
const COUNTED = MEASURE_GROUPS.filter((g) =>
  ['abstinence', 'self-report', 'followup', 'access', 'step-down'].includes(g.id),
).flatMap((g) => g.measures);
const OVERALL: Grouping = { kind: 'overall' };
const BY_PROGRAM: Grouping = { kind: 'by', column: 'program_id' };

/** Equal, numbers to 12 significant digits: a sum of the programs' sums adds doubles in another order. */
const expectClose = (actual: unknown, expected: unknown, path?: string) =>
  closeTo(actual, expected, 1e-12, path);

describe.each(ENGINES)(
  "a cohort of chosen programs is summed from its base's rows by program: $name",
  ({ open }) => {
    const opened = useRecordedSessions(open, SAMPLE_DIR);

    /** The figures computed from the cohort's own rows, never from rows by program. */
    const direct = (cohort: Cohort, grouping: Grouping) =>
      opened.reference.withGroups(cohort, grouping, async (ctx, groups) => {
        const own = { ...ctx, sums: undefined };
        return {
          overview: await measuresFor(own, groups, OVERVIEW),
          retention: await measuresFor(own, groups, RETENTION_SHOWN),
          counted: await measuresFor(own, groups, COUNTED),
          series: await computeSeries(own, groups, 180, PARTS),
          risk: grouping.kind === 'by' ? await computeRiskAdjusted(own, 'step_down_rate') : null,
        };
      });
    const summed = async (cohort: Cohort, grouping: Grouping) => ({
      overview: await opened.session.grouped(cohort, grouping, OVERVIEW),
      retention: await opened.session.grouped(cohort, grouping, RETENTION_SHOWN),
      counted: await opened.session.grouped(cohort, grouping, COUNTED),
      series: await opened.session.series(cohort, grouping, 180, PARTS),
      risk:
        grouping.kind === 'by'
          ? await opened.session.withGroups(cohort, grouping, (ctx) =>
              computeRiskAdjusted(ctx, 'step_down_rate'),
            )
          : null,
    });

    it("the level's figures, read by program and summed, equal those read whole", async () => {
      for (const grouping of [OVERALL, BY_PROGRAM])
        expectClose(await summed({ level: 'iop' }, grouping), await direct({ level: 'iop' }, grouping));
    });

    it('then a program ticked or unticked runs no statement, with the figures of its own rows', async () => {
      const programs = (await opened.session.options()).programs.map((p) => p.program_id);
      expect(programs.length).toBeGreaterThan(2);
      await summed({ level: 'iop' }, OVERALL);
      await summed({ level: 'iop' }, BY_PROGRAM);
      for (const chosen of [
        [programs[0]],
        [programs[1], programs[2]],
        programs.slice(1),
        ['no-such-program'],
      ])
        for (const grouping of [OVERALL, BY_PROGRAM]) {
          opened.ran.length = 0;
          const cohort: Cohort = { level: 'iop', programs: chosen };
          const got = await summed(cohort, grouping);
          expect(opened.ran, JSON.stringify(chosen)).toEqual([]);
          expectClose(got, await direct(cohort, grouping));
        }
    });

    it('a new window with a program ticked reads its level by program (an export read whole), then a tick is free', async () => {
      const programs = (await opened.session.options()).programs.map((p) => p.program_id);
      const dated = (chosen: string): Cohort => ({ level: 'iop', programs: [chosen], from: '2024-01-01' });
      opened.ran.length = 0;
      expectClose(await summed(dated(programs[0]), OVERALL), await direct(dated(programs[0]), OVERALL));
      expect(opened.ran.filter((s) => s.startsWith('CREATE OR REPLACE TEMP VIEW cohort_eps'))).toEqual([
        expect.stringMatching(/program_id::VARCHAR AS grp/),
      ]);
      opened.ran.length = 0;
      expectClose(await summed(dated(programs[1]), OVERALL), await direct(dated(programs[1]), OVERALL));
      expect(opened.ran).toEqual([]);
    });

    it("grouped by program, every measure of the chosen programs is read from the level's rows by program", async () => {
      const programs = (await opened.session.options()).programs.map((p) => p.program_id);
      const every = (cohort: Cohort, grouping: Grouping) =>
        opened.reference.withGroups(cohort, grouping, (ctx, groups) =>
          measuresFor({ ...ctx, sums: undefined }, groups),
        );
      expectClose(
        await opened.session.grouped({ level: 'iop' }, BY_PROGRAM),
        await every({ level: 'iop' }, BY_PROGRAM),
      );
      for (const chosen of [[programs[0]], [programs[1], programs[2]], programs.slice(1)]) {
        const cohort: Cohort = { level: 'iop', programs: chosen };
        opened.ran.length = 0;
        const got = await opened.session.grouped(cohort, BY_PROGRAM);
        expect(opened.ran, JSON.stringify(chosen)).toEqual([]);
        expectClose(got, await every(cohort, BY_PROGRAM));
        // the cohort as a whole: what is no sum reads its own rows
        expectClose(await opened.session.grouped(cohort, OVERALL), await every(cohort, OVERALL));
      }
    });

    it("a figure that is no sum reads the cohort's own rows, in a pass of its own", async () => {
      const programs = (await opened.session.options()).programs.map((p) => p.program_id);
      await summed({ level: 'iop' }, OVERALL);
      opened.ran.length = 0;
      const one: Cohort = { level: 'iop', programs: [programs[1]] };
      const median = await opened.session.grouped(one, OVERALL, ['hours_per_week', 'completion_rate']);
      // the no-sum items alone: completion's counts are summed
      const selects = opened.ran.filter((s) => /^SELECT/.test(s));
      expect(selects).toHaveLength(1);
      expect(selects[0]).toMatch(/quantile_cont\(e\.hours_per_week/);
      expect(selects[0]).not.toMatch(/e\.completed/);
      const expected = await opened.reference.withGroups(one, OVERALL, (ctx, groups) =>
        measuresFor({ ...ctx, sums: undefined }, groups, ['hours_per_week', 'completion_rate']),
      );
      expectClose(median, expected);
    });

    it("a table of programs' report: a program ticked runs no statement, its figures the whole report's", async () => {
      const programs = (await opened.session.options()).programs.map((p) => p.program_id);
      await opened.session.report({ level: 'iop' }, PROGRAMS_SHOWN);
      for (const chosen of [[programs[0]], [programs[1], programs[2]], programs.slice(1)]) {
        const cohort: Cohort = { level: 'iop', programs: chosen };
        opened.ran.length = 0;
        const table = await opened.session.report(cohort, PROGRAMS_SHOWN);
        expect(opened.ran, JSON.stringify(chosen)).toEqual([]);
        const whole = await opened.reference.report(cohort);
        expect(table.measures).toEqual({});
        expect(table.risk_adjusted_outcomes).toBeUndefined();
        expect(table.cohort).toEqual(whole.cohort);
        expect(table.risk_adjusted).toEqual(whole.risk_adjusted);
        expect(table.overdispersion).toEqual(whole.overdispersion);
        expect(Object.keys(table.programs)).toEqual(Object.keys(whole.programs));
        for (const [id, p] of Object.entries(table.programs)) {
          expect(p.episodes).toBe(whole.programs[id].episodes);
          expect(Object.keys(p.measures)).toEqual(expect.arrayContaining(PROGRAMS_SHOWN));
          for (const m of PROGRAMS_SHOWN)
            expectClose(p.measures[m], whole.programs[id].measures[m], `${id}.${m}`);
        }
      }
    });

    it("the risk outcomes share one pattern statement, and a cohort's fits serve its later calls", async () => {
      const cohort: Cohort = { level: 'iop', from: '2023-07-01' };
      opened.ran.length = 0;
      const report = await opened.session.report(cohort);
      expect(opened.ran.filter((s) => /GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9/.test(s))).toHaveLength(1);
      expect(Object.keys(report.risk_adjusted_outcomes ?? {})).toHaveLength(2);
      opened.ran.length = 0;
      const funnel = await opened.session.withGroups(cohort, BY_PROGRAM, (ctx) => computeRiskAdjusted(ctx));
      expect(opened.ran).toEqual([]);
      expect(funnel.programs).toBe(report.risk_adjusted);
      const own = await opened.reference.report(cohort);
      expect(report.risk_adjusted).toEqual(own.risk_adjusted);
      expect(report.risk_adjusted_outcomes).toEqual(own.risk_adjusted_outcomes);
    });
  },
);
