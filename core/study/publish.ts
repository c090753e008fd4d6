import {
  complementarySuppression,
  isSmall,
  isSuppressed,
  partitionSuppression,
  rateIsSmall,
  type Suppressed,
  type SuppressionReason,
} from '../privacy/small-cell';
import { coarseCurve } from '../privacy/coarse-curve';
import type { Proportion, Survival, Unavailable } from '../measures/types';
import { publishComparative } from './comparative';
import { smdCategorical, smdContinuous } from '../stats/smd';
import type {
  Adjusted,
  Arm,
  BaselineVariable,
  CostFigures,
  CostValue,
  CurvePoint,
  ExternalProportion,
  FlowStep,
  OutcomeRow,
  PerArm,
  Retention,
  Shown,
  Study,
  TertileRow,
} from './types';

/**
 * The study as it may leave the user's screen: the small-cell rule of measures.md applied to
 * every figure (counts 1–10, rates over them, statistics of fewer than 11 episodes), with
 * complementary suppression inside every set of counts that adds up to a shown total.
 */
export function publishStudy(study: Study): Study {
  if (study.meta.privacy === 'small-cell') return study;
  const outcomes = study.outcomes.map(publishOutcome);
  const dischargeReasons = publishDischargeReasons(study, outcomes);
  return {
    ...study,
    meta: { ...study.meta, privacy: 'small-cell' },
    n: mapArms(study.n, (n) => hideCount(n)),
    flow: publishFlow(study.flow),
    validation: study.validation.map((v) => ({ ...v, rows: hideCount(v.rows) })),
    baseline: study.baseline.map(publishBaseline),
    outcomes,
    dischargeReasons,
    retention: publishRetention(study.retention, study.n),
    missedScreens: study.missedScreens
      ? mapArms(study.missedScreens, (p) =>
          isSuppressed(p) || !rateIsSmall(p.numerator, p.denominator) ? p : hidden(),
        )
      : null,
    adjusted: publishAdjusted(study.adjusted),
    cost: study.cost ? mapArms(study.cost, publishCost) : null,
    ...(study.comparative ? { comparative: publishComparative(study.comparative) } : {}),
  };
}

const hidden = (reason: SuppressionReason = 'small'): Suppressed => ({ suppressed: reason });
const num = <T>(x: Shown<T>): T | null => (isSuppressed(x) ? null : x);

function hideCount(n: Shown<number>): Shown<number> {
  return !isSuppressed(n) && isSmall(n) ? hidden() : n;
}

function mapArms<T, U>(x: PerArm<T>, f: (v: T, arm: Arm) => U): PerArm<U> {
  return {
    program: f(x.program, 'program'),
    comparator: x.comparator === null ? null : f(x.comparator, 'comparator'),
  };
}

/** Applies partitionSuppression to one arm's cells of several rows (a column of counts). */
function suppressColumn(cells: Shown<number>[], protect: boolean[] = []): Shown<number>[] {
  const counts = cells.map((c) => (isSuppressed(c) ? 0 : c));
  const out = partitionSuppression(counts, protect);
  return cells.map((c, i) => (isSuppressed(c) ? c : out[i] ? hidden(out[i]!) : c));
}

/** Runs suppressColumn on both arms of rows that partition a total. */
function suppressRows<R extends { counts: PerArm<Shown<number>> }>(rows: R[], protect: boolean[] = []): R[] {
  const program = suppressColumn(
    rows.map((r) => r.counts.program),
    protect,
  );
  const hasComparator = rows.length > 0 && rows[0].counts.comparator !== null;
  const comparator = hasComparator
    ? suppressColumn(
        rows.map((r) => r.counts.comparator!),
        protect,
      )
    : null;
  return rows.map((r, i) => ({
    ...r,
    counts: { program: program[i], comparator: comparator ? comparator[i] : null },
  }));
}

// --------------------------------------------------------------------------------- flow

function publishFlow(flow: FlowStep[]): FlowStep[] {
  const total = flow.find((s) => s.key === 'exported');
  const parts = flow.filter((s) => s.key !== 'exported');
  const published = suppressRows(
    parts,
    parts.map((s) => s.key === 'analysed'),
  );
  return flow.map((s) =>
    s.key === 'exported' && total
      ? { ...s, counts: mapArms(s.counts, hideCount) }
      : published.find((p) => p.key === s.key)!,
  );
}

// ----------------------------------------------------------------------------- baseline

