/**
 * The row order of the per-episode tables, which ep_wide puts side by side (a POSITIONAL JOIN):
 * ep_summary keeps its statement's own order, and ep_transition and ep_cost, each one row per
 * episode of `episodes`, take ep_summary's: their rows sorted by the position (rowid) of their
 * episode there. No statement keeps `episodes`' order by itself (hash joins reorder rows, on
 * DuckDB-WASM and native, one thread or several), so the order is asked for. Measured on
 * DuckDB-WASM at 250k IOP episodes, the builds' rise over the loaded export's memory: unsorted
 * +47 MB; each statement ORDER BY episode_id +95 MB (sorting ep_summary's wide rows); each table
 * sorted afterwards in a second statement +135 MB; this (sorting the two narrow tables) +33 MB.
 */
export const inSummaryOrder = (select: string): string => `SELECT b.*
FROM (${select}) b
LEFT JOIN (SELECT episode_id, rowid AS pos FROM ep_summary) o ON o.episode_id = b.episode_id
ORDER BY o.pos`;
