import type { TableName } from '../contract/schema';
import type { Connector } from '../engine/connector';
import { SMALL_CELL_MAX } from '../privacy/small-cell';
import { balanceTable } from './balance';
import { acceptabilityCurve, icer, quadrant } from './cost-effectiveness';
import { entryEpisodesQuery, type EntryRow } from './entry-episodes';
import { OUTCOMES, outcomeDefinition, type OutcomeDefinition } from './outcomes';
import {
  cStatistic,
  effectiveSampleSize,
  fitPropensity,
  outsideShare,
  overlapWeight,
  propensityHistogram,
} from './propensity';
import {
  PRIMARY_OUTCOME,
  type Comparative,
  type ComparativeRequest,
  type CostEffectiveness,
  type NotEstimated,
  type OutcomeEstimate,
  type OutcomeName,
} from './types';
import { difference, eValues, riskRatio, weightedCovariance, weightedMean } from './weighted';

export interface ComparativeContext {
  conn: Connector;
  tables: ReadonlySet<TableName>;
  extractDate: string;
  clientLinkage?: boolean;
}

/** The smallest arm (entry episodes, or an outcome's eligible episodes) that is estimated. */
export const MIN_ARM = SMALL_CELL_MAX + 1;

export interface ComparativeAnalysis {
  comparative: Comparative;
  /** Per entry episode, in the query's order: e, w and the arm (for pictures and tests). */
  episodes: { e: number; w: number; treated: boolean }[];
  converged: boolean;
  separation: boolean;
}

/** Reads ep_summary and ep_wide (prepared by the session): the whole of comparative-effectiveness.md. */
export async function computeComparative(
  ctx: ComparativeContext,
  request: ComparativeRequest = {},
): Promise<ComparativeAnalysis | NotEstimated> {
  const treatmentLevel = request.treatmentLevel ?? 'iop';
  const controlLevel = request.controlLevel ?? 'op';
  if (treatmentLevel === controlLevel)
    return { value: null, reason: 'the treatment and control levels of care must differ' };
  if (ctx.clientLinkage === false)
    return { value: null, reason: 'not available: the export does not link a client’s episodes' };
  const q = entryEpisodesQuery(request, ctx.extractDate);
  const rows = await ctx.conn.query<EntryRow>(q.sql, q.params);
  const nT = rows.filter((r) => r.treated).length;
  const nC = rows.length - nT;
  if (nT < MIN_ARM || nC < MIN_ARM)
    return { value: null, reason: `fewer than ${MIN_ARM} entry episodes in an arm` };

  const fit = fitPropensity(rows);
  const w = rows.map((r, i) => overlapWeight(fit.e[i], r.treated === 1));
  const iT: number[] = [];
  const iC: number[] = [];
  for (let i = 0; i < rows.length; i++) (rows[i].treated === 1 ? iT : iC).push(i);
  const pick = <T>(xs: readonly T[], idx: number[]) => idx.map((i) => xs[i]);

  const outcomes = {} as Comparative['outcomes'];
  for (const o of OUTCOMES) outcomes[o.name] = estimate(o, rows, w, ctx.tables);
  const effect = request.effectOutcome ?? PRIMARY_OUTCOME;

  return {
    comparative: {
      treatment_level: treatmentLevel,
      control_level: controlLevel,
      arms: {
        treated: { n: nT, ess: effectiveSampleSize(pick(w, iT)) },
        control: { n: nC, ess: effectiveSampleSize(pick(w, iC)) },
      },
      propensity: {
        coefficients: fit.coefficients,
        c_statistic: cStatistic(pick(fit.e, iT), pick(fit.e, iC)),
        outside_05_95: outsideShare(fit.e),
        histogram: {
          treated: propensityHistogram(pick(fit.e, iT)),
          control: propensityHistogram(pick(fit.e, iC)),
        },
      },
      balance: balanceTable(rows, w),
      outcomes,
      cost_effectiveness: costEffectiveness(effect, rows, w, ctx.tables),
    },
    episodes: rows.map((r, i) => ({ e: fit.e[i], w: w[i], treated: r.treated === 1 })),
    converged: fit.converged,
    separation: fit.separation,
  };
}

