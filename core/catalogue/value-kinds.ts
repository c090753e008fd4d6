import type {
  Counts,
  Mean,
  Median,
  MeasureValue,
  Proportion,
  QuarterRate,
  Rmst,
  Scalar,
  Survival,
  Unavailable,
} from '../measures/types';

/**
 * The shape of a measure's value, named once in the catalogue. Renderers switch on a value's
 * kind (`kindedValue`), never on which fields it happens to have.
 */
export type ValueKind =
  | 'proportion'
  | 'survival'
  | 'median'
  | 'mean'
  | 'rmst'
  | 'ratio'
  | 'total'
  | 'count'
  | 'counts'
  | 'tertiles'
  | 'series';

/** How a figure reads: a share, days, dollars, hours, drug screens or a plain number. */
export type Unit = 'percent' | 'days' | 'money' | 'hours' | 'screens' | 'number';

/** No-show cost and the like: a total, its share per cohort episode, and the episodes counted. */
export interface Total {
  value: number | null;
  per_episode: number | null;
  n: number;
}

export type KindedValue =
  | { kind: 'unavailable'; v: Unavailable }
  | { kind: 'proportion'; v: Proportion }
  | { kind: 'survival'; v: Survival }
  | { kind: 'median'; v: Median }
  | { kind: 'mean'; v: Mean }
  | { kind: 'rmst'; v: Rmst }
  | { kind: 'total'; v: Total }
  | { kind: 'ratio' | 'count'; v: Scalar }
  | { kind: 'counts'; v: Counts }
  | { kind: 'series'; v: QuarterRate[] }
  | { kind: 'tertiles'; v: MeasureValue };

export const isUnavailable = (v: MeasureValue | undefined): v is Unavailable =>
  !!v && !Array.isArray(v) && v.value === null && typeof (v as Partial<Unavailable>).reason === 'string';

/** The headline number of a value, if it has one (a series or a partition has none). */
export const headline = (v: MeasureValue | undefined): number | null =>
  v && !Array.isArray(v) && typeof v.value === 'number' ? v.value : null;

/** A value paired with the kind its measure declares; a value that cannot be computed is 'unavailable'. */
export function kinded(kind: ValueKind, v: MeasureValue): KindedValue {
  if (isUnavailable(v)) return { kind: 'unavailable', v };
  return { kind, v } as KindedValue;
}

export const isProportion = (k: KindedValue): k is Extract<KindedValue, { kind: 'proportion' }> =>
  k.kind === 'proportion';
export const isSurvival = (k: KindedValue): k is Extract<KindedValue, { kind: 'survival' }> =>
  k.kind === 'survival';
export const isMedian = (k: KindedValue): k is Extract<KindedValue, { kind: 'median' }> =>
  k.kind === 'median';
export const isMean = (k: KindedValue): k is Extract<KindedValue, { kind: 'mean' }> => k.kind === 'mean';
export const isCounts = (k: KindedValue): k is Extract<KindedValue, { kind: 'counts' }> =>
  k.kind === 'counts';
/** A share with counts behind it (a proportion or a Kaplan–Meier survival): what the small-cell rule guards. */
export const isRate = (k: KindedValue): k is Extract<KindedValue, { kind: 'proportion' | 'survival' }> =>
  k.kind === 'proportion' || k.kind === 'survival';
