import type { MeasureGroup } from './group';
import type { MeasureSet } from './types';
import { groupRowSql, setsByGroup } from './values';

type Row = Record<string, unknown> | undefined;

interface EpisodeQuery extends Pick<MeasureGroup, 'id' | 'measures' | 'needs'> {
  /** Its aggregates over the cohort's episodes (ep_summary e), each `expr AS name`. */
  columns: readonly string[];
  /** A grp's measures from its row (undefined for a grp with no episodes). */
  values: (row: Row) => MeasureSet;
}

/**
 * A measure group that is one query over ep_summary, one row a grp; the query is its one step
 * of the study's SQL, named after the group.
 */
export function episodeQueryGroup({ columns, values, ...group }: EpisodeQuery): MeasureGroup {
  const sql = groupRowSql(columns);
  return {
    ...group,
    rowColumns: columns,
    sql: { [group.id.replaceAll('-', '_')]: sql },
    compute: (ctx, groups, _only, rows) => setsByGroup(ctx, groups, sql, values, rows),
  };
}
