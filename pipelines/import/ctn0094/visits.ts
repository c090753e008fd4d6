import type { ImportDb } from '../db';
import type { Tally } from '../tally';
import { int, text } from './load';

/** Missed-visit reason flags that contradict a kept visit (is_no_note and is_window do not). */
const CONTRADICTING_FLAGS = [
  'is_dead',
  'is_no_show',
  'is_no_funding',
  'is_left_study',
  'is_in_jail',
  'is_forgot',
  'is_in_hospital',
  'is_illness',
  'is_moved',
  'is_missing_14_consecutive',
  'is_unable',
  'is_on_vacation',
  'is_other',
];

/**
 * visit.csv → `enc(who, day, attended)`: one encounter per participant and day inside the episode.
 * Kept visits are attended, `no visit` and `MISSING` are no-shows; a missed visit without a day
 * (CTN-0027 and CTN-0051 record none) gets the day its weekly schedule gives: randomisation + 7 × week.
 */
export async function buildEncounters(db: ImportDb, tally: Tally): Promise<void> {
  const present = new Set(
    (await db.query<{ column_name: string }>(`DESCRIBE raw_visit`)).map((c) => c.column_name),
  );
  const flags = CONTRADICTING_FLAGS.filter((f) => present.has(f));
  const flagged = flags.length ? flags.map((f) => `coalesce(${text(f)}, '') = '1'`).join(' OR ') : 'false';

  await db.exec(`
    CREATE OR REPLACE TABLE visit_row AS
    SELECT v.rid, ${int('who')} AS who, ${text('visit')} AS visit, ${text('what')} AS what, ${int('when')} AS day,
           CASE WHEN ${text('what')} = 'visit' THEN 'kept' WHEN ${text('what')} IN ('no visit', 'MISSING') THEN 'missed' END AS status,
           (${flagged}) AS reason_flagged
    FROM raw_visit v;

    CREATE OR REPLACE TABLE visit_placed AS
    SELECT v.*, e.rday, e.dday, e.phase2_day, e.project,
           coalesce(v.day, CASE WHEN v.status = 'missed' AND regexp_matches(v.visit, '^WK[0-9]+$')
                                THEN e.rday + 7 * CAST(substr(v.visit, 3) AS INTEGER) END) AS eff_day,
           (v.day IS NULL AND v.status = 'missed' AND regexp_matches(v.visit, '^WK[0-9]+$')) AS day_guessed,
           e.who IS NOT NULL AS randomised
    FROM visit_row v LEFT JOIN ep e USING (who);

    CREATE OR REPLACE TABLE visit_fate AS
    WITH staged AS (
      SELECT *,
        CASE
          WHEN who IS NULL THEN 'unreadable participant number'
          WHEN what IS NULL THEN 'no attendance status (empty: baseline, cross-study or unscheduled record)'
          WHEN status IS NULL THEN 'status "' || what || '" is not an attendance (end-of-phase marker)'
          WHEN NOT randomised THEN 'participant never randomised'
          WHEN project = '30' AND (starts_with(visit, 'P2') OR eff_day >= phase2_day) THEN 'CTN-0030 phase-2 visit'
          WHEN eff_day IS NULL THEN 'missed visit without a day and without a weekly schedule (EOT, M1F, M3F)'
          WHEN eff_day < rday THEN 'before admission (screening, baseline or induction visit)'
          WHEN eff_day > dday THEN 'after discharge (visit after the last dose)'
        END AS early_fate
      FROM visit_placed
    ), ranked AS (
      SELECT *, row_number() OVER (PARTITION BY who, eff_day ORDER BY (status = 'kept') DESC, rid) AS rn_day,
             bool_or(status = 'kept') OVER (PARTITION BY who, eff_day) AS day_has_kept
      FROM staged WHERE early_fate IS NULL
    )
    SELECT rid, who, eff_day AS day, status, day_guessed, reason_flagged,
      CASE
        WHEN rn_day = 1 THEN NULL
        WHEN status = 'kept' THEN 'duplicate kept visit on the same day'
        WHEN day_has_kept THEN 'missed visit on a day with a kept visit (contradictory; kept wins)'
        ELSE 'duplicate missed visit on the same day'
      END AS fate
    FROM ranked
    UNION ALL
    SELECT rid, who, eff_day, status, day_guessed, reason_flagged, early_fate FROM staged WHERE early_fate IS NOT NULL;

    CREATE OR REPLACE TABLE enc AS
    SELECT who, day, status = 'kept' AS attended FROM visit_fate WHERE fate IS NULL;
  `);
  await tally.addFates(db, 'visit.csv', 'visit_fate');
  await tally.addCounts(db, 'guessed', 'encounters', 'visit_fate', {
    'no-show date from the weekly schedule (randomisation day + 7 × week)': 'fate IS NULL AND day_guessed',
    'kept visit carrying a missed-visit reason flag (exported as attended)':
      "fate IS NULL AND status = 'kept' AND reason_flagged",
  });
}
