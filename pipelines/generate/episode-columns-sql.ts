import { quoteDate, quoteLiteral } from '../../core';
import { pickCodeSql, pickSql } from './pick-sql';

const num = (x: number) => quoteLiteral(x);

/**
 * The episode's covariates: true values (t_*) that drive outcomes, and the exported values with
 * missingness. `base` has ep_no, c, level, slot, has_next, admit_date, n_before, stepped.
 */
export function covariatesSql(base: string): string {
  const referral = pickSql("rnd(ep_no, 'ref')", [
    ["'self'", 0.34],
    ["'provider'", 'CASE WHEN stepped OR slot <> 2 THEN 3 ELSE 0.3 END'],
    ["'family'", 'CASE WHEN cl.teen THEN 0.3 ELSE 0.12 END'],
    ["'employer'", "CASE WHEN cl.payer = 'commercial' THEN 0.12 ELSE 0.02 END"],
    ["'school'", 'CASE WHEN cl.teen THEN 0.35 ELSE 0 END'],
    ["'other'", 0.05],
  ]);
  const opioidMat = pickCodeSql("rnd(c, 'mat.kind')", {
    buprenorphine: 0.6,
    methadone: 0.25,
    naltrexone: 0.15,
  });
  return `
    SELECT b.*, cl.pidx, cl.teen, cl.sex, cl.substance, cl.sev, p.missing,
      clamp(floor((b.admit_date - cl.birth) / 365.25), 12, 90)::INTEGER AS age,
      cl.race AS t_race, cl.cooc AS t_cooc, cl.prior_base + b.n_before AS prior_true,
      CASE WHEN cl.court THEN 'court' ELSE ${referral} END AS t_referral,
      cl.payer AS t_payer, cl.housing AS t_housing,
      CASE WHEN cl.teen THEN rnd(c, 'job') < 0.1
           WHEN cl.housing = 'homeless' THEN rnd(c, 'job') < 0.1
           WHEN cl.payer = 'commercial' THEN rnd(c, 'job') < 0.8
           ELSE rnd(c, 'job') < 0.35 END AS t_employed,
      CASE WHEN cl.teen THEN NULL
           WHEN cl.substance = 'opioids' AND rnd(c, 'mat') < p.mat THEN ${opioidMat}
           WHEN cl.substance = 'alcohol' AND rnd(c, 'mat') < 0.13 THEN
             CASE WHEN rnd(c, 'mat.kind') < 0.8 THEN 'naltrexone' ELSE 'other' END
      END AS mat,
      CASE WHEN b.stepped THEN floor(5 * pow(rnd(ep_no, 'uda'), 2))
           ELSE clamp(round(15 + 7 * cl.sev + 6 * rnorm(ep_no, 'uda')), 1, 30) END::INTEGER AS t_use_admit,
      p.planned_weeks, p.completion_shift, p.dropout_power, p.terminate_weight, p.wait_days
    FROM (${base}) b JOIN clients cl USING (c) JOIN prog p ON p.pidx = cl.pidx`;
}

/** Completion logit from the case mix: what makes risk adjustment matter. */
const COMPLETION_LOGIT = `
  -0.15 + completion_shift
  + CASE t_housing WHEN 'homeless' THEN -0.8 WHEN 'unstable' THEN -0.35 ELSE 0 END
  + CASE WHEN t_cooc THEN -0.3 ELSE 0 END
  + CASE WHEN prior_true >= 2 THEN -0.3 WHEN prior_true = 1 THEN -0.1 ELSE 0.1 END
  + CASE WHEN age < 18 THEN -0.2 WHEN age <= 25 THEN -0.45 WHEN age >= 45 THEN 0.35 ELSE 0 END
  + CASE substance WHEN 'opioids' THEN CASE WHEN mat IS NULL THEN -0.6 ELSE 0.25 END
                   WHEN 'stimulants' THEN -0.35 WHEN 'alcohol' THEN 0.15 ELSE 0 END
  + CASE t_payer WHEN 'commercial' THEN 0.3 WHEN 'self_pay' THEN -0.3 WHEN 'medicaid' THEN -0.15 ELSE 0 END
  + CASE WHEN t_referral = 'court' THEN 0.3 ELSE 0 END
  + CASE WHEN t_employed THEN 0.25 ELSE 0 END
  + CASE WHEN stepped THEN 0.45 ELSE 0 END
  - 0.25 * sev
  + CASE WHEN level = 'op' THEN -0.3 ELSE 0 END
  + CASE WHEN has_next THEN -0.9 ELSE 0 END`;

