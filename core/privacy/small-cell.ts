/**
 * The privacy rule of measures.md for every export (the CMS cell-size rule): a count from 1 to
 * 10, and any rate whose numerator or denominator is from 1 to 10, is shown as "<11"; enough
 * neighbouring cells are hidden ("complementary" suppression) that a hidden cell cannot be
 * worked back from a shown total. Zero may be shown.
 */
export const SMALL_CELL_MAX = 10;
export const SMALL_CELL_LABEL = '<11';
export const COMPLEMENTARY_LABEL = 'suppressed';

export type SuppressionReason = 'small' | 'complementary';
export interface Suppressed {
  suppressed: SuppressionReason;
}

export const isSmall = (n: number | null | undefined): boolean => n != null && n >= 1 && n <= SMALL_CELL_MAX;

export const isSuppressed = (x: unknown): x is Suppressed =>
  typeof x === 'object' && x !== null && 'suppressed' in x;

export const suppressionLabel = (s: Suppressed): string =>
  s.suppressed === 'small' ? SMALL_CELL_LABEL : COMPLEMENTARY_LABEL;

/**
 * A rate is hidden when its numerator, its denominator or their difference (the complement: 13 of
 * 14 reveals the one) is small.
 */
export const rateIsSmall = (
  numerator: number | null | undefined,
  denominator: number | null | undefined,
): boolean =>
  isSmall(numerator) ||
  isSmall(denominator) ||
  (numerator != null && denominator != null && isSmall(denominator - numerator));

/**
 * Which cells of a partition (cells that add up to a total the reader can see) to hide, and why.
 * Small cells are hidden; then complementarySuppression hides neighbours.
 */
export function partitionSuppression(
  counts: readonly number[],
  protect: readonly boolean[] = [],
): (SuppressionReason | null)[] {
  return complementarySuppression(counts.map(isSmall), counts, protect);
}

/**
 * Given the cells hidden for their own sake (`primary`), hides more while the hidden cells could
 * be worked back from the total — a single hidden cell, or primary cells whose sum forces each to
 * be 1 or each to be 10 — taking the smallest shown cell each time, preferring cells not marked
 * `protect` (figures shown elsewhere, whose hiding would have to spread) and non-zero ones.
 */
export function complementarySuppression(
  primary: readonly boolean[],
  sizes: readonly number[],
  protect: readonly boolean[] = [],
): (SuppressionReason | null)[] {
  const out: (SuppressionReason | null)[] = primary.map((p) => (p ? 'small' : null));
  const derivable = () => {
    const hiddenSizes = sizes.filter((_, i) => out[i] !== null);
    if (hiddenSizes.length === 0) return false;
    if (hiddenSizes.length === 1) return true;
    if (out.some((r) => r === 'complementary')) return false;
    const sum = hiddenSizes.reduce((s, n) => s + n, 0);
    return sum === hiddenSizes.length || sum === hiddenSizes.length * SMALL_CELL_MAX;
  };
  while (derivable()) {
    const candidates = sizes
      .map((n, i) => ({ n, i }))
      .filter(({ i }) => out[i] === null)
      .sort(
        (a, b) =>
          Number(!!protect[a.i]) - Number(!!protect[b.i]) ||
          Number(a.n === 0) - Number(b.n === 0) ||
          a.n - b.n ||
          a.i - b.i,
      );
    if (candidates.length === 0) break;
    out[candidates[0].i] = 'complementary';
  }
  return out;
}
