import type { LevelOfCare } from '../contract/codes';
import type { TableName } from '../contract/schema';
import type { Connector, Row } from '../engine/connector';
import type { SumQuery } from './program-sums';
import type { Run, RunsQuery } from './runs';
import type { MeasureSet } from './types';
import type { ValueCounts } from './value-counts';

export interface MeasureContext {
  conn: Connector;
  /** Contract tables present and usable after validation (clean tables named as in the contract). */
  tables: ReadonlySet<TableName>;
  /** E, 'YYYY-MM-DD'. */
  extractDate: string;
  level: LevelOfCare;
  /** False when the export cannot link one person's episodes (manifest `client_linkage: false`, e.g. TEDS-D). */
  clientLinkage?: boolean;
  /** Whether any clean encounter has a paid figure (LoadedExport.paidAmounts). */
  paidAmounts: boolean;
  /**
   * Runs a query of counts and sums (querySums); a session answers it from the rows by program it
   * keeps for the cohort's base, when the cohort differs from it by its programs alone.
   */
  sums?: (q: SumQuery) => Promise<Row[]>;
  /** Runs a runs query (queryRuns); a session answers it from the runs by program it keeps, as `sums`. */
  runs?: (q: RunsQuery) => Promise<Map<string, Run[]>>;
  /**
   * A value computed once for the cohort and grouping, by name (a risk model's fit, which a view's
   * calls ask again); the session keeps the last few cohorts'.
   */
  memo?: <T>(name: string, make: () => Promise<T>) => Promise<T>;
}

/** A grp's row of a grouped query, by grp (a grp without episodes has none). */
export type RowsByGroup = ReadonlyMap<string, Record<string, unknown>>;

/**
 * One family of measures from measures.md. `compute` reads the temp view
 * cohort_eps(grp VARCHAR, then every ep_wide column) and returns a MeasureSet for every grp;
 * a grp with no rows of its own still gets its measures (n = 0, value null).
 */
export interface MeasureGroup {
  id: string;
  /** The measures.md names it produces. */
  measures: readonly string[];
  /** Tables it needs besides episodes; when one is missing every measure is {value:null, reason}. */
  needs: readonly TableName[];
  /** Its measures follow a client from one episode to the next, so they need linked episodes. */
  needsClientLinkage?: boolean;
  /**
   * Its one-row-per-grp aggregates over the cohort's episodes (`COHORT_FROM`, cohort_eps e),
   * each with the measures that read it: measuresFor computes the items the asked measures need,
   * of every asked group, in one pass and hands each its rows (compute's `rows`); compute alone
   * runs them itself.
   */
  rowItems?: readonly RowItem[];
  /** Expressions whose quartiles join its row items' row (integers from counts by value, doubles from runs: kept by program too). */
  valueCounts?: readonly ValueCounts[];
  /**
   * `only`: the measures asked for (all when absent); a group may skip a step none of them needs
   * and leave those measures out.
   */
  compute(
    ctx: MeasureContext,
    groups: readonly string[],
    only?: readonly string[],
    rows?: RowsByGroup,
  ): Promise<Map<string, MeasureSet>>;
  /** The exact SQL it runs, by measure or step name, for the study's reproducibility section. */
  sql: Readonly<Record<string, string>>;
}

/** A select item of a group's one-row-per-grp query (`expr AS name`, or several) and the measures that read it. */
export interface RowItem {
  sql: string;
  for: readonly string[];
}

/** The row items or value counts the `only` measures need (all when absent). */
export const itemsFor = <T extends Pick<RowItem, 'for'>>(
  items: readonly T[],
  only?: readonly string[],
): T[] => items.filter((i) => asksFor(only, i.for));

/** The select items the `only` measures need (all when absent). */
export const rowColumns = (items: readonly RowItem[], only?: readonly string[]): string[] =>
  itemsFor(items, only).map((i) => i.sql);

/**
 * The set without the measures an `only` pass did not compute every item of (a measure read from
 * a missing column would be a wrong figure, not a missing one).
 */
export function computedOnly(
  set: MeasureSet,
  items: readonly Pick<RowItem, 'for'>[],
  only?: readonly string[],
): MeasureSet {
  if (!only) return set;
  const skipped = new Set(items.filter((i) => !asksFor(only, i.for)).flatMap((i) => i.for));
  return Object.fromEntries(Object.entries(set).filter(([m]) => !skipped.has(m)));
}

/** Whether a compute asked for `only` these measures needs any of `names`. */
export const asksFor = (only: readonly string[] | undefined, names: readonly string[]): boolean =>
  !only || names.some((n) => only.includes(n));
