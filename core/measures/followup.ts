import { FOLLOWUP_DAYS } from '../contract/codes';
import { episodeQueryGroup } from './episode-query-group';
import type { MeasureSet } from './types';
import { proportion } from './values';

/** measures.md §6: eligible = discharged with discharge_date + k ≤ E (ep_summary.fu<k>_eligible). */
export const followupMeasures = episodeQueryGroup({
  id: 'followup',
  measures: FOLLOWUP_DAYS.flatMap((k) => [
    `followup_reached_${k}`,
    `abstinent_followup_${k}_cc`,
    `abstinent_followup_${k}_mip`,
  ]),
  needs: ['followups'],
  items: FOLLOWUP_DAYS.flatMap((k) => [
    {
      sql: `count(*) FILTER (WHERE e.fu${k}_eligible)::INTEGER AS eligible_${k}`,
      for: [`followup_reached_${k}`, `abstinent_followup_${k}_mip`],
    },
    { sql: `count(*) FILTER (WHERE e.fu${k}_reached)::INTEGER AS reached_${k}`, for: [`followup_reached_${k}`] },
    {
      sql: `count(*) FILTER (WHERE e.fu${k}_reached AND e.fu${k}_use_days IS NOT NULL)::INTEGER AS with_value_${k}`,
      for: [`abstinent_followup_${k}_cc`],
    },
    {
      sql: `count(*) FILTER (WHERE e.fu${k}_reached AND e.fu${k}_use_days = 0)::INTEGER AS abstinent_${k}`,
      for: [`abstinent_followup_${k}_cc`, `abstinent_followup_${k}_mip`],
    },
  ]),
  values: (r) => {
    const set: MeasureSet = {};
    for (const k of FOLLOWUP_DAYS) {
      const n = (name: string) => r?.[`${name}_${k}`] as number;
      set[`followup_reached_${k}`] = proportion(n('reached'), n('eligible'));
      set[`abstinent_followup_${k}_cc`] = proportion(n('abstinent'), n('with_value'));
      set[`abstinent_followup_${k}_mip`] = proportion(n('abstinent'), n('eligible'));
    }
    return set;
  },
});
