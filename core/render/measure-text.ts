import { headline, kinded, measureEntry, type KindedValue, type Unit } from '../catalogue';
import type { MeasureValue } from '../measures/types';
import {
  formatCount as count,
  formatDays,
  formatDaysRange,
  formatHours,
  formatMoney,
  formatPercent,
  formatPercentBare,
  formatPlain,
  NO_VALUE,
  RANGE,
} from './numbers';

/** One way to write every measure: "41.2% (36.0–46.6), n = 254". */

export function scalarText(x: number | null | undefined, unit: Unit): string {
  if (unit === 'percent') return formatPercent(x);
  if (unit === 'days') return formatDays(x);
  if (unit === 'money') return formatMoney(x);
  if (unit === 'hours') return formatHours(x);
  if (unit === 'screens') return x == null ? NO_VALUE : `${formatPlain(x)} screen${x === 1 ? '' : 's'}`;
  return formatPlain(x);
}

const bare = (x: number | null | undefined, unit: Unit) =>
  unit === 'percent' ? formatPercentBare(x) : scalarText(x, unit).replace(/ days$| h$| screens?$/, '');

/** 'lo–hi' with the unit once, at the end (a percentage's range bare). */
function span(lo: number, hi: number, unit: Unit): string {
  if (unit === 'percent') return `${bare(lo, unit)}${RANGE}${bare(hi, unit)}`;
  if (unit === 'days') return formatDaysRange(lo, hi);
  return `${bare(lo, unit)}${RANGE}${scalarText(hi, unit)}`;
}

function range(lo: number | null | undefined, hi: number | null | undefined, unit: Unit): string {
  return lo == null || hi == null ? '' : `(${span(lo, hi, unit)})`;
}

const joined = (...parts: string[]) => parts.filter(Boolean).join(', ');

/** A measure's value with the kind and unit its catalogue entry declares. */
export const kindedMeasure = (name: string, v: MeasureValue): KindedValue =>
  kinded(measureEntry(name).kind, v);

/** The main figure alone ("41.2%"). */
export function formatValue(v: MeasureValue | undefined, unit: Unit = 'percent'): string {
  const x = headline(v);
  return x === null ? NO_VALUE : scalarText(x, unit);
}

/** The interval and size ("(36.0–46.6), n = 254"), or what stands in for them. */
export function detailText(k: KindedValue, unit: Unit): string {
  switch (k.kind) {
    case 'unavailable':
      return `Not available: ${k.v.reason.replace(/^not available:\s*/i, '')}`;
    case 'proportion':
      return joined(range(k.v.lower, k.v.upper, unit), `n = ${count(k.v.denominator)}`);
    case 'survival':
      return joined(range(k.v.lower, k.v.upper, unit), `at risk = ${count(k.v.at_risk)}`);
    case 'median':
      return joined(
        k.v.q1 == null || k.v.q3 == null
          ? ''
          : `(IQR ${span(k.v.q1, k.v.q3, unit)})`,
        `n = ${count(k.v.n)}`,
      );
    case 'rmst':
      return range(k.v.lower, k.v.upper, unit);
    case 'ratio': {
      // cost per completer / abstinent carry the ratio-estimator interval (v1.1)
      const v = k.v as { lower?: number | null; upper?: number | null };
      return range(v.lower, v.upper, unit);
    }
    case 'mean':
      return joined(
        range(k.v.lower, k.v.upper, unit) ||
          (k.v.median != null ? `(median ${scalarText(k.v.median, unit)})` : ''),
        `n = ${count(k.v.n)}`,
      );
    case 'total':
      return joined(
        k.v.per_episode != null ? `(${scalarText(k.v.per_episode, unit)} per episode)` : '',
        `n = ${count(k.v.n)}`,
      );
    case 'tertiles':
      return `n = ${count((k.v as { n?: number }).n)}`;
    default:
      return '';
  }
}

/** The detail of a named measure; `unit` overrides the catalogue's. */
export function formatDetail(v: MeasureValue | undefined, name: string, unit?: Unit): string {
  if (!v) return '';
  return detailText(kindedMeasure(name, v), unit ?? measureEntry(name).unit);
}

/** "41.2% (36.0–46.6), n = 254"; a measure that cannot be computed says why. */
export function formatMeasure(v: MeasureValue | undefined, name: string, unit?: Unit): string {
  const u = unit ?? measureEntry(name).unit;
  const d = formatDetail(v, name, u);
  if (v && kindedMeasure(name, v).kind === 'unavailable') return d;
  return d ? `${formatValue(v, u)} ${d}` : formatValue(v, u);
}

/** The exact number behind a shown figure, for a data attribute. */
export const rawValue = (v: MeasureValue | undefined): string | undefined => {
  const x = headline(v);
  return x === null ? undefined : String(x);
};
