import { quoteDate, quoteLiteral } from '../../core';
import type { EpisodePlan } from './episode-plan';
import { coreOutcomeSql, finalizeSql } from './episode-columns-sql';

const num = (x: number) => quoteLiteral(x);

/** Step 3: the first core episode of every client (IOP, or op for op-only clients) with its admit date. */
export function firstCoreBaseSql(plan: EpisodePlan): string {
  const E = quoteDate(plan.extractDate);
  const W = num(plan.windowDays);
  // A client with a readmission is first admitted early enough for both episodes to start by E:
  // IOP stays are at most 200 days and readmission gaps at most 200 days.
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

/** Step 4 and 6: core episodes (first and readmission). */
export function coreSql(table: string, base: string, extractDate: string): string {
  return `CREATE OR REPLACE TABLE ${table} AS ${finalizeSql(coreOutcomeSql(`SELECT * FROM ${base}`), extractDate)}`;
}

/** Step 9: every episode, internal columns included; the step tables are dropped. */
export const ALL_EPISODES_SQL = `
  CREATE OR REPLACE TABLE eps AS
  SELECT * FROM (
    SELECT * FROM core0 UNION ALL BY NAME SELECT * FROM core1
    UNION ALL BY NAME SELECT * FROM pre_eps UNION ALL BY NAME SELECT * FROM post_eps)
  ORDER BY ep_no;
  DROP TABLE core0; DROP TABLE core1; DROP TABLE pre_eps; DROP TABLE post_eps;
  DROP TABLE core_base0; DROP TABLE core_base1; DROP TABLE iop_seq; DROP TABLE clients`;

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
