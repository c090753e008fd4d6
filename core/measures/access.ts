import { episodeQueryGroup } from './episode-query-group';
import { median, proportion } from './values';

/** measures.md §9: wait from referral to admission, where the referral date is known. */
export const accessMeasures = episodeQueryGroup({
  id: 'access',
  measures: ['wait_days', 'admitted_within_7'],
  needs: [],
  items: [
    { sql: 'count(*) FILTER (WHERE e.wait_days <= 7)::INTEGER AS within_7', for: ['admitted_within_7'] },
  ],
  counts: [{ expr: 'e.wait_days', name: 'wait', for: ['wait_days', 'admitted_within_7'] }],
  values: (r) => {
    const wait = median(r, 'wait');
    return { wait_days: wait, admitted_within_7: proportion(r?.within_7 as number, wait.n) };
  },
});
