/**
 * The row order of the per-episode tables, which ep_wide puts side by side (a POSITIONAL JOIN):
 * ep_summary is sorted by level of care, program and episode (episode-summary.ts), and ep_transition
 * and ep_cost, each one row per episode of `episodes`, take ep_summary's: their rows sorted by the
 * position (rowid) of their episode there. No statement keeps `episodes`' order by itself (hash joins
 * reorder rows, on DuckDB-WASM and native, one thread or several), so the order is asked for.
 * Measured on DuckDB-WASM at 250k IOP episodes, the builds' rise over the loaded export's memory:
 * unsorted +47 MB; each statement ORDER BY episode_id +95 MB (sorting ep_summary's wide rows); each
 * table sorted afterwards in a second statement +135 MB; this (sorting the two narrow tables) +33 MB.
 * Sorting ep_summary by level and program as well: its build 9.4 → 11.1 s at 250k, and a million
 * episodes' peak 3,400 → 3,547 MB (Node DuckDB-WASM, one run each).
 */
export const inSummaryOrder = (select: string): string => `SELECT b.*
FROM (${select}) b
LEFT JOIN (SELECT episode_id, rowid AS pos FROM ep_summary) o ON o.episode_id = b.episode_id
ORDER BY o.pos`;

/** Rows lo..hi (rowids, both included) of the per-episode tables; lo > hi is none. */
export interface RowRange {
  lo: number;
  hi: number;
}

const rows = (table: string, alias: string, range?: RowRange): string => {
  if (!range) return `${table} ${alias}`;
  if (!Number.isSafeInteger(range.lo) || !Number.isSafeInteger(range.hi))
    throw new Error(`not a row range: ${range.lo}..${range.hi}`);
  return `(SELECT * FROM ${table} WHERE rowid BETWEEN ${range.lo} AND ${range.hi}) ${alias}`;
};

/** The three tables side by side, whole or rows lo..hi of each. */
export const sideBySide = (range?: RowRange): string =>
  `${rows('ep_summary', 's', range)} POSITIONAL JOIN ${rows('ep_transition', 't', range)} POSITIONAL JOIN ${rows('ep_cost', 'k', range)}`;

/** ep_wide's columns: every per-episode column once. */
export const WIDE_COLUMNS = 's.*, t.* EXCLUDE (episode_id), k.* EXCLUDE (episode_id)';

/**
 * ep_wide's rows lo..hi, a subquery to alias. DuckDB pushes a rowid filter into each table's scan
 * and skips the rows outside; a filter over the whole of ep_wide is not pushed below its
 * POSITIONAL JOIN, and every row is decoded. A side none of whose columns a query reads would
 * become a projection, which DuckDB pairs by a POSITIONAL_JOIN that collects it first (in arrival
 * order, not row order, on several threads); the episode ids compared keep every side read, so the
 * three scans stay one POSITIONAL_SCAN in lockstep, and a row that paired two episodes is dropped.
 */
export const wideRows = (range: RowRange): string =>
  `(SELECT ${WIDE_COLUMNS} FROM ${sideBySide(range)}
  WHERE s.episode_id = t.episode_id AND s.episode_id = k.episode_id)`;
