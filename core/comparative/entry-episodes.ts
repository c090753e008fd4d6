import { compileCohort } from '../cohort/compile';
import type { Cohort } from '../cohort/types';
import type { SqlValue } from '../engine/connector';
import { COVARIATE_COLUMNS_SQL, type Factor } from '../measures/risk-design';
import type { ComparativeRequest } from './types';

/** Days before admission within which an earlier episode's discharge makes this one a continuation. */
export const ENTRY_GAP_DAYS = 30;
export const ESCALATION_DAYS = 180;
const ESCALATION_LEVELS = ['php', 'residential', 'detox'];

/** One entry episode with its covariates (risk-model coding) and each outcome's eligibility and y. */
export type EntryRow = Record<Factor, string> & {
  episode_id: number;
  treated: number;
  fu90_mip_eligible: boolean;
  fu90_mip: boolean;
  fu90_cc_eligible: boolean;
  fu90_cc: boolean | null;
  discharged: boolean;
  final30_mip: boolean | null;
  completed: boolean;
  escalation_eligible: boolean;
  escalation: boolean;
  cost: number | null;
};

export function armCohorts(request: ComparativeRequest): { treated: Cohort; control: Cohort } {
  const base: Omit<Cohort, 'level'> = {
    ...(request.from ? { from: request.from } : {}),
    ...(request.to ? { to: request.to } : {}),
    ...(request.filters ? { filters: request.filters } : {}),
  };
  return {
    treated: { ...base, level: request.treatmentLevel ?? 'iop', programs: request.treatmentPrograms },
    control: { ...base, level: request.controlLevel ?? 'op', programs: request.controlPrograms },
  };
}

/**
 * comparative-effectiveness.md §1 and §3 over ep_summary (ep_wide: with ep_cost's columns): the entry
 * episodes of both arms (no earlier episode of the client, detox aside, still open or discharged
 * within 30 days before this admission), one row each. Parameters: the two cohorts' and E.
 */
export function entryEpisodesQuery(
  request: ComparativeRequest,
  extractDate: string,
): { sql: string; params: SqlValue[] } {
  const { treated, control } = armCohorts(request);
  const t = compileCohort(treated);
  const c = compileCohort(control);
  const escalation = ESCALATION_LEVELS.map((l) => `'${l}'`).join(', ');
  const sql = `WITH p AS (SELECT ?::DATE AS e),
arms AS (
  SELECT e.episode_id, 1 AS treated FROM ep_summary e WHERE ${t.sql}
  UNION ALL
  SELECT e.episode_id, 0 AS treated FROM ep_summary e WHERE ${c.sql}
)
SELECT s.episode_id, a.treated::INTEGER AS treated,
  ${COVARIATE_COLUMNS_SQL},
  coalesce(s.fu90_eligible, false) AS fu90_mip_eligible,
  coalesce(s.fu90_eligible AND s.fu90_reached AND s.fu90_use_days = 0, false) AS fu90_mip,
  coalesce(s.fu90_eligible AND s.fu90_reached AND s.fu90_use_days IS NOT NULL, false) AS fu90_cc_eligible,
  (s.fu90_use_days = 0) AS fu90_cc,
  s.discharged,
  s.abstinent_final30_mip AS final30_mip,
  s.completed,
  (s.admit_date + ${ESCALATION_DAYS} <= p.e) AS escalation_eligible,
  EXISTS (SELECT 1 FROM ep_summary x WHERE x.client_id = s.client_id AND x.level_of_care IN (${escalation})
    AND x.admit_date > s.admit_date AND x.admit_date <= s.admit_date + ${ESCALATION_DAYS}) AS escalation,
  s.cost
FROM arms a CROSS JOIN p
JOIN ep_wide s ON s.episode_id = a.episode_id
WHERE NOT EXISTS (SELECT 1 FROM ep_summary prev WHERE prev.client_id = s.client_id
  AND prev.episode_id <> s.episode_id AND prev.level_of_care <> 'detox'
  AND prev.admit_date < s.admit_date
  AND (prev.discharge_date IS NULL OR prev.discharge_date >= s.admit_date - ${ENTRY_GAP_DAYS}))
ORDER BY s.episode_id`;
  return { sql, params: [extractDate, ...t.params, ...c.params] };
}
