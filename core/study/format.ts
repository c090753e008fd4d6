import { isSuppressed, suppressionLabel, type Suppressed } from '../privacy/small-cell';
import {
  formatCount,
  formatDecimal,
  formatMoney,
  formatP,
  formatPercent,
  formatPercentInterval,
  NO_VALUE,
  signed,
} from '../render/numbers';
import type { Difference } from '../stats/newcombe';
import type { OutcomeValue, Shown } from './types';

/** Text for the study's figures, shared by the HTML, the CSV's display column and the summary. */

export const NOT_AVAILABLE = NO_VALUE;

export function count(x: Shown<number> | null | undefined): string {
  if (x !== null && x !== undefined && isSuppressed(x)) return suppressionLabel(x);
  return formatCount(x);
}

export const percent = formatPercent;
export const percentInterval = formatPercentInterval;
export const number = (v: number | null | undefined, digits = 1): string => formatDecimal(v, digits);
/** Whole dollars (measures.md §8, v1.1): '$1,181'. */
export const money = formatMoney;
/** '$1,083–$1,277' or ''. */
export const moneyInterval = (lower: number | null | undefined, upper: number | null | undefined): string =>
  lower == null || upper == null ? '' : `${money(lower)}\u2013${money(upper)}`;
export const pValue = (p: number | null | undefined): string => formatP(p, NO_VALUE);

export const hiddenText = (s: Suppressed): string =>
  s.suppressed === 'small' ? 'not shown (a count below 11)' : 'not shown (it would reveal a count below 11)';

export interface ProportionText {
  /** '35.4%', '<11', '—' */
  value: string;
  /** '29.8–41.5%' or '' */
  interval: string;
  /** '90/254', 'at risk 101' or '' */
  counts: string;
  /** Why there is no value, for a footnote. */
  reason?: string;
}

export function outcomeText(x: Shown<OutcomeValue> | null): ProportionText {
  if (x === null) return { value: NOT_AVAILABLE, interval: '', counts: '' };
  if (isSuppressed(x)) return { value: suppressionLabel(x), interval: '', counts: '', reason: hiddenText(x) };
  if ('reason' in x)
    return x.reason === 'not applicable'
      ? { value: 'not applicable', interval: '', counts: '' }
      : { value: NOT_AVAILABLE, interval: '', counts: '', reason: x.reason };
  const interval = percentInterval(x.lower, x.upper);
  if ('at_risk' in x) return { value: percent(x.value), interval, counts: `at risk ${count(x.at_risk)}` };
  const counts =
    x.numerator != null && x.denominator != null ? `${count(x.numerator)}/${count(x.denominator)}` : '';
  return { value: percent(x.value), interval, counts };
}

/** 'value (interval)' in one string, for a sentence. */
export function outcomeInline(x: Shown<OutcomeValue> | null): string {
  if (x !== null && isSuppressed(x)) return hiddenText(x);
  const t = outcomeText(x);
  if (t.reason) return `not available (${t.reason})`;
  if (t.value === NOT_AVAILABLE) return 'not available (no episodes to count)';
  const inside = [t.interval && `95% CI ${t.interval}`, t.counts].filter(Boolean).join('; ');
  return inside ? `${t.value} (${inside})` : t.value;
}

/** Percentage points: '−14.6 points (−27.0 to 1.9)'. */
export function differenceText(d: Shown<Difference> | null): string {
  if (d === null) return NOT_AVAILABLE;
  if (isSuppressed(d)) return suppressionLabel(d);
  if (d.value === null) return NOT_AVAILABLE;
  const pts = (v: number) => signed((v * 100).toFixed(1));
  const v = `${d.value > 0 ? '+' : ''}${pts(d.value)}`;
  return d.lower !== null && d.upper !== null ? `${v} (${pts(d.lower)} to ${pts(d.upper)})` : v;
}