function publishBaseline(v: BaselineVariable): BaselineVariable {
  if (v.kind === 'continuous') {
    const summary = v.summary
      ? mapArms(v.summary, (s) => (isSuppressed(s) || isSmall(s.n) ? hidden() : { ...s, n: null }))
      : null;
    const anyHidden =
      summary !== null && [summary.program, summary.comparator].some((s) => s !== null && isSuppressed(s));
    const smd =
      v.smd === null || isSuppressed(v.smd)
        ? v.smd
        : anyHidden
          ? hidden('complementary')
          : smdContinuous(
              num(summary!.program as Shown<{ mean: number | null; sd: number | null }>)!,
              num(summary!.comparator!)!,
            );
    return { ...v, summary, missing: mapArms(v.missing, hideCount), smd };
  }
  const rows = [
    ...v.levels.map((l) => ({ ...l })),
    { level: '\u0000missing', label: 'missing', counts: v.missing },
  ];
  const published = suppressRows(rows);
  const levels = published.slice(0, -1);
  const missing = published[published.length - 1].counts;
  const anyHidden = published.some(
    (r) =>
      isSuppressed(r.counts.program) || (r.counts.comparator !== null && isSuppressed(r.counts.comparator)),
  );
  let smd = v.smd;
  let smdCombined = false;
  if (v.smd !== null && !isSuppressed(v.smd) && anyHidden) {
    smdCombined = true;
    const missingHidden =
      isSuppressed(missing.program) || (missing.comparator !== null && isSuppressed(missing.comparator));
    if (missingHidden) smd = hidden('complementary');
    else {
      // Hidden levels (in either arm) combined into one: their total is derivable anyway.
      const isHiddenLevel = (i: number) =>
        isSuppressed(levels[i].counts.program) ||
        (levels[i].counts.comparator !== null && isSuppressed(levels[i].counts.comparator!));
      const collapse = (arm: Arm) => {
        const exact = v.levels.map(
          (l) => (arm === 'program' ? l.counts.program : l.counts.comparator!) as number,
        );
        const shown = exact.filter((_, i) => !isHiddenLevel(i));
        const combined = exact.filter((_, i) => isHiddenLevel(i)).reduce((s, x) => s + x, 0);
        return [...shown, combined];
      };
      const hiddenLevels = levels.filter((_, i) => isHiddenLevel(i)).length;
      // With fewer than two categories left there is nothing to compare.
      smd =
        levels.length - hiddenLevels + (hiddenLevels ? 1 : 0) < 2
          ? hidden('complementary')
          : smdCategorical(collapse('program'), collapse('comparator'));
    }
  }
  return { ...v, levels, missing, smd, ...(smdCombined ? { smdCombined } : {}) };
}

// ----------------------------------------------------------------------------- outcomes

function publishOutcome(row: OutcomeRow): OutcomeRow {
  const values = mapArms(row.values, (v) => {
    if (isSuppressed(v) || v.value === null) return v;
    if (row.kind === 'survival') return isSmall((v as Survival).at_risk) ? hidden() : v;
    const p = v as Proportion | ExternalProportion;
    return rateIsSmall(p.numerator, p.denominator) ? hidden() : v;
  });
  const anyHidden =
    isSuppressed(values.program) || (values.comparator !== null && isSuppressed(values.comparator));
  const difference = row.difference === null ? null : anyHidden ? hidden('complementary') : row.difference;
  return { ...row, values, difference };
}

function publishDischargeReasons(study: Study, outcomes: OutcomeRow[]): Study['dischargeReasons'] {
  const rows = suppressRows(
    study.dischargeReasons,
    study.dischargeReasons.map((r) => r.reason === 'completed'),
  );
  // If 'completed' had to be hidden as a complement, the completion rate would give it away.
  const completed = rows.find((r) => r.reason === 'completed');
  const completion = outcomes.find((o) => o.measure === 'completion_rate');
  if (completed && completion) {
    for (const arm of ['program', 'comparator'] as const) {
      const c = completed.counts[arm];
      if (c !== null && isSuppressed(c) && c.suppressed === 'complementary') {
        completion.values[arm] = hidden('complementary');
        completion.difference = completion.difference === null ? null : hidden('complementary');
      }
    }
  }
  return rows;
}

// ---------------------------------------------------------------------------- retention