const missing = (o: OutcomeDefinition, tables: ReadonlySet<TableName>): NotEstimated | null => {
  const t = o.needs.find((n) => !tables.has(n));
  return t ? { value: null, reason: `not available: needs ${t}` } : null;
};

/** The eligible episodes of each arm: y, w (and the rows' indices). */
function armsOf(o: OutcomeDefinition, rows: readonly EntryRow[], w: readonly number[]) {
  const arm = () => ({ idx: [] as number[], y: [] as number[], w: [] as number[] });
  const t = arm();
  const c = arm();
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i];
    const a = r.treated === 1 ? t : r.treated === 0 ? c : null;
    if (!a || !o.eligible(r)) continue;
    a.idx.push(i);
    a.y.push(o.y(r));
    a.w.push(w[i]);
  }
  return { t, c };
}

const tooFew = (nT: number, nC: number): NotEstimated | null =>
  nT < MIN_ARM || nC < MIN_ARM
    ? { value: null, reason: `fewer than ${MIN_ARM} eligible episodes in an arm` }
    : null;

function estimate(
  o: OutcomeDefinition,
  rows: readonly EntryRow[],
  w: readonly number[],
  tables: ReadonlySet<TableName>,
): OutcomeEstimate | NotEstimated {
  const absent = missing(o, tables);
  if (absent) return absent;
  const { t, c } = armsOf(o, rows, w);
  const few = tooFew(t.y.length, c.y.length);
  if (few) return few;
  const mt = weightedMean(t.y, t.w);
  const mc = weightedMean(c.y, c.w);
  const mean = (y: number[]) => y.reduce((s, v) => s + v, 0) / y.length;
  const rr = o.binary ? riskRatio(mt, mc) : null;
  return {
    treated: { value: mt.mean, n: t.y.length, unweighted: mean(t.y) },
    control: { value: mc.mean, n: c.y.length, unweighted: mean(c.y) },
    difference: difference(mt, mc),
    rr,
    e_value: rr ? eValues(rr) : null,
  };
}

function costEffectiveness(
  name: OutcomeName,
  rows: readonly EntryRow[],
  w: readonly number[],
  tables: ReadonlySet<TableName>,
): CostEffectiveness | NotEstimated {
  const o = outcomeDefinition(name);
  const costDef = outcomeDefinition('cost');
  if (!o.binary) return { value: null, reason: `${name} is not an effect outcome` };
  const absent = missing(o, tables) ?? missing(costDef, tables);
  if (absent) return absent;
  const both: OutcomeDefinition = { ...o, eligible: (r) => o.eligible(r) && costDef.eligible(r) };
  const { t, c } = armsOf(both, rows, w);
  const few = tooFew(t.y.length, c.y.length);
  if (few) return few;
  const orient = (y: number) => (o.better === 'higher' ? y : 1 - y);
  const parts = [t, c].map((a) => {
    const y = a.y.map(orient);
    const cost = a.idx.map((i) => rows[i].cost!);
    const e = weightedMean(y, a.w);
    const k = weightedMean(cost, a.w);
    return { e, k, cov: weightedCovariance(y, cost, a.w, e.mean, k.mean) };
  });
  const [pt, pc] = parts;
  const ce = {
    dE: pt.e.mean - pc.e.mean,
    dC: pt.k.mean - pc.k.mean,
    vE: pt.e.variance + pc.e.variance,
    vC: pt.k.variance + pc.k.variance,
    cov: pt.cov + pc.cov,
  };
  return {
    outcome: name,
    delta_effect: ce.dE,
    delta_cost: ce.dC,
    icer: icer(ce.dE, ce.dC),
    quadrant: quadrant(ce.dE, ce.dC),
    variance_effect: ce.vE,
    variance_cost: ce.vC,
    covariance: ce.cov,
    ceac: acceptabilityCurve(ce),
  };
}
