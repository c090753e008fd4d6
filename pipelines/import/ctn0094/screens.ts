import type { ImportDb } from '../db';
import type { Tally } from '../tally';
import { int, text } from './load';

/**
 * uds.csv (one row per positive substance and day) + kept visits → `screen(who, day, result, substances)`:
 * one screen per participant and day inside the episode. A day with a non-prescribed substance is
 * positive; a kept-visit day (or a UDS day) with none is negative; a no-show day without a UDS row is missed.
 */
export async function buildScreens(db: ImportDb, tally: Tally): Promise<void> {
  await db.exec(`
    CREATE OR REPLACE TABLE uds_fate AS
    WITH u AS (SELECT rid, ${int('who')} AS who, ${text('what')} AS substance, ${int('when')} AS day FROM raw_uds)
    SELECT u.rid, u.who, u.day, u.substance,
      CASE
        WHEN u.who IS NULL OR u.day IS NULL OR u.substance IS NULL THEN 'unreadable who, day or substance'
        WHEN e.who IS NULL THEN 'participant never randomised'
        WHEN row_number() OVER (PARTITION BY u.who, u.day, u.substance ORDER BY u.rid) > 1 THEN 'duplicate row (same participant, day and substance)'
        WHEN u.day >= e.phase2_day THEN 'CTN-0030 phase-2 screen'
        WHEN u.day < e.rday THEN 'before admission (screening or baseline test)'
        WHEN u.day > e.dday THEN 'after discharge (test after the last dose)'
        WHEN u.substance IN (SELECT substance FROM own_medication m WHERE m.mat = e.mat)
          THEN 'own study medication (not a positive)'
        WHEN e.project = '51' AND u.substance IN ('Methadone', 'Buprenorphine') AND u.day BETWEEN e.detox_admit AND e.detox_discharge
          THEN 'CTN-0051 methadone/buprenorphine during the inpatient detox stay (detox medication, not a positive)'
      END AS fate
    FROM u LEFT JOIN ep e USING (who);

    CREATE OR REPLACE TABLE screen AS
    WITH tested AS (
      SELECT who, day,
             string_agg(lower(substance), ',' ORDER BY lower(substance)) FILTER (WHERE fate IS NULL) AS substances
      FROM uds_fate
      WHERE fate IS NULL OR fate LIKE 'own study medication%' OR fate LIKE 'CTN-0051 methadone/buprenorphine%'
      GROUP BY ALL
    ), days AS (
      SELECT who, day FROM tested UNION SELECT who, day FROM enc WHERE attended
    )
    SELECT d.who, d.day,
           CASE WHEN t.substances IS NOT NULL THEN 'positive'
                WHEN t.who IS NOT NULL OR a.who IS NOT NULL THEN 'negative' END AS result,
           t.substances, t.who IS NULL AS inferred_negative
    FROM days d
    LEFT JOIN tested t USING (who, day)
    LEFT JOIN (SELECT who, day FROM enc WHERE attended) a USING (who, day)
    UNION ALL
    SELECT m.who, m.day, 'missed', NULL, false
    FROM enc m WHERE NOT m.attended AND NOT EXISTS (SELECT 1 FROM tested t WHERE t.who = m.who AND t.day = m.day);
  `);
  await tally.addFates(db, 'uds.csv', 'uds_fate');
  await tally.addCounts(db, 'guessed', 'drug_screens', 'screen', {
    'negative: kept visit without a positive UDS row (the package cannot tell negative from not tested)':
      "inferred_negative AND result = 'negative'",
  });
}
