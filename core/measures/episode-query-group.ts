import { computedOnly, rowColumns, type MeasureGroup, type RowItem } from './group';
import type { MeasureSet } from './types';
import { ownRowsWithCounts, valueCountsSql, type ValueCounts } from './value-counts';
import { groupRowSql } from './values';

type Row = Record<string, unknown> | undefined;

interface EpisodeQuery extends Pick<MeasureGroup, 'id' | 'measures' | 'needs'> {
  /** Its aggregates over the cohort's episodes (cohort_eps e), each with the measures that read it. */
  items: readonly RowItem[];
  /** Integer expressions whose quartiles its row holds too (`ValueCounts`). */
  counts?: readonly ValueCounts[];
  /** A grp's measures from its row (undefined for a grp with no episodes). */
  values: (row: Row) => MeasureSet;
}

/**
 * A measure group that is one query over cohort_eps, one row a grp (and, with `counts`, one of
 * counts by value); the query is its step of the study's SQL, named after the group.
 */
export function episodeQueryGroup({ items, counts = [], values, ...group }: EpisodeQuery): MeasureGroup {
  const name = group.id.replaceAll('-', '_');
  return {
    ...group,
    rowItems: items,
    valueCounts: counts,
    sql: {
      [name]: groupRowSql(rowColumns(items)),
      ...(counts.length ? { [`${name}_by_value`]: valueCountsSql(counts) } : {}),
    },
    async compute(ctx, groups, only, given) {
      const rows = given ?? (await ownRowsWithCounts(ctx, items, counts, only));
      const all = [...items, ...counts];
      return new Map(groups.map((g) => [g, computedOnly(values(rows.get(g)), all, only)]));
    },
  };
}
