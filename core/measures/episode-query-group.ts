import { computedOnly, rowColumns, type MeasureGroup, type RowItem } from './group';
import type { MeasureSet } from './types';
import { groupRowSql, ownRows } from './values';

type Row = Record<string, unknown> | undefined;

interface EpisodeQuery extends Pick<MeasureGroup, 'id' | 'measures' | 'needs'> {
  /** Its aggregates over the cohort's episodes (cohort_eps e), each with the measures that read it. */
  items: readonly RowItem[];
  /** A grp's measures from its row (undefined for a grp with no episodes). */
  values: (row: Row) => MeasureSet;
}

/**
 * A measure group that is one query over cohort_eps, one row a grp; the query is its one step
 * of the study's SQL, named after the group.
 */
export function episodeQueryGroup({ items, values, ...group }: EpisodeQuery): MeasureGroup {
  return {
    ...group,
    rowItems: items,
    sql: { [group.id.replaceAll('-', '_')]: groupRowSql(rowColumns(items)) },
    async compute(ctx, groups, only, given) {
      const rows = given ?? (await ownRows(ctx, rowColumns(items, only)));
      return new Map(groups.map((g) => [g, computedOnly(values(rows.get(g)), items, only)]));
    },
  };
}
