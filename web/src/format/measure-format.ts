import type {
  Mean,
  Median,
  MeasureValue,
  Proportion,
  Survival,
  Unavailable,
} from '../../../core/measures/types';

/**
 * One way to write every figure: "41.2% (36.0–46.6), n = 254". Intervals use an en dash,
 * percentages one decimal, money whole units.
 */
const NA = '–';
const pct = (x: number | null | undefined) => (x == null ? NA : `${(x * 100).toFixed(1)}%`);
const pctBare = (x: number | null | undefined) => (x == null ? NA : (x * 100).toFixed(1));
const int = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
const dec1 = new Intl.NumberFormat('en-US', { minimumFractionDigits: 1, maximumFractionDigits: 1 });
const dec2 = new Intl.NumberFormat('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const num = new Intl.NumberFormat('en-US', { maximumFractionDigits: 2 });
const money0 = new Intl.NumberFormat('en-US', {
  style: 'currency',
  currency: 'USD',
  maximumFractionDigits: 0,
});
const money2 = new Intl.NumberFormat('en-US', {
  style: 'currency',
  currency: 'USD',
  minimumFractionDigits: 2,
  maximumFractionDigits: 2,
});

export const formatCount = (n: number | null | undefined) => (n == null ? NA : int.format(n));
export const formatPercent = pct;
export const formatPercentBare = pctBare;
export const formatNumber1 = (x: number | null | undefined) => (x == null ? NA : dec1.format(x));
export const formatNumber2 = (x: number | null | undefined) => (x == null ? NA : dec2.format(x));
export const formatMoney = (x: number | null | undefined) =>
  x == null ? NA : Math.abs(x) < 100 ? money2.format(x) : money0.format(x);
export const formatDays = (x: number | null | undefined) =>
  x == null ? NA : `${dec1.format(x).replace(/\.0$/, '')} days`;

export const isUnavailable = (v: MeasureValue | undefined): v is Unavailable =>
  !!v && 'reason' in v && typeof (v as Unavailable).reason === 'string';
export const isProportion = (v: MeasureValue | undefined): v is Proportion =>
  !!v && 'numerator' in v && 'denominator' in v;
export const isSurvival = (v: MeasureValue | undefined): v is Survival => !!v && 'at_risk' in v;
export const isMedian = (v: MeasureValue | undefined): v is Median => !!v && 'q1' in v;
export const isMean = (v: MeasureValue | undefined): v is Mean =>
  !!v && 'n' in v && !('q1' in v) && !('at_risk' in v);

export type Unit = 'percent' | 'days' | 'money' | 'hours' | 'screens' | 'number';

function formatScalar(x: number | null | undefined, unit: Unit): string {
  if (unit === 'percent') return pct(x);
  if (unit === 'days') return formatDays(x);
  if (unit === 'money') return formatMoney(x);
  if (unit === 'hours') return x == null ? NA : `${formatNumber1(x)} h`;
  if (unit === 'screens') return x == null ? NA : `${num.format(x)} screen${x === 1 ? '' : 's'}`;
  return x == null ? NA : num.format(x);
}

/** The unit after the first number of a range ("3–6 screens", not "3 screens–6 screens"). */
const UNIT_WORD = / (days?|h|screens?)$/;

/** The main figure alone ("41.2%"). */
export function formatValue(v: MeasureValue | undefined, unit: Unit = 'percent'): string {
  if (!v || isUnavailable(v)) return NA;
  if (!('value' in v)) return NA;
  return formatScalar(v.value as number | null, unit);
}

/** The interval and size ("(36.0–46.6), n = 254"), or what stands in for them. */
export function formatDetail(v: MeasureValue | undefined, unit: Unit = 'percent'): string {
  if (!v) return '';
  if (isUnavailable(v)) return `Not available: ${v.reason.replace(/^not available:\s*/i, '')}`;
  const range = (lo: number | null | undefined, hi: number | null | undefined) => {
    if (lo == null || hi == null) return '';
    if (unit === 'percent') return `(${pctBare(lo)}–${pctBare(hi)})`;
    return `(${formatScalar(lo, unit).replace(UNIT_WORD, '')}–${formatScalar(hi, unit)})`;
  };
  if (isProportion(v))
    return [range(v.lower, v.upper), `n = ${formatCount(v.denominator)}`].filter(Boolean).join(', ');
  if (isSurvival(v))
    return [range(v.lower, v.upper), `at risk = ${formatCount(v.at_risk)}`].filter(Boolean).join(', ');
  if (isMedian(v)) {
    const iqr =
      v.q1 == null || v.q3 == null
        ? ''
        : `(IQR ${formatScalar(v.q1, unit).replace(UNIT_WORD, '')}–${formatScalar(v.q3, unit)})`;
    return [iqr, `n = ${formatCount(v.n)}`].filter(Boolean).join(', ');
  }
  if ('per_episode' in v) {
    const per = (v as { per_episode: number | null }).per_episode;
    return [
      per != null ? `(${formatScalar(per, unit)} per episode)` : '',
      `n = ${formatCount((v as { n: number }).n)}`,
    ]
      .filter(Boolean)
      .join(', ');
  }
  if ('tertiles' in v) return `n = ${formatCount((v as { n: number }).n)}`;
  if (isMean(v)) {
    const interval =
      range(v.lower, v.upper) || (v.median != null ? `(median ${formatScalar(v.median, unit)})` : '');
    return [interval, `n = ${formatCount(v.n)}`].filter(Boolean).join(', ');
  }
  return '';
}

/** "41.2% (36.0–46.6), n = 254". */
export function formatMeasure(v: MeasureValue | undefined, unit: Unit = 'percent'): string {
  if (v && isUnavailable(v)) return formatDetail(v, unit);
  const d = formatDetail(v, unit);
  return d ? `${formatValue(v, unit)} ${d}` : formatValue(v, unit);
}

/** "p = 0.031", "p < 0.001". */
export function formatP(p: number | null | undefined): string {
  if (p == null || Number.isNaN(p)) return 'p not available';
  if (p < 0.001) return 'p < 0.001';
  return `p = ${p < 0.01 ? p.toFixed(3) : p.toFixed(2)}`;
}

/** "88 B", "15 KB", "51.2 MB". */
export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${Math.round(n / 1024)} KB`;
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}