/** Core episodes: discharge reason and length of stay from the case mix and the program. */
export function coreOutcomeSql(base: string): string {
  const nonCompletion = pickSql("rnd(ep_no, 'why')", [
    ["'dropped_out'", 0.58],
    ["'terminated'", "0.16 * terminate_weight * CASE WHEN t_referral = 'court' THEN 1.5 ELSE 1 END"],
    ["'transferred'", 0.13],
    ["'incarcerated'", "0.035 * CASE WHEN t_referral = 'court' THEN 3 ELSE 1 END"],
    [
      "'died'",
      "CASE WHEN has_next THEN 0 ELSE 0.005 * CASE WHEN substance = 'opioids' THEN 3 ELSE 1 END END",
    ],
    ["'other'", 0.06],
  ]);
  return `
    SELECT *,
      least(CASE WHEN level = 'op' THEN 400 ELSE 200 END, floor(planned * CASE t_reason
        WHEN 'completed' THEN 0.85 + 0.35 * rnd(ep_no, 'los')
        WHEN 'dropped_out' THEN 0.95 * pow(rnd(ep_no, 'los'), dropout_power)
        WHEN 'terminated' THEN 0.1 + 0.75 * rnd(ep_no, 'los')
        WHEN 'transferred' THEN 0.05 + 0.8 * rnd(ep_no, 'los')
        ELSE rnd(ep_no, 'los') END))::INTEGER AS t_los
    FROM (
      SELECT *,
        CASE WHEN rnd(ep_no, 'done') < inv_logit(${COMPLETION_LOGIT}) THEN 'completed' ELSE ${nonCompletion} END AS t_reason,
        CASE WHEN level = 'op' THEN 84 ELSE 7 * planned_weeks END AS planned
      FROM (${covariatesSql(base)}))`;
}

/**
 * Exported values: discharge censored at E, missing covariates, referral date, use days at
 * discharge. `rel` has the covariates plus t_reason and t_los.
 */
export function finalizeSql(rel: string, extractDate: string): string {
  const E = quoteDate(extractDate);
  const miss = (tag: string, rate: number, factor = '1') =>
    `rnd(ep_no, 'm.${tag}') < ${num(rate)} * missing * (${factor})`;
  return `
    SELECT *,
      CASE WHEN discharge_date IS NULL OR t_reason = 'died' THEN NULL
           WHEN ${miss('udd', 0.12, "CASE WHEN t_reason = 'completed' THEN 1 ELSE 3.5 END")} THEN NULL
           WHEN t_reason = 'completed' THEN
             CASE WHEN rnd(ep_no, 'udd') < 0.72 - 0.2 * sev THEN 0 ELSE 1 + floor(6 * rnd(ep_no, 'udd.n')) END
           ELSE clamp(round(t_use_admit * (0.3 + 0.6 * rnd(ep_no, 'udd.n')) + 3 * rnd(ep_no, 'udd')), 0, 30)
      END::INTEGER AS use_days_discharge
    FROM (
      SELECT *,
        admit_date + t_los AS t_discharge,
        CASE WHEN admit_date + t_los <= ${E} THEN admit_date + t_los END AS discharge_date,
        CASE WHEN admit_date + t_los <= ${E} THEN t_reason END AS discharge_reason,
        CASE WHEN ${miss('refdate', 0.1, 'CASE WHEN slot = 2 THEN 1 ELSE 4 END')} THEN NULL
             WHEN stepped OR slot <> 2 THEN admit_date - floor(4 * rnd(ep_no, 'wait'))::INTEGER
             ELSE admit_date - clamp(round(wait_days * exp(0.6 * rnorm(ep_no, 'wait'))), 0, 90)::INTEGER
        END AS referral_date,
        CASE WHEN ${miss('race', 0.04)} THEN NULL ELSE t_race END AS race_ethnicity,
        CASE WHEN ${miss('cooc', 0.06)} THEN NULL ELSE t_cooc END AS co_occurring_mh,
        CASE WHEN ${miss('prior', 0.08)} THEN NULL ELSE prior_true END AS prior_episodes,
        CASE WHEN ${miss('ref', 0.05)} THEN NULL ELSE t_referral END AS referral_source,
        CASE WHEN ${miss('payer', 0.03)} THEN NULL ELSE t_payer END AS payer,
        CASE WHEN ${miss('house', 0.1)} THEN NULL ELSE t_housing END AS housing,
        CASE WHEN ${miss('job', 0.15)} THEN NULL ELSE t_employed END AS employed,
        CASE WHEN ${miss('uda', 0.08)} THEN NULL ELSE t_use_admit END AS use_days_admit
      FROM (${rel}))`;
}
