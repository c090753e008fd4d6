import { quoteDate, quoteLiteral } from '../../core';
import type { EpisodePlan } from './episode-plan';
import { pickCodeSql, pickSql } from './pick-sql';
import { PROGRAMS } from './programs';

const num = (x: number) => quoteLiteral(x);

/** Step 1: the IOP episodes in sequence; an episode is a readmission of the client before it. */
export function iopSequenceSql(plan: EpisodePlan): string {
  const p = num(plan.readmissionRate);
  return `
    CREATE OR REPLACE TABLE iop_seq AS
    WITH f AS (
      SELECT i,
        i > 0 AND rnd(i, 'readm') < ${p} AND rnd(i - 1, 'readm') >= ${p} AS is_readm,
        i + 1 < ${num(plan.episodes)} AND rnd(i + 1, 'readm') < ${p} AND rnd(i, 'readm') >= ${p} AS has_next
      FROM range(${num(plan.episodes)}) t(i))
    SELECT i, is_readm, has_next,
      (sum(CASE WHEN is_readm THEN 0 ELSE 1 END) OVER (ORDER BY i ROWS UNBOUNDED PRECEDING) - 1)::BIGINT AS c
    FROM f`;
}

/**
 * Placement as ASAM criteria make it: the same factors push towards IOP rather than standard
 * outpatient care. For op-only clients the chance of each is scaled (IOP clients keep the
 * program's profile); the prior-episode count is geometric with this ratio. The unmeasured
 * severity is drawn alike in both, so adjusting for the exported case-mix can recover the effect.
 */
const OP_PLACEMENT = {
  homeless: "CASE WHEN kind = 'op' THEN 0.3 ELSE 1 END",
  unstable: "CASE WHEN kind = 'op' THEN 0.6 ELSE 1 END",
  cooc: "CASE WHEN kind = 'op' THEN 0.55 ELSE 1 END",
  court: "CASE WHEN kind = 'op' THEN 0.3 ELSE 1 END",
  priorRatio: "CASE WHEN kind = 'op' THEN 0.3 ELSE 0.5 END",
} as const;