function publishRetention(r: Retention, n: PerArm<Shown<number>>): Retention {
  const cut = (
    points: CurvePoint[],
    armN: Shown<number> | null,
  ): { points: CurvePoint[]; at: number | null } => {
    if (armN === null || isSuppressed(armN) || isSmall(armN)) return { points: [], at: 0 };
    const keep = coarseCurve(points.filter((p) => p.atRisk > 10));
    const cutEarly = points.some((p) => p.atRisk <= 10);
    const at = cutEarly ? (keep.length ? keep[keep.length - 1].time : 0) : null;
    return { points: keep, at };
  };
  const program = cut(r.curves.program, n.program);
  const comparator = r.curves.comparator === null ? null : cut(r.curves.comparator, n.comparator);
  const smallArm = [n.program, n.comparator].some((x) => x !== null && (isSuppressed(x) || isSmall(x)));
  const inTreatment = mapArms(r.inTreatment, (points, arm) => cut(points, n[arm]).points);
  // S(90) is shown only with more than 10 at risk (as the outcome rows), so is its difference
  const atRisk90 = (points: CurvePoint[] | null) => points?.find((p) => p.time === 90)?.atRisk ?? 0;
  const few90 = [r.curves.program, r.curves.comparator].some((c) => c !== null && atRisk90(c) <= 10);
  return {
    curves: { program: program.points, comparator: comparator ? comparator.points : null },
    inTreatment,
    truncatedAt: { program: program.at, comparator: comparator ? comparator.at : null },
    logRank: smallArm ? null : r.logRank,
    rmst: mapArms(r.rmst, (x, arm) => {
      const armN = n[arm];
      return x === null || armN === null || isSuppressed(armN) || isSmall(armN)
        ? x === null
          ? null
          : hidden()
        : x;
    }),
    difference90: r.difference90 === null ? null : smallArm || few90 ? hidden() : r.difference90,
    rmstDifference: r.rmstDifference === null ? null : smallArm ? hidden() : r.rmstDifference,
    curvesCross: smallArm ? null : r.curvesCross,
  };
}

// ----------------------------------------------------------------------------- adjusted

function publishAdjusted(a: Adjusted): Adjusted {
  const studied =
    a.studied === null || isSuppressed(a.studied)
      ? a.studied
      : rateIsSmall(a.studied.observed, a.studied.n)
        ? hidden()
        : a.studied;
  // The points add up to the overall rate: one hidden point alone could be worked back.
  const reasons = complementarySuppression(
    a.points.map((p) => isSuppressed(p) || rateIsSmall(p.completed, p.n)),
    a.points.map((p) => (isSuppressed(p) ? 0 : p.n)),
  );
  const published = a.points.map((p, i) => (isSuppressed(p) ? p : reasons[i] ? hidden(reasons[i]!) : p));
  return {
    ...a,
    studied,
    points: published,
    position: studied && !isSuppressed(studied) ? a.position : null,
  };
}

// --------------------------------------------------------------------------------- cost

function publishCost(c: CostFigures): CostFigures {
  const byN = <T extends CostValue>(v: Shown<T>): Shown<T> =>
    isSuppressed(v) || !isSmall(v.n) ? v : hidden();
  const episodes = suppressColumn(c.tertiles.map((t) => t.episodes));
  const tertiles: TertileRow[] = c.tertiles.map((t, i) => {
    const n = episodes[i];
    const gone = isSuppressed(n) ? hidden(n.suppressed) : null;
    const byRow = <T extends CostValue>(v: Shown<T>): Shown<T> =>
      isSuppressed(v) || !rateIsSmall(v.n, t.episodes as number) ? byN(v) : hidden();
    // A rate over fewer than the row's episodes gives the difference away when it is small (#15).
    const rate = <P extends Proportion | Unavailable>(p: Shown<P>): Shown<P> =>
      gone ??
      (isSuppressed(p) ||
      !('numerator' in p) ||
      !(rateIsSmall(p.numerator, p.denominator) || rateIsSmall(p.denominator, t.episodes as number))
        ? p
        : hidden());
    return {
      ...t,
      episodes: n,
      losMedian: gone ?? t.losMedian,
      completion: rate(t.completion),
      abstinentFinal30: rate(t.abstinentFinal30),
      costPerEpisode: gone ?? byRow(t.costPerEpisode),
      costPerCompleter: gone ?? byRow(t.costPerCompleter),
    };
  });
  return {
    costPerEpisode: byN(c.costPerEpisode),
    costPerCompleter: byN(c.costPerCompleter),
    costPerAbstinent: byN(c.costPerAbstinent),
    noShowCost: byN(c.noShowCost),
    groupShare: byN(c.groupShare),
    perClientHour: {
      group: byN(c.perClientHour.group),
      individual: byN(c.perClientHour.individual),
      family: byN(c.perClientHour.family),
    },
    tertiles,
  };
}
