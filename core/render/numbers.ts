/**
 * One vocabulary for every figure the dashboard, the command line and the study show: one "no
 * value" dash, a true minus sign, en-dash ranges, percentages to one decimal, money in whole
 * dollars (measures.md v1.1).
 */
export const NO_VALUE = '\u2014';
export const RANGE = '\u2013';
const MINUS = '\u2212';

type Num = number | null | undefined;
const has = (x: Num): x is number => x !== null && x !== undefined && Number.isFinite(x);
export const signed = (s: string): string => s.replace(/^-/, MINUS);

const grouped = (digits: number) =>
  new Intl.NumberFormat('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
const INT = grouped(0);
const FIXED = new Map<number, Intl.NumberFormat>();
const fixed = (digits: number) => FIXED.get(digits) ?? FIXED.set(digits, grouped(digits)).get(digits)!;
const UP_TO_2 = new Intl.NumberFormat('en-US', { maximumFractionDigits: 2 });
const DOLLARS = new Intl.NumberFormat('en-US', {
  style: 'currency',
  currency: 'USD',
  maximumFractionDigits: 0,
});

/** '1,234' */
export const formatCount = (x: Num): string => (has(x) ? signed(INT.format(x)) : NO_VALUE);
/** '35.4%' */
export const formatPercent = (x: Num, digits = 1): string =>
  has(x) ? `${signed((x * 100).toFixed(digits))}%` : NO_VALUE;
/** '35.4' (a percentage without its sign, for a range) */
export const formatPercentBare = (x: Num): string => (has(x) ? signed((x * 100).toFixed(1)) : NO_VALUE);
/** '1,234.5' with a fixed number of decimals. */
export const formatDecimal = (x: Num, digits = 1): string =>
  has(x) ? signed(fixed(digits).format(x)) : NO_VALUE;
/** Up to two decimals, as many as the figure needs. */
export const formatPlain = (x: Num): string => (has(x) ? signed(UP_TO_2.format(x)) : NO_VALUE);
/** '$1,235' */
export const formatMoney = (x: Num): string => (has(x) ? signed(DOLLARS.format(x)) : NO_VALUE);
/** '12 days', '12.5 days' */
export const formatDays = (x: Num): string =>
  has(x) ? `${formatDecimal(x, 1).replace(/\.0$/, '')} days` : NO_VALUE;
/** '59.2–61.0 days', '59–61 days': both ends with one decimal when either needs it. */
export function formatDaysRange(lower: number, upper: number): string {
  const whole = [lower, upper].every((x) => Number.isInteger(Math.round(x * 10) / 10));
  const ends = [lower, upper].map((x) => formatDecimal(x, whole ? 0 : 1));
  return `${ends[0]}${RANGE}${ends[1]} days`;
}
/** '9.5 h' */
export const formatHours = (x: Num): string => (has(x) ? `${formatDecimal(x, 1)} h` : NO_VALUE);

/** '29.8–41.5%', or '' without both ends. */
export const formatPercentInterval = (lower: Num, upper: Num): string =>
  has(lower) && has(upper) ? `${formatPercentBare(lower)}${RANGE}${formatPercentBare(upper)}%` : '';

/** 'p = 0.031', 'p < 0.001'. */
export function formatP(p: Num, missing = 'p not available'): string {
  if (!has(p)) return missing;
  if (p < 0.001) return 'p < 0.001';
  return `p = ${p < 0.01 ? p.toFixed(3) : p.toFixed(2)}`;
}

/** '88 B', '15 KB', '51.2 MB'. */
export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${Math.round(n / 1024)} KB`;
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}

export const formatNumber1 = (x: Num): string => formatDecimal(x, 1);
export const formatNumber2 = (x: Num): string => formatDecimal(x, 2);
