import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LoadingConnector } from '../../core/engine/connector';
import { prepareEpisodeTables } from '../../core/measures/episode-wide';
import type { MeasureContext } from '../../core/measures/group';
import { computeRiskAdjusted } from '../../core/measures/risk';
import { chiSquareQuantile } from '../../core/stats/chi-square';
import { ENGINES } from '../support/engines';
import { cohortByProgram, handCohort, inlineContext } from './step-down-fixture';

const E = '2026-06-30';

/**
 * 400 synthetic IOP episodes, deterministic. Episode 1 is program 'solo' (one completed
 * discharge), 2–4 'open' (never discharged), 5–9 'zero' (no completion); the rest a, b, c.
 * co_occurring_mh and prior_episodes are unknown together (i % 5 = 0): priorunknown is aliased.
 * Nobody is court-referred: no court column. `separate`: every 'other' sex completes.
 */
function episodesSql(separate: boolean): string {
  const completes = `(((i * 7919) % 101) < 36 ${separate ? 'OR i % 17 = 0' : ''})`;
  return `CREATE OR REPLACE TABLE episodes AS
  WITH r AS (SELECT range::INTEGER AS i FROM range(1, 401))
  SELECT i::BIGINT AS episode_id, i::BIGINT AS client_id,
    CASE WHEN i = 1 THEN 'solo' WHEN i <= 4 THEN 'open' WHEN i <= 9 THEN 'zero'
      WHEN i % 3 = 0 THEN 'a' WHEN i % 3 = 1 THEN 'b' ELSE 'c' END::VARCHAR AS program_id,
    'iop'::VARCHAR AS level_of_care, NULL::DATE AS referral_date,
    (DATE '2025-01-01' + (i % 200)::INTEGER)::DATE AS admit_date,
    CASE WHEN i BETWEEN 2 AND 4 THEN NULL ELSE (DATE '2025-02-01' + (i % 200)::INTEGER)::DATE END AS discharge_date,
    CASE WHEN i BETWEEN 2 AND 4 THEN NULL WHEN i = 1 THEN 'completed' WHEN i <= 9 THEN 'dropped_out'
      WHEN ${completes} THEN 'completed' ELSE 'dropped_out' END::VARCHAR AS discharge_reason,
    (18 + (i * 13) % 60)::SMALLINT AS age_at_admit,
    CASE WHEN i % 17 = 0 THEN 'other' WHEN i % 2 = 0 THEN 'male' ELSE 'female' END::VARCHAR AS sex,
    NULL::VARCHAR AS race_ethnicity,
    CASE i % 3 WHEN 0 THEN 'alcohol' WHEN 1 THEN 'opioids' ELSE 'stimulants' END::VARCHAR AS primary_substance,
    CASE WHEN i % 5 = 0 THEN NULL ELSE i % 7 < 3 END::BOOLEAN AS co_occurring_mh,
    CASE WHEN i % 5 = 0 THEN NULL ELSE i % 4 END::SMALLINT AS prior_episodes,
    'self'::VARCHAR AS referral_source,
    CASE i % 4 WHEN 0 THEN 'medicaid' WHEN 1 THEN 'commercial' WHEN 2 THEN NULL ELSE 'self_pay' END::VARCHAR AS payer,
    CASE WHEN i % 11 < 4 THEN 'stable' WHEN i % 11 < 7 THEN 'homeless' END::VARCHAR AS housing,
    NULL::BOOLEAN AS employed, NULL::VARCHAR AS mat, NULL::SMALLINT AS use_days_admit, NULL::SMALLINT AS use_days_discharge
  FROM r`;
}

describe.each(ENGINES)('risk adjustment, hand-made cases ($name)', ({ open }) => {
  let conn: LoadingConnector;
  let ctx: MeasureContext;

  async function run(separate: boolean) {
    await conn.exec(episodesSql(separate));
    await prepareEpisodeTables(ctx);
    await cohortByProgram(ctx);
    return computeRiskAdjusted(ctx);
  }

  beforeAll(async () => {
    conn = await open();
    ctx = await inlineContext(conn, [], E);
  });
  afterAll(async () => conn?.close());

  it('drops aliased and single-level factors like R, and converges', async () => {
    const r = await run(false);
    expect(r.model.converged).toBe(true);
    expect(r.model.separation).toBe(false);
    expect(r.model.aliased).toEqual(['priorunknown']);
    const names = Object.keys(r.model.coefficients);
    expect(names).toContain('coocunknown');
    expect(names.some((c) => c.startsWith('court'))).toBe(false);
    expect(names.filter((c) => c.startsWith('housing'))).toEqual(['housingstable', 'housingunknown']);
    expect(names.filter((c) => c.startsWith('payer'))).toEqual([
      'payermedicaid',
      'payerself_pay',
      'payerunknown',
    ]);
    expect(r.model.n).toBe(397);
  });

  it('a program with a single discharge, one with no completion, one never discharged', async () => {
    const r = await run(false);
    const solo = r.programs.solo;
    expect(solo).toMatchObject({ observed: 1, n: 1 });
    expect(solo.expected).toBeGreaterThan(0);
    expect(solo.expected).toBeLessThan(1);
    expect(solo.lower).toBeCloseTo(chiSquareQuantile(0.025, 2) / 2 / solo.expected, 10);
    expect(solo.upper).toBeCloseTo(chiSquareQuantile(0.975, 4) / 2 / solo.expected, 10);
    expect(solo.standardized_rate).toBeCloseTo((1 / solo.expected) * r.overall.rate!, 12);

    const zero = r.programs.zero;
    expect(zero).toMatchObject({ observed: 0, n: 5, oe: 0, lower: 0, standardized_rate: 0 });
    expect(zero.upper).toBeCloseTo(-Math.log(0.025) / zero.expected, 10);

    expect(r.programs.open).toEqual({
      observed: 0,
      expected: 0,
      oe: null,
      lower: null,
      upper: null,
      standardized_rate: null,
      n: 0,
      z: null,
      z_adjusted: null,
    });
    expect(zero.z).toBeCloseTo(
      (0 - r.overall.rate!) / Math.sqrt((r.overall.rate! * (1 - r.overall.rate!)) / 5),
      12,
    );
    expect(r.overdispersion.k).toBe(Object.values(r.programs).filter((p) => p.n > 0).length);
    const totalE = Object.values(r.programs).reduce((s, p) => s + p.expected, 0);
    expect(totalE).toBeCloseTo(r.overall.observed, 6);
  });

  it('survives separation: reported, probabilities still sum to the observed total', async () => {
    const r = await run(true);
    expect(r.model.separation).toBe(true);
    expect(r.model.coefficients.sexother).toBeGreaterThan(10);
    for (const b of Object.values(r.model.coefficients)) expect(Number.isFinite(b)).toBe(true);
    const totalE = Object.values(r.programs).reduce((s, p) => s + p.expected, 0);
    expect(totalE).toBeCloseTo(r.overall.observed, 4);
  });

  it('an empty cohort gives an empty comparison', async () => {
    await handCohort(conn, [{ grp: 'NULL', where: 'false' }]);
    const r = await computeRiskAdjusted(ctx);
    expect(r.programs).toEqual({});
    expect(r.model).toMatchObject({ coefficients: {}, n: 0, converged: false });
    expect(r.overall).toEqual({ observed: 0, n: 0, rate: null });
  });
});
