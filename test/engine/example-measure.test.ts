import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addMeasureEntry, type MeasureEntry } from '../../core/catalogue';
import type { LoadingConnector } from '../../core/engine/connector';
import type { MeasureGroup } from '../../core/measures/group';
import { addMeasureGroup } from '../../core/measures/registry';
import { OutcomeSession } from '../../core/measures/session';
import type { MeasureSet, Proportion, Report } from '../../core/measures/types';
import { COHORT_FROM, proportion, rowsByGroup } from '../../core/measures/values';
import { publishReport } from '../../core/privacy/publish-report';
import { buildStudy } from '../../core/study/build';
import { studyExports } from '../../core/study/exports';
import { exportFolderFiles } from '../../pipelines/lib/export-folder';
import { reportText } from '../../pipelines/lib/report-table';
import { MeasureCards } from '../../web/src/components/MeasureCards';
import { ENGINES, GOLDEN_DIR } from '../support/engines';

/**
 * "A new measure is added by one measure file and one catalogue entry": the two objects below are
 * all there is to short_stay_rate, and it reaches the report's JSON and table, the published
 * (small-cell) report, a dashboard card, and the study's HTML, JSON and CSV with no other edit.
 */

// ---- the measure file
const SQL = `SELECT e.grp,
  count(*) FILTER (WHERE e.discharged AND e.los < 14)::INTEGER AS short,
  count(*) FILTER (WHERE e.discharged)::INTEGER AS discharged
FROM ${COHORT_FROM}
GROUP BY e.grp`;

const shortStayMeasures: MeasureGroup = {
  id: 'short_stay',
  measures: ['short_stay_rate'],
  needs: [],
  sql: { short_stay: SQL },
  async compute(ctx, groups) {
    const rows = await rowsByGroup(ctx, SQL);
    return new Map<string, MeasureSet>(
      groups.map((g) => [
        g,
        { short_stay_rate: proportion(rows.get(g)?.short as number, rows.get(g)?.discharged as number) },
      ]),
    );
  },
};

// ---- its catalogue entry
const entry: MeasureEntry = {
  key: 'short_stay_rate',
  label: 'Short stay (under 14 days)',
  short: 'Short stay',
  unit: 'percent',
  kind: 'proportion',
  help: 'Discharged within 13 days of admission, among discharged episodes.',
  reference: 'test/engine/example-measure.test.ts',
  study: { label: 'Discharged within 13 days (of discharged)', section: 'discharge' },
};

addMeasureGroup(shortStayMeasures);
addMeasureEntry(entry);

describe.each(ENGINES)('an example measure added in one file and one entry: $name', ({ open }) => {
  let conn: LoadingConnector;
  let session: OutcomeSession;
  let report: Report;
  let want: { short: number; discharged: number };

  beforeAll(async () => {
    conn = await open();
    session = await OutcomeSession.open(conn, await exportFolderFiles(GOLDEN_DIR));
    report = await session.report({ level: 'iop' });
    // Counted again straight from the clean episodes table, not through ep_summary.
    [want] = await conn.query<{ short: number; discharged: number }>(
      `SELECT count(*) FILTER (WHERE discharge_date - admit_date < 14)::INTEGER AS short,
         count(*)::INTEGER AS discharged
       FROM episodes WHERE level_of_care = 'iop' AND discharge_date IS NOT NULL AND discharge_date <= ?::DATE`,
      [report.extract_date],
    );
  });
  afterAll(async () => conn?.close());

  it('is computed into the JSON report, overall and per program', () => {
    const v = report.measures.short_stay_rate as Proportion;
    expect(v.numerator).toBe(want.short);
    expect(v.denominator).toBe(want.discharged);
    expect(v.denominator).toBe((report.measures.completion_rate as Proportion).denominator);
    expect(v.lower!).toBeLessThan(v.value!);
    const perProgram = Object.values(report.programs).map((p) => p.measures.short_stay_rate as Proportion);
    expect(perProgram.reduce((s, p) => s + p.numerator, 0)).toBe(want.short);
    expect(JSON.parse(JSON.stringify(report)).measures.short_stay_rate).toEqual(v);
  });

  it("appears in the command line's report table as a proportion", () => {
    const v = report.measures.short_stay_rate as Proportion;
    const line = reportText(report)
      .split('\n')
      .find((l) => l.startsWith('short_stay_rate'))!;
    expect(line).toContain(`${(v.value! * 100).toFixed(1)}%`);
    expect(line).toContain(`${v.numerator}/${v.denominator}`);
  });

  it('is covered by the small-cell rule of the published report', () => {
    const [id] = Object.keys(report.programs);
    const small: Report = structuredClone(report);
    small.programs[id].measures.short_stay_rate = proportion(3, 40);
    const shown = publishReport(small).programs[id].measures.short_stay_rate as Record<string, unknown>;
    expect(shown.numerator).toBe('<11');
    expect(shown.value).toBeNull();
    const exact = publishReport(report).measures.short_stay_rate as Record<string, unknown>;
    expect(exact.numerator).toBe(want.short);
  });

  it('makes a dashboard card with its catalogue label, help and unit', () => {
    const data = {
      groups: ['overall'],
      episodes: new Map([['overall', report.cohort.episodes]]),
      measures: new Map([['overall', report.measures]]),
    };
    const html = renderToStaticMarkup(
      createElement(MeasureCards, { data, cards: [{ name: 'short_stay_rate' }], label: (g: string) => g }),
    );
    const v = report.measures.short_stay_rate as Proportion;
    expect(html).toContain(entry.label);
    expect(html).toContain(entry.help);
    expect(html).toContain(`${(v.value! * 100).toFixed(1)}%`);
    expect(html).toContain(`n = ${v.denominator}`);
  });

  it('is an outcome of the study, in its HTML, JSON and CSV', async () => {
    const study = await buildStudy(
      session,
      { programs: ['northside'], comparator: { kind: 'others' }, level: 'iop' },
      { files: [], productVersion: 'test' },
    );
    const row = study.outcomes.find((o) => o.measure === 'short_stay_rate')!;
    const program = (
      await session.grouped({ level: 'iop', programs: ['northside'] }, { kind: 'overall' })
    ).measures.get('overall')!.short_stay_rate;
    expect(row.values.program).toEqual(program);
    expect(row.difference).not.toBeNull();
    const out = await studyExports(study);
    expect(out.html).toContain(entry.study!.label);
    expect(
      JSON.parse(out.json).outcomes.some((o: { measure: string }) => o.measure === 'short_stay_rate'),
    ).toBe(true);
    expect(out.csv).toMatch(/^outcomes,short_stay_rate,/m);
  });
});
