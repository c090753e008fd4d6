import { quoteDate } from '../../core';
import { covariatesSql, finalizeSql } from './episode-columns-sql';
import { pickCodeSql, pickSql } from './pick-sql';

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
