import type { Connector } from '../engine/connector';
import { episodeCostSql } from './cost-episodes';
import { prepareEpisodeSummary } from './episode-summary';
import type { MeasureContext } from './group';
import { sideBySide, WIDE_COLUMNS } from './episode-order';
import { episodeTransitionSql } from './step-down-transitions';

const SIDE_BY_SIDE = sideBySide();

/**
 * `ep_wide`: ep_summary with ep_transition's and ep_cost's columns beside it, what a filter
 * reads (cohort_eps). A POSITIONAL JOIN scans the three in lockstep, with no hash table: the
 * tables must agree row by row (prepareEpisodeWide checks). A TEMP view over a restored snapshot's
 * in-memory tables (snapshot.ts).
 */
export const episodeWideSql = (kind: 'VIEW' | 'TEMP VIEW' = 'VIEW'): string =>
  `CREATE OR REPLACE ${kind} ep_wide AS
SELECT ${WIDE_COLUMNS}
FROM ${SIDE_BY_SIDE}`;

/** The rows where the three tables disagree (a POSITIONAL JOIN pads the shorter with NULLs). */
export const EPISODE_ROWS_CHECK = `SELECT count(*)::INTEGER AS n
FROM ${SIDE_BY_SIDE}
WHERE s.episode_id IS DISTINCT FROM t.episode_id OR s.episode_id IS DISTINCT FROM k.episode_id`;

/** Makes ep_wide and checks the tables agree row by row: otherwise it would pair other episodes' figures. */
export async function prepareEpisodeWide(
  conn: Connector,
  kind: 'VIEW' | 'TEMP VIEW' = 'VIEW',
): Promise<void> {
  const [{ n }] = await conn.query<{ n: number }>(EPISODE_ROWS_CHECK);
  if (n)
    throw new Error(
      `ep_summary, ep_transition and ep_cost are not in the same episode order (${n} rows differ): refusing to pair one episode's figures with another's`,
    );
  await conn.exec(episodeWideSql(kind));
}

/** The per-episode tables, as a load's progress names them, in the order they are built. */
export const EPISODE_TABLES = ['episode summaries', 'step-down transitions', 'episode costs'] as const;

/**
 * Builds ep_summary, ep_transition and ep_cost (one statement each, one after another) and ep_wide;
 * `onTable` hears each table before it is built (its place in EPISODE_TABLES).
 */
export async function prepareEpisodeTables(
  ctx: MeasureContext,
  onTable?: (done: number) => void,
): Promise<void> {
  onTable?.(0);
  await prepareEpisodeSummary(ctx);
  onTable?.(1);
  await ctx.conn.query(episodeTransitionSql(ctx.tables), [ctx.extractDate]);
  onTable?.(2);
  await ctx.conn.exec(episodeCostSql(ctx.tables));
  await prepareEpisodeWide(ctx.conn);
}
