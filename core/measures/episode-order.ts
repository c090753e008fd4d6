/**
 * The row order of the three per-episode tables (ep_summary, ep_transition, ep_cost): each is
 * one row per episode of `episodes`, so in episode_id order they agree row by row.
 */
export const episodeOrder = (episodeId: string): string =>
  process.env.IOP_EP_ORDER === 'none' ? '' : `ORDER BY ${episodeId}`;
