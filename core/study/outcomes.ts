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

const p = (measure: string, label: string, short: string, section: OutcomeRow['section']): OutcomeSpec => ({
  measure,
  label,
  short,
  section,
  kind: 'proportion',
});

/** The outcomes of the study, in the order of outcome-study.md §4. */
export const OUTCOMES: readonly OutcomeSpec[] = [
  p('completion_rate', 'Completed treatment (of discharged)', 'Completion', 'discharge'),
  ...[30, 60, 90].map((d) => ({
    measure: `retention_${d}`,
    label: `Retained at day ${d} (Kaplan–Meier)`,
    short: `Retention day ${d}`,
    section: 'retention' as const,
    kind: 'survival' as const,
  })),
  p(
    'abstinent_final30_cc',
    'Abstinent in final 30 days — complete case',
    'Abstinent final 30 d (complete case)',
    'abstinence',
  ),
  p(
    'abstinent_final30_mip',
    'Abstinent in final 30 days — missing = positive',
    'Abstinent final 30 d (missing = positive)',
    'abstinence',
  ),
  ...[30, 90, 180].flatMap((k) => [
    p(`followup_reached_${k}`, `Reached at ${k}-day follow-up`, `Follow-up ${k} d reached`, 'followup'),
    p(
      `abstinent_followup_${k}_cc`,
      `Abstinent at ${k}-day follow-up — reached`,
      `Abstinent ${k} d (reached)`,
      'followup',
    ),
    p(
      `abstinent_followup_${k}_mip`,
      `Abstinent at ${k}-day follow-up — missing = using`,
      `Abstinent ${k} d (missing = using)`,
      'followup',
    ),
  ]),
  p('step_down_rate', 'Stepped down to a lower level within 30 days', 'Step-down', 'continuing_care'),
  p('continuity_7', 'Continuity within 7 days (of step-downs)', 'Continuity 7 d', 'continuing_care'),
  p('continuity_14', 'Continuity within 14 days (of step-downs)', 'Continuity 14 d', 'continuing_care'),
  p('step_up_90', 'Stepped up to a higher level within 90 days', 'Step-up 90 d', 'continuing_care'),
];

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
  return OUTCOMES.map((spec) => {
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
    )
      note = 'Outpatient care has no lower level to step down to.';
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
