/** A proportion with its own 95% interval (the engine's Wilson interval). */
export interface ProportionEstimate {
  value: number | null;
  lower: number | null;
  upper: number | null;
}

export interface Difference {
  value: number | null;
  lower: number | null;
  upper: number | null;
}

/**
 * Risk difference a − b with Newcombe's hybrid score interval (Newcombe 1998, method 10),
 * built from each proportion's Wilson interval: the proportions must carry Wilson limits.
 * Null when either proportion is undefined.
 */
export function newcombeDifference(a: ProportionEstimate, b: ProportionEstimate): Difference {
  const { value: p1, lower: l1, upper: u1 } = a;
  const { value: p2, lower: l2, upper: u2 } = b;
  if (p1 == null || p2 == null || l1 == null || u1 == null || l2 == null || u2 == null)
    return { value: null, lower: null, upper: null };
  const d = p1 - p2;
  return {
    value: d,
    lower: d - Math.sqrt((p1 - l1) ** 2 + (u2 - p2) ** 2),
    upper: d + Math.sqrt((u1 - p1) ** 2 + (p2 - l2) ** 2),
  };
}
