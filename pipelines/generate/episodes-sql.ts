import { quoteDate, quoteLiteral } from '../../core/engine/sql';
import { pickCodeSql, pickSql } from './pick-sql';
import { PROGRAMS } from './programs';

export interface EpisodePlan {
  /** IOP episodes. */
  episodes: number;
  extractDate: string;
  /** Admissions spread over this many days before the extract date. */
  windowDays: number;
  /** op-only episodes per IOP episode. */
  opRatio: number;
  readmissionRate: number;
}

/**
 * Episode numbering: client c owns ep_no 5c + slot, slot 0 = detox before, 1 = residential or PHP
 * before, 2 = first core episode (IOP, or op for op-only clients), 3 = IOP readmission, 4 = the
 * episode after. Encounter and screen ids derive from ep_no; the exported ids are a bijection of it.
 */
export const EPISODE_ID_SQL = `
  CREATE OR REPLACE MACRO episode_id(ep_no) AS 1000000000 + (ep_no * 2654435761 + 40503) % 17179869184;
  CREATE OR REPLACE MACRO client_id(c) AS 30000000000 + (c * 2246822519 + 12345) % 17179869184;
`;

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
               ["'homeless'", 'p.homeless'],
               ["'unstable'", 'p.unstable'],
               ["'stable'", '1 - p.homeless - p.unstable'],
             ])}
        END AS housing
      FROM a JOIN prog p USING (pidx)
    )
    SELECT d.c, d.kind, d.pidx, d.teen, d.age0, d.substance, d.sex, d.housing,
      ${quoteDate(plan.extractDate)} - ${num(plan.windowDays)} - (age0 * 365.25 + floor(365 * rnd(c, 'bday')))::INTEGER AS birth,
      ${race} AS race,
      rnd(c, 'cooc') < p.cooccurring + CASE WHEN sex = 'female' THEN 0.08 ELSE 0 END AS cooc,
      ${payer} AS payer,
      rnd(c, 'court') < p.court * CASE WHEN teen THEN 0.6 ELSE 1 END AS court,
      least(30, floor(ln(1 - rnd(c, 'prior')) / ln(0.5)))::INTEGER AS prior_base,
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

/** Step 3: the first core episode of every client (IOP, or op for op-only clients) with its admit date. */
export function firstCoreBaseSql(plan: EpisodePlan): string {
  const E = quoteDate(plan.extractDate);
  const W = num(plan.windowDays);
  const pairSpan = num(plan.windowDays - 420);
  return `
    CREATE OR REPLACE TABLE core_base0 AS
    WITH b AS (
      SELECT s.c, 'iop' AS level, s.has_next FROM iop_seq s WHERE NOT s.is_readm
      UNION ALL
      SELECT c, 'op', false FROM clients WHERE kind = 'op'
    ),
    d AS (
      SELECT b.*, ${E} - ${W} + floor(CASE WHEN has_next THEN ${pairSpan} ELSE ${W} END
                                     * pow(rnd(c, 'admit'), 0.85))::INTEGER AS d0
      FROM b
    )
    SELECT 5 * d.c + 2 AS ep_no, d.c, d.level, 2 AS slot, d.has_next,
      least(${E}, d0 + CASE WHEN rnd(c, 'wkday') < 0.9 THEN CASE isodow(d0) WHEN 6 THEN 2 WHEN 7 THEN 1 ELSE 0 END ELSE 0 END)
        AS admit_date,
      (CASE WHEN cl.has_pre THEN 1 ELSE 0 END + CASE WHEN cl.has_pre AND cl.detox_first AND cl.pre_level = 'residential' THEN 1 ELSE 0 END)
        AS n_before,
      cl.has_pre AND cl.pre_gap <= 14 AS stepped
    FROM d JOIN clients cl USING (c)`;
}

/** Step 5: IOP readmissions, admitted after the first IOP episode of the same client. */
export function readmissionBaseSql(): string {
  return `
    CREATE OR REPLACE TABLE core_base1 AS
    SELECT 5 * e.c + 3 AS ep_no, e.c, 'iop' AS level, 3 AS slot, false AS has_next,
      e.discharge_date + CASE WHEN rnd(e.c, 'readm.gap') < 0.45 THEN 1 + floor(30 * rnd(e.c, 'readm.d'))
                              ELSE 31 + floor(170 * rnd(e.c, 'readm.d')) END::INTEGER AS admit_date,
      e.prior_true - cl.prior_base + 1 AS n_before,
      false AS stepped
    FROM core0 e JOIN clients cl USING (c)
    WHERE e.has_next`;
}

