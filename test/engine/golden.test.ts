import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LoadingConnector } from '../../core/engine/connector';
import { OutcomeSession } from '../../core/measures/session';
import type { Report } from '../../core/measures/types';
import { exportFolderFiles } from '../../pipelines/lib/export-folder';
import { COMPRESSED_WASM, ENGINES, GOLDEN_DIR, GOLDEN_EXPECTED } from '../support/engines';

/**
 * Every figure of the golden fixture (computed independently in R). Counts must match exactly,
 * proportions and medians to 1e-6, intervals and model figures to 1e-4.
 */
type Figures = Record<string, number | string | null>;
const expected = JSON.parse(readFileSync(GOLDEN_EXPECTED, 'utf8')) as {
  extract_date: string;
  cohort: { episodes: number };
  measures: Record<string, Figures | Figures[]>;
  programs: Record<string, { episodes: number; measures: Record<string, Figures | Figures[]> }>;
  risk_adjusted: Record<string, Figures>;
  overdispersion: Figures;
  risk_model: { coefficients: Record<string, number>; c_statistic: number; brier: number; n: number };
  risk_adjusted_outcomes: Record<string, Record<string, Figures>>;
};

const EXACT = new Set(['numerator', 'denominator', 'n', 'at_risk', 'episodes', 'observed']);
const INTERVAL = new Set([
  'lower',
  'upper',
  'expected',
  'oe',
  'standardized_rate',
  'se',
  'z',
  'z_adjusted',
  'phi',
  'tau2',
  'c_statistic',
  'brier',
]);

function tolerance(field: string, measure: string): number {
  if (EXACT.has(field) || measure === 'discharge_reasons') return 0;
  return INTERVAL.has(field) ? 1e-4 : 1e-6;
}

function expectFigures(got: unknown, want: Figures | Figures[], measure: string): void {
  if (Array.isArray(want)) {
    expect(Array.isArray(got), `${measure} is a list`).toBe(true);
    const list = got as unknown[];
    expect(list.length, `${measure} length`).toBe(want.length);
    want.forEach((w, i) => expectFigures(list[i], w, `${measure}[${i}]`));
    return;
  }
  expect(got, `${measure} missing`).toBeTypeOf('object');
  const g = got as Record<string, unknown>;
  for (const [field, w] of Object.entries(want)) {
    const label = `${measure}.${field}`;
    if (w === null) expect(g[field], label).toBeNull();
    else if (typeof w === 'string') expect(g[field], label).toBe(w);
    else if (tolerance(field, measure) === 0) expect(g[field], label).toBe(w);
    else {
      expect(g[field], label).toBeTypeOf('number');
      expect(
        Math.abs((g[field] as number) - w),
        `${label}: got ${String(g[field])}, want ${w}`,
      ).toBeLessThanOrEqual(tolerance(field, measure));
    }
  }
  if (measure === 'discharge_reasons') expect(Object.keys(g).sort()).toEqual(Object.keys(want).sort());
}

const programIds = Object.keys(expected.programs);
const programMeasures = programIds.flatMap((id) =>
  Object.keys(expected.programs[id].measures).map((m) => [id, m] as const),
);

describe.each([...ENGINES, COMPRESSED_WASM])('golden fixture: $name', ({ open }) => {
  let conn: LoadingConnector;
  let report: Report;
  beforeAll(async () => {
    conn = await open();
    const session = await OutcomeSession.open(conn, await exportFolderFiles(GOLDEN_DIR));
    report = await session.report({ level: 'iop' });
  });
  afterAll(async () => conn?.close());

  it('cohort and extract date', () => {
    expect(report.extract_date).toBe(expected.extract_date);
    expect(report.cohort.episodes).toBe(expected.cohort.episodes);
    expect(Object.keys(report.programs).sort()).toEqual(programIds.sort());
  });

  it.each(Object.keys(expected.measures))('overall %s', (measure) => {
    expectFigures(report.measures[measure], expected.measures[measure], measure);
  });

  it.each(programIds)('program %s: episodes', (id) => {
    expect(report.programs[id].episodes).toBe(expected.programs[id].episodes);
  });

  it.each(programMeasures)('program %s: %s', (id, measure) => {
    expectFigures(
      report.programs[id].measures[measure],
      expected.programs[id].measures[measure],
      `${id}.${measure}`,
    );
  });

  it.each(Object.keys(expected.risk_adjusted))('risk_adjusted %s', (id) => {
    expectFigures(report.risk_adjusted[id], expected.risk_adjusted[id], `risk_adjusted.${id}`);
  });

  it('risk model coefficients', () => {
    expect(report.risk_model, 'risk_model missing').toBeDefined();
    expectFigures(
      report.risk_model!.coefficients,
      expected.risk_model.coefficients,
      'risk_model.coefficients',
    );
  });

  it('risk model diagnostics', () => {
    const diagnostics = Object.fromEntries(
      Object.entries(expected.risk_model).filter(([k]) => k !== 'coefficients'),
    );
    expectFigures(report.risk_model, diagnostics as Figures, 'risk_model');
  });

  it('overdispersion', () => {
    expectFigures(report.overdispersion, expected.overdispersion, 'overdispersion');
  });

  const outcomeEntries = Object.entries(expected.risk_adjusted_outcomes).flatMap(([m, entries]) =>
    Object.keys(entries).map((k) => [m, k] as const),
  );
  it.each(outcomeEntries)('risk_adjusted_outcomes %s: %s', (m, k) => {
    const got = (report.risk_adjusted_outcomes?.[m] as Record<string, unknown> | undefined)?.[k];
    expectFigures(got, expected.risk_adjusted_outcomes[m][k], `risk_adjusted_outcomes.${m}.${k}`);
  });
});
