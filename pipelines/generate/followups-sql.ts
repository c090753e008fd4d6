import { FOLLOWUP_DAYS, quoteDate, quoteLiteral } from '../../core';

/**
 * Abstinence at follow-up moves with the case-mix (besides its effect through completion) and
 * with a modest true effect of IOP over standard outpatient care: +5 points.
 */
const CASE_MIX_AND_CARE = `- CASE e.t_housing WHEN 'homeless' THEN 0.1 WHEN 'unstable' THEN 0.04 ELSE 0 END
        - CASE WHEN e.t_cooc THEN 0.05 ELSE 0 END - CASE WHEN e.prior_true >= 2 THEN 0.05 ELSE 0 END
        - CASE WHEN e.t_referral = 'court' THEN 0.03 ELSE 0 END
        + CASE WHEN e.level = 'iop' THEN 0.05 ELSE 0 END`;

/**
 * Follow-up contacts of discharged iop and op episodes whose target day is on or before E.
 * Reach falls with the target day and is lower after an unplanned exit.
 */
export function followupsSql(extractDate: string): string {
  const E = quoteDate(extractDate);
  const targets = FOLLOWUP_DAYS.map((d, i) => `(${quoteLiteral(d)}, ${quoteLiteral(i)})`).join(', ');
  return `
    WITH f AS (
      SELECT e.ep_no, e.discharge_date, e.t_reason, e.sev, t.target_day, t.idx,
        ${CASE_MIX_AND_CARE} AS shift,
        rnd2(e.ep_no, t.target_day, 'reach') < p.followup_reach
          * CASE e.t_reason WHEN 'completed' THEN 1 WHEN 'dropped_out' THEN 0.65 WHEN 'terminated' THEN 0.65 ELSE 0.8 END
          * CASE t.idx WHEN 0 THEN 1 WHEN 1 THEN 0.82 ELSE 0.68 END
          * CASE WHEN e.level = 'op' THEN 0.9 ELSE 1 END AS reached
      FROM eps e JOIN prog p USING (pidx) CROSS JOIN (VALUES ${targets}) t(target_day, idx)
      WHERE e.level IN ('iop', 'op') AND e.discharge_date IS NOT NULL AND e.discharge_reason <> 'died'
        AND e.discharge_date + t.target_day <= ${E}
    )
    SELECT episode_id(ep_no)::BIGINT AS episode_id, target_day::SMALLINT AS target_day, reached::BOOLEAN AS reached,
      CASE WHEN reached THEN least(${E}, discharge_date + target_day - 5 + floor(19 * rnd2(ep_no, target_day, 'when'))::INTEGER)
      END::DATE AS contact_date,
      CASE WHEN NOT reached OR rnd2(ep_no, target_day, 'use.m') < 0.06 THEN NULL
           WHEN rnd2(ep_no, target_day, 'use') < CASE t_reason WHEN 'completed' THEN 0.7 - 0.06 * idx
                                                               WHEN 'dropped_out' THEN 0.35 WHEN 'terminated' THEN 0.35
                                                               ELSE 0.45 END - 0.1 * sev + shift THEN 0
           ELSE 1 + floor(29 * pow(rnd2(ep_no, target_day, 'use.n'), 2))
      END::SMALLINT AS use_days_past30
    FROM f
    ORDER BY episode_id, target_day`;
}
