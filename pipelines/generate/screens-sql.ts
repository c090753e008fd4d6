import { quoteLiteral } from '../../core';
import { pickCodeSql } from './pick-sql';

const num = (x: number) => quoteLiteral(x);
/** screen_id = ep_no * 1000 + day offset (at most one screen a day; LOS is capped at 400). */
const SCREENS_PER_EPISODE = 1000;

/**
 * Drug screens of the clients in [lo, hi): at admission, then weekly (IOP; twice weekly in some
 * programs) or every other week (op) on a program day. Positivity falls over treatment for
 * completers and rises before a dropout; missed screens cluster before a dropout.
 */
export function screensChunkSql(lo: number, hi: number): string {
  const second = pickCodeSql("rnd2(ep_no, k, 'co')", {
    none: 0.75,
    cannabis: 0.12,
    stimulants: 0.08,
    alcohol: 0.05,
  });
  return `
    WITH days AS (
      SELECT *, admit_date + k AS d, isodow(admit_date + k) AS dow, k // 7 AS wk,
        greatest(0, 1 - (t_discharge - (admit_date + k)) / 21.0) AS near_end
      FROM (SELECT e.*, unnest(range(0, (e.stop - e.admit_date + 1)::INTEGER))::INTEGER AS k
            FROM enc_eps e WHERE e.c >= ${num(lo)} AND e.c < ${num(hi)})
    ),
    due AS (
      SELECT *, t_reason IN ('dropped_out', 'terminated') AS leaving
      FROM days
      WHERE k = 0
         OR (level = 'iop' AND (dow = screen_dow1 OR dow = screen_dow2))
         OR (level = 'op' AND dow = screen_dow1 AND wk % 2 = 1)
    ),
    drawn AS (
      SELECT *,
        CASE WHEN k > 0 AND rnd2(ep_no, k, 'miss') < 0.04 + CASE WHEN leaving THEN 0.5 * near_end ELSE 0 END THEN 'missed'
             WHEN rnd2(ep_no, k, 'kind') < 0.015 THEN 'refused'
             WHEN rnd2(ep_no, k, 'kind') < 0.045 THEN 'dilute'
             WHEN rnd2(ep_no, k, 'pos') < inv_logit(a0
               + k / 7.0 * CASE t_reason WHEN 'completed' THEN -0.5 WHEN 'transferred' THEN -0.25
                                         WHEN 'dropped_out' THEN -0.05 WHEN 'terminated' THEN -0.05 ELSE -0.2 END
               + CASE WHEN leaving THEN 1.2 * near_end ELSE 0 END) THEN 'positive'
             ELSE 'negative' END AS result,
        ${second} AS co_use
      FROM due
    )
    SELECT (ep_no * ${num(SCREENS_PER_EPISODE)} + k)::BIGINT AS screen_id, episode_id(ep_no)::BIGINT AS episode_id,
      d::DATE AS collected_date, result::VARCHAR AS result,
      CASE WHEN result = 'positive' THEN
        substance || CASE WHEN co_use <> 'none' AND co_use <> substance THEN ',' || co_use ELSE '' END
      END::VARCHAR AS substances
    FROM drawn
    ORDER BY screen_id`;
}