/**
 * The episode's covariates: true values (t_*) that drive outcomes, and the exported values with
 * missingness. `base` has ep_no, c, level, slot, has_next, admit_date, n_before, stepped.
 */
function covariatesSql(base: string): string {
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
function coreOutcomeSql(base: string): string {
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
function finalizeSql(rel: string, extractDate: string): string {
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

/** Step 4 and 6: core episodes (first and readmission). */
export function coreSql(table: string, base: string, extractDate: string): string {
  return `CREATE OR REPLACE TABLE ${table} AS ${finalizeSql(coreOutcomeSql(`SELECT * FROM ${base}`), extractDate)}`;
}

/** Step 7: residential or PHP (and detox before residential) episodes that precede a client's first core episode. */
export function preEpisodesSql(extractDate: string): string {
  const pre = `
    SELECT 5 * e.c + 1 AS ep_no, e.c, cl.pre_level AS level, 1 AS slot, false AS has_next,
      e.admit_date - cl.pre_gap - los AS admit_date, 0 AS n_before, false AS stepped, los AS t_los,
      CASE WHEN cl.pre_gap <= 14 THEN CASE WHEN rnd(e.c, 'pre.why') < 0.55 THEN 'transferred' ELSE 'completed' END
           ELSE ${pickCodeSql("rnd(e.c, 'pre.why')", { completed: 0.4, dropped_out: 0.35, transferred: 0.25 })} END AS t_reason
    FROM core0 e JOIN clients cl USING (c),
      LATERAL (SELECT CASE WHEN cl.pre_level = 'residential' THEN 14 + floor(22 * rnd(e.c, 'pre.los'))
                           ELSE 10 + floor(19 * rnd(e.c, 'pre.los')) END::INTEGER AS los)
    WHERE cl.has_pre`;
  const detox = `
    SELECT 5 * pre.c + 0 AS ep_no, pre.c, 'detox' AS level, 0 AS slot, false AS has_next,
      pre.admit_date - floor(2 * rnd(pre.c, 'detox.gap'))::INTEGER - los AS admit_date, 0 AS n_before, false AS stepped,
      los AS t_los,
      ${pickCodeSql("rnd(pre.c, 'detox.why')", { completed: 0.7, transferred: 0.2, dropped_out: 0.1 })} AS t_reason
    FROM (${pre}) pre JOIN clients cl USING (c),
      LATERAL (SELECT (3 + floor(5 * rnd(pre.c, 'detox.los')))::INTEGER AS los)
    WHERE cl.detox_first AND pre.level = 'residential'`;
  const both = `SELECT ep_no, c, level, slot, has_next, admit_date, n_before, stepped, t_los, t_reason FROM (${pre})
    UNION ALL SELECT ep_no, c, level, slot, has_next, admit_date, n_before, stepped, t_los, t_reason FROM (${detox})`;
  return `CREATE OR REPLACE TABLE pre_eps AS ${finalizeSql(covariatesSql(both), extractDate)}`;
}

/** Step 8: the episode after a client's last core episode: step-down to op, or step-up. */
export function postEpisodesSql(extractDate: string): string {
  const E = quoteDate(extractDate);
  const iopNext = `CASE t_reason
    WHEN 'completed' THEN ${pickSql("rnd(c, 'post')", [
      ["'op'", 'p.step_down'],
      ["'residential'", 0.01],
      ["'php'", 0.01],
      ['NULL', '0.98 - p.step_down'],
    ])}
    WHEN 'transferred' THEN ${pickCodeSql("rnd(c, 'post')", { residential: 0.35, php: 0.25, detox: 0.05, op: 0.3, none: 0.05 })}
    WHEN 'dropped_out' THEN ${pickCodeSql("rnd(c, 'post')", { op: 0.05, residential: 0.06, detox: 0.05, php: 0.02, none: 0.82 })}
    WHEN 'terminated' THEN ${pickCodeSql("rnd(c, 'post')", { op: 0.06, residential: 0.07, detox: 0.03, php: 0.02, none: 0.82 })}
    WHEN 'other' THEN ${pickCodeSql("rnd(c, 'post')", { op: 0.1, php: 0.03, none: 0.87 })}
  END`;
  const opNext = `CASE WHEN t_reason IN ('dropped_out', 'terminated', 'transferred') THEN
    ${pickCodeSql("rnd(c, 'post')", { residential: 0.05, detox: 0.04, php: 0.02, none: 0.89 })} END`;
  const gap = `CASE
    WHEN next_level = 'op' THEN ${pickSql("rnd(c, 'post.gap')", [
      [`CASE WHEN t_los > 0 THEN 0 ELSE 1 END`, 0.1],
      [`1 + floor(3 * rnd(c, 'post.gap.d'))`, 0.25],
      [`4 + floor(7 * rnd(c, 'post.gap.d'))`, 0.35],
      [`11 + floor(20 * rnd(c, 'post.gap.d'))`, 0.2],
      [`31 + floor(30 * rnd(c, 'post.gap.d'))`, 0.1],
    ])}
    WHEN t_reason = 'transferred' THEN CASE WHEN t_los > 0 THEN 0 ELSE 1 END + floor(4 * rnd(c, 'post.gap.d'))
    ELSE 1 + floor(89 * pow(rnd(c, 'post.gap.d'), 1.5)) END::INTEGER`;
  const los = `CASE next_level
    WHEN 'op' THEN CASE WHEN r = 'completed' THEN 60 + floor(61 * rnd(c, 'post.los')) ELSE floor(100 * pow(rnd(c, 'post.los'), 1.5)) END
    WHEN 'residential' THEN CASE WHEN r = 'dropped_out' THEN 2 + floor(20 * rnd(c, 'post.los')) ELSE 14 + floor(22 * rnd(c, 'post.los')) END
    WHEN 'php' THEN 10 + floor(19 * rnd(c, 'post.los'))
    ELSE 3 + floor(5 * rnd(c, 'post.los')) END::INTEGER`;
  const reason = `CASE WHEN next_level = 'op' THEN ${pickCodeSql("rnd(c, 'post.why')", {
    completed: 0.5,
    dropped_out: 0.33,
    transferred: 0.05,
    terminated: 0.04,
    other: 0.08,
  })} ELSE ${pickCodeSql("rnd(c, 'post.why')", { completed: 0.6, transferred: 0.22, dropped_out: 0.18 })} END`;
  const base = `
    SELECT 5 * c + 4 AS ep_no, c, next_level AS level, 4 AS slot, false AS has_next, admit_date, n_before, false AS stepped,
      ${los} AS t_los, r AS t_reason
    FROM (
      SELECT *, ${reason} AS r FROM (
        SELECT c, next_level, discharge_date + ${gap} AS admit_date, prior_true - prior_base + 1 AS n_before
        FROM (
          SELECT e.*, cl.prior_base, CASE WHEN e.level = 'iop' THEN ${iopNext} ELSE ${opNext} END AS next_level
          FROM (SELECT * FROM core0 WHERE NOT has_next UNION ALL BY NAME SELECT * FROM core1) e
            JOIN clients cl USING (c) JOIN prog p ON p.pidx = e.pidx
          WHERE e.discharge_date IS NOT NULL)
        WHERE next_level IN ('op', 'residential', 'php', 'detox')))
    WHERE admit_date <= ${E}`;
  return `CREATE OR REPLACE TABLE post_eps AS ${finalizeSql(covariatesSql(base), extractDate)}`;
}

/** Step 9: every episode, internal columns included. */
export const ALL_EPISODES_SQL = `
  CREATE OR REPLACE TABLE eps AS
  SELECT * FROM (
    SELECT * FROM core0 UNION ALL BY NAME SELECT * FROM core1
    UNION ALL BY NAME SELECT * FROM pre_eps UNION ALL BY NAME SELECT * FROM post_eps)
  ORDER BY ep_no`;

/** The contract's episodes table. */
export const EPISODES_OUT_SQL = `
  SELECT episode_id(e.ep_no)::BIGINT AS episode_id, client_id(e.c)::BIGINT AS client_id, p.program_id::VARCHAR AS program_id,
    e.level::VARCHAR AS level_of_care, e.referral_date::DATE AS referral_date, e.admit_date::DATE AS admit_date,
    e.discharge_date::DATE AS discharge_date, e.discharge_reason::VARCHAR AS discharge_reason,
    e.age::SMALLINT AS age_at_admit, e.sex::VARCHAR AS sex, e.race_ethnicity::VARCHAR AS race_ethnicity,
    e.substance::VARCHAR AS primary_substance, e.co_occurring_mh::BOOLEAN AS co_occurring_mh,
    e.prior_episodes::SMALLINT AS prior_episodes, e.referral_source::VARCHAR AS referral_source,
    e.payer::VARCHAR AS payer, e.housing::VARCHAR AS housing, e.employed::BOOLEAN AS employed, e.mat::VARCHAR AS mat,
    e.use_days_admit::SMALLINT AS use_days_admit, e.use_days_discharge::SMALLINT AS use_days_discharge
  FROM eps e JOIN prog p USING (pidx)
  ORDER BY e.ep_no`;
