import { measureEntries } from '../catalogue';
import type { MeasureSet, MeasureValue, Proportion, Survival, Unavailable } from '../measures/types';
import { newcombeDifference } from '../stats/newcombe';
import { wilsonInterval } from '../stats/wilson';
import type { ExternalFigure, ExternalProportion, OutcomeRow, OutcomeValue } from './types';

interface OutcomeSpec {
  measure: string;
  label: string;
  short: string;
  section: OutcomeRow['section'];
  kind: OutcomeRow['kind'];
}

/** The outcomes of the study: the catalogue's measures with a study label, in its order (outcome-study.md §4). */
export const outcomeSpecs = (): OutcomeSpec[] =>
  measureEntries().flatMap((m) =>
    m.study
      ? [
          {
            measure: m.key,
            label: m.study.label,
            short: m.short,
            section: m.study.section,
            kind: m.kind === 'survival' ? ('survival' as const) : ('proportion' as const),
          },
        ]
      : [],
  );

const missing = (measure: string): Unavailable => ({ value: null, reason: `${measure} was not computed` });

function asOutcome(v: MeasureValue | undefined, measure: string): OutcomeValue {
  if (!v || typeof v !== 'object') return missing(measure);
  if ('reason' in v) return v as Unavailable;
  return v as Proportion | Survival;
}

/**
 * An external figure with an interval: the published one when given, else Wilson's from its
 * counts (or from value × n).
 */
export function externalValue(f: ExternalFigure): ExternalProportion {
  const n = f.denominator ?? null;
  const x = f.numerator ?? (n != null ? Math.round(f.value * n) : null);
  const w = n != null && x != null ? wilsonInterval(x, n) : null;
  return {
    value: f.numerator != null && n ? f.numerator / n : f.value,
    lower: f.lower ?? w?.lower ?? null,
    upper: f.upper ?? w?.upper ?? null,
    numerator: x,
    denominator: n,
    external: true,
  };
}

export type ComparatorMeasures =
  | { kind: 'measures'; set: MeasureSet }
  | { kind: 'external'; label: string; figures: ExternalFigure[] }
  | null;

/**
 * Outcome rows from the engine's measure sets, unchanged, with the Newcombe difference for
 * proportions. `comparator` is a measure set (a cohort in the data), external figures, or null.
 */
export function outcomeRows(
  program: MeasureSet,
  comparator: ComparatorMeasures,
  opts: { comparatorLevel?: string } = {},
): OutcomeRow[] {
  return outcomeSpecs().map((spec) => {
    const a = asOutcome(program[spec.measure], spec.measure);
    let b: OutcomeValue | null = null;
    let note: string | undefined;
    if (comparator?.kind === 'external') {
      const f = comparator.figures.find((x) => x.measure === spec.measure);
      b = f ? externalValue(f) : { value: null, reason: `not given by ${comparator.label}` };
    } else if (comparator) b = asOutcome(comparator.set[spec.measure], spec.measure);
    if (
      opts.comparatorLevel === 'op' &&
      (spec.measure === 'step_down_rate' || spec.measure.startsWith('continuity_'))
    ) {
      note = 'Outpatient care has no lower level to step down to.';
      if (b !== null) b = { value: null, reason: 'not applicable' };
    }
    const difference =
      spec.kind === 'proportion' &&
      !note &&
      b !== null &&
      a.value !== null &&
      b.value !== null &&
      !('reason' in b) &&
      !('reason' in a)
        ? newcombeDifference(a, b)
        : null;
    return {
      measure: spec.measure,
      label: spec.label,
      short: spec.short,
      section: spec.section,
      kind: spec.kind,
      values: { program: a, comparator: b },
      difference: difference && difference.lower !== null ? difference : null,
      ...(note ? { note } : {}),
    };
  });
}
