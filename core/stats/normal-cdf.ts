import { regularizedGammaQ } from './gamma';

/** Φ(x), the standard normal CDF (R: pnorm), through Φ(x) = ½·Q(½, x²/2) for x < 0, accurate in both tails. */
export function normalCdf(x: number): number {
  if (Number.isNaN(x)) return NaN;
  if (x === Infinity) return 1;
  if (x === -Infinity) return 0;
  const tail = 0.5 * regularizedGammaQ(0.5, (x * x) / 2);
  return x < 0 ? tail : 1 - tail;
}
