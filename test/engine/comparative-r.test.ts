import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { computeComparative, type ComparativeAnalysis } from '../../core/comparative/compute';
import type { ComparativeRequest } from '../../core/comparative/types';
import type { LoadingConnector } from '../../core/engine/connector';
import { OutcomeSession } from '../../core/measures/session';
import { exportFolderFiles } from '../../pipelines/lib/export-folder';
import { compareWithR } from '../support/compare-r';
import { ENGINES } from '../support/engines';

/**
 * The comparative block against R (glm, lm with weights, sandwich::vcovHC "HC0") on a synthetic
 * export of 800 IOP episodes (generator seed 13). expected.json was written by
 * test/fixtures/comparative/expected.R, which says how to re-run it.
 */
const DIR = new URL('../fixtures/comparative/', import.meta.url).pathname;
const EXPECTED = JSON.parse(readFileSync(`${DIR}expected.json`, 'utf8')) as Record<string, unknown>;
const CASES: [string, ComparativeRequest][] = [
  ['all', {}],
  ['harbor_from_2024_07', { treatmentPrograms: ['harbor'], from: '2024-07-01' }],
];

describe.each(ENGINES)('comparative effectiveness against R ($name)', ({ open }) => {
  let conn: LoadingConnector;
  let session: OutcomeSession;
  const results = new Map<string, ComparativeAnalysis>();

  beforeAll(async () => {
    conn = await open();
    session = await OutcomeSession.open(conn, await exportFolderFiles(`${DIR}export`));
    for (const [name, request] of CASES) {
      const r = await computeComparative(session.context('iop'), request);
      if ('comparative' in r) results.set(name, r);
    }
  }, 120_000);
  afterAll(async () => conn?.close());

  it.each(CASES)('%s: every figure of the block equals R', (name) => {
    const ours = results.get(name);
    expect(ours).toBeDefined();
    const diffs: string[] = [];
    compareWithR(EXPECTED[name], ours!.comparative, name, diffs);
    expect(diffs).toEqual([]);
    // the set of coefficients and balance rows is R's, not a superset
    const r = EXPECTED[name] as { propensity: { coefficients: object }; balance: unknown[] };
    expect(Object.keys(ours!.comparative.propensity.coefficients)).toEqual(
      Object.keys(r.propensity.coefficients),
    );
    expect(ours!.comparative.balance).toHaveLength(r.balance.length);
  });

  it.each(CASES)('%s: overlap weights balance every covariate level exactly; ESS ≤ n', (name) => {
    const { comparative: c, episodes, separation } = results.get(name)!;
    // Balance is exact at the maximum-likelihood fit. Harbor's small arm separates some levels
    // (R warns "fitted probabilities numerically 0 or 1"): no finite MLE, and IRLS stops at R's
    // deviance criterion, so the score equations hold to ~1e-7 only.
    expect(separation).toBe(name !== 'all');
    const tol = separation ? 1e-6 : 1e-9;
    for (const b of c.balance) expect(Math.abs(b.smd_after)).toBeLessThan(tol);
    expect(c.balance.some((b) => Math.abs(b.smd_before) > 0.05)).toBe(true);
    for (const x of episodes) expect(x.w).toBe(x.treated ? 1 - x.e : x.e);
    expect(c.arms.treated.ess).toBeLessThanOrEqual(c.arms.treated.n);
    expect(c.arms.control.ess).toBeLessThanOrEqual(c.arms.control.n);
    expect(c.propensity.histogram.treated.reduce<number>((s, n) => s + (n as number), 0)).toBe(
      c.arms.treated.n,
    );
  });
});
