import { quoteLiteral } from '../../../core';
import type { ImportDb } from '../db';
import type { Tally } from '../tally';
import { int, text } from './load';
import { TLFB_OPIOIDS } from './mappings';

const opioids = TLFB_OPIOIDS.map(quoteLiteral).join(', ');

/**
 * Opioid use days from the timeline follow-back → `use_days(who, use_days_admit, use_days_discharge)`.
 * Admission: distinct days with any opioid in the 30 days before randomisation (CTN-0051: before the
 * inpatient detox admission, since detox days are controlled); null when the participant has no TLFB row at all.
 * Discharge: distinct days with a non-prescribed opioid in [discharge − 29, discharge]; known only when a
 * kept visit (a TLFB interview) falls on or after the discharge day, else null.
 */
export async function buildUseDays(db: ImportDb, tally: Tally): Promise<void> {
  await db.exec(`
    CREATE OR REPLACE TABLE tlfb_use AS
    SELECT DISTINCT ${int('who')} AS who, ${int('when')} AS day, ${text('what')} AS substance
    FROM raw_tlfb WHERE ${int('who')} IS NOT NULL AND ${int('when')} IS NOT NULL AND ${text('what')} IN (${opioids});

    CREATE OR REPLACE TABLE use_days AS
    WITH e AS (
      SELECT ep.who, ep.mat, ep.dday, coalesce(ep.detox_admit, ep.rday) AS ref_day,
             EXISTS (SELECT 1 FROM raw_tlfb t WHERE ${int('who')} = ep.who) AS has_tlfb,
             EXISTS (SELECT 1 FROM visit_row v WHERE v.who = ep.who AND v.status = 'kept' AND v.day >= ep.dday) AS interviewed_after
      FROM ep
    )
    SELECT e.who,
      CASE WHEN e.has_tlfb THEN (SELECT count(DISTINCT u.day) FROM tlfb_use u
                                 WHERE u.who = e.who AND u.day BETWEEN e.ref_day - 30 AND e.ref_day - 1) END AS use_days_admit,
      CASE WHEN e.interviewed_after THEN (SELECT count(DISTINCT u.day) FROM tlfb_use u
                                 WHERE u.who = e.who AND u.day BETWEEN e.dday - 29 AND e.dday
                                   AND u.substance IS DISTINCT FROM (SELECT m.substance FROM own_medication m WHERE m.mat = e.mat)) END
        AS use_days_discharge
    FROM e;
  `);
  await tally.addCounts(db, 'unknown', 'episodes', 'use_days', {
    'use_days_admit left null: no TLFB record at all': 'use_days_admit IS NULL',
    'use_days_discharge left null: no kept visit (TLFB interview) on or after the discharge day':
      'use_days_discharge IS NULL',
  });
}
