import type { MeasureContext, MeasureGroup } from './group';
import type { MeasureSet } from './types';
import { missingTable, unavailable } from './values';

/**
 * Computes a measure group for every group label, or, when a table it needs is missing, reports
 * each of its measures as {value: null, reason: 'not available: needs <table>'}.
 */
export async function computeOrUnavailable(
  group: MeasureGroup,
  ctx: MeasureContext,
  groups: readonly string[],
): Promise<Map<string, MeasureSet>> {
  const missing = missingTable(ctx, group.needs);
  if (missing === undefined) return group.compute(ctx, groups);
  const set = (): MeasureSet => Object.fromEntries(group.measures.map((m) => [m, unavailable(missing)]));
  return new Map(groups.map((g) => [g, set()]));
}