/** Step 2: clients (IOP clients 0..iopClients-1, then op-only clients) and what stays fixed for a person. */
export function clientsSql(plan: EpisodePlan, iopClients: number): string {
  const opClients = Math.round(plan.episodes * plan.opRatio);
  const iopProgram = pickSql(
    "rnd(c, 'prog')",
    PROGRAMS.map((p, i) => [num(i), p.iopShare]),
  );
  const opProgram = pickSql(
    "rnd(c, 'prog')",
    PROGRAMS.map((p, i) => [num(i), p.opShare]),
  );
  const teenSubstance = pickCodeSql("rnd(c, 'subst')", {
    cannabis: 0.62,
    alcohol: 0.2,
    stimulants: 0.07,
    opioids: 0.04,
    other: 0.07,
  });
  const adultSubstance = pickSql("rnd(c, 'subst')", [
    ["'opioids'", 'p.opioids'],
    ["'alcohol'", '0.44 * (1 - p.opioids)'],
    ["'stimulants'", '0.24 * (1 - p.opioids)'],
    ["'cannabis'", '0.17 * (1 - p.opioids)'],
    ["'sedatives'", '0.06 * (1 - p.opioids)'],
    ["'other'", '0.09 * (1 - p.opioids)'],
  ]);
  const race = pickCodeSql("rnd(c, 'race')", {
    white: 0.6,
    black: 0.17,
    hispanic: 0.13,
    native: 0.03,
    asian: 0.025,
    multiracial: 0.035,
    other: 0.01,
  });
  const payer = `CASE
    WHEN age0 >= 64 THEN ${pickCodeSql("rnd(c, 'payer')", { medicare: 0.75, medicaid: 0.1, commercial: 0.1, other: 0.05 })}
    WHEN teen THEN ${pickSql("rnd(c, 'payer')", [
      ["'medicaid'", 'p.medicaid'],
      ["'commercial'", '0.97 - p.medicaid'],
      ["'other'", 0.03],
    ])}
    ELSE ${pickSql("rnd(c, 'payer')", [
      ["'medicaid'", 'p.medicaid'],
      ["'commercial'", 'p.commercial'],
      ["'medicare'", 0.03],
      ["'self_pay'", 0.07],
      ["'other'", 'greatest(0.01, 0.9 - p.medicaid - p.commercial)'],
    ])} END`;
  return `
    CREATE OR REPLACE TABLE clients AS
    WITH b AS (
      SELECT c, 'iop' AS kind, ${iopProgram} AS pidx FROM range(${num(iopClients)}) t(c)
      UNION ALL
      SELECT c, 'op', ${opProgram} FROM range(${num(iopClients)}, ${num(iopClients + opClients)}) t(c)
    ),
    a AS (
      SELECT b.*, rnd(c, 'teen') < p.adolescent AS teen, rnd(c, 'sex') AS u_sex
      FROM b JOIN prog p USING (pidx)
    ),
    d AS (
      SELECT a.*,
        CASE WHEN teen THEN 12 + floor(4 * rnd(c, 'age'))
             ELSE clamp(round(16 + exp(2.9 + 0.5 * rnorm(c, 'age'))), 18, 89) END::INTEGER AS age0,
        CASE WHEN teen THEN ${teenSubstance} ELSE ${adultSubstance} END AS substance,
        CASE WHEN u_sex < 0.008 THEN 'unknown' WHEN u_sex < 0.015 THEN 'other'
             WHEN u_sex < 0.015 + 0.985 * (CASE WHEN teen THEN 0.45 ELSE p.female END) THEN 'female'
             ELSE 'male' END AS sex,
        CASE WHEN teen THEN ${pickSql("rnd(c, 'house')", [
          ["'homeless'", 0.01],
          ["'unstable'", 0.06],
          ["'stable'", 0.93],
        ])}
             ELSE ${pickSql("rnd(c, 'house')", [
               ["'homeless'", `p.homeless * ${OP_PLACEMENT.homeless}`],
               ["'unstable'", `p.unstable * ${OP_PLACEMENT.unstable}`],
               [
                 "'stable'",
                 `1 - p.homeless * ${OP_PLACEMENT.homeless} - p.unstable * ${OP_PLACEMENT.unstable}`,
               ],
             ])}
        END AS housing
      FROM a JOIN prog p USING (pidx)
    )
    SELECT d.c, d.kind, d.pidx, d.teen, d.age0, d.substance, d.sex, d.housing,
      ${quoteDate(plan.extractDate)} - ${num(plan.windowDays)} - (age0 * 365.25 + floor(365 * rnd(c, 'bday')))::INTEGER AS birth,
      ${race} AS race,
      rnd(c, 'cooc') < (p.cooccurring + CASE WHEN sex = 'female' THEN 0.08 ELSE 0 END) * ${OP_PLACEMENT.cooc} AS cooc,
      ${payer} AS payer,
      rnd(c, 'court') < p.court * CASE WHEN teen THEN 0.6 ELSE 1 END * ${OP_PLACEMENT.court} AS court,
      least(30, floor(ln(1 - rnd(c, 'prior')) / ln(${OP_PLACEMENT.priorRatio})))::INTEGER AS prior_base,
      rnorm(c, 'sev') AS sev,
      CASE WHEN kind = 'op' THEN rnd(c, 'pre') < 0.08
           ELSE rnd(c, 'pre') < p.from_higher * CASE WHEN teen THEN 0.3 WHEN substance IN ('opioids', 'alcohol') THEN 1.2 ELSE 0.8 END
      END AS has_pre,
      CASE WHEN rnd(c, 'prelvl') < 0.62 THEN 'residential' ELSE 'php' END AS pre_level,
      CASE WHEN rnd(c, 'pregap') < 0.85 THEN floor(15 * pow(rnd(c, 'pregap.d'), 2))
           ELSE 15 + floor(46 * rnd(c, 'pregap.d')) END::INTEGER AS pre_gap,
      rnd(c, 'detox') < 0.3 AS detox_first
    FROM d JOIN prog p USING (pidx)`;
}
