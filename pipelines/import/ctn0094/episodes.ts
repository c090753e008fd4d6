import { quoteLiteral } from '../../../core';
import type { ImportDb } from '../db';
import type { Tally } from '../tally';
import { int, text } from './load';
import { ARMS, DOSE_GRACE_DAYS, FOLLOW_UP_STAGE_PREFIX, OWN_MEDICATION } from './mappings';

const armValues = ARMS.map(
  (a) => `(${quoteLiteral(a.treatment)}, ${quoteLiteral(a.mat)}, ${a.coverageDays})`,
).join(', ');
const ownMedication = Object.entries(OWN_MEDICATION)
  .map(([mat, substance]) => `(${quoteLiteral(mat)}, ${quoteLiteral(substance!)})`)
  .join(', ');

/**
 * participant → first randomisation → doses → one `op` episode per randomised participant (table `ep`,
 * study days, not yet dates). Doses that do not belong to the first randomisation are dropped by reason.
 */
export async function buildEpisodes(db: ImportDb, tally: Tally): Promise<void> {
  await db.exec(`
    CREATE OR REPLACE TABLE arm AS SELECT * FROM (VALUES ${armValues}) t(treatment, mat, coverage_days);
    CREATE OR REPLACE TABLE own_medication AS SELECT * FROM (VALUES ${ownMedication}) t(mat, substance);

    CREATE OR REPLACE TABLE participant_row AS
    SELECT rid, ${int('who')} AS who, ${text('project')} AS project FROM raw_everybody;
    CREATE OR REPLACE TABLE rand_row AS
    SELECT r.rid, ${int('who')} AS who, ${text('treatment')} AS treatment, ${int('which')} AS which,
           ${int('when')} AS day
    FROM raw_randomization r;
  `);

  // Randomisations: the first per participant makes the episode.
  await db.exec(`
    CREATE OR REPLACE TABLE rand_fate AS
    WITH p AS (SELECT DISTINCT who, project FROM participant_row WHERE who IS NOT NULL),
    r AS (
      SELECT r.*, p.project, a.mat,
             row_number() OVER (PARTITION BY r.who ORDER BY r.which, r.day, r.rid) AS rn,
             first_value(r.treatment) OVER (PARTITION BY r.who ORDER BY r.which, r.day, r.rid) AS first_treatment,
             first_value(r.day) OVER (PARTITION BY r.who ORDER BY r.which, r.day, r.rid) AS first_day
      FROM rand_row r LEFT JOIN p USING (who) LEFT JOIN arm a USING (treatment)
      WHERE r.who IS NOT NULL AND r.which IS NOT NULL AND r.day IS NOT NULL
    )
    SELECT rid, who, treatment, which, day, rn,
      CASE
        WHEN project IS NULL THEN 'participant not in everybody.csv'
        WHEN mat IS NULL THEN 'arm not known to the importer'
        WHEN rn = 1 THEN NULL
        WHEN project = '30' AND which > 1 THEN 'CTN-0030 phase-2 randomisation (not exported as an episode)'
        WHEN treatment = first_treatment AND day = first_day THEN 'repeat of the first randomisation (same arm and day)'
        ELSE 'later randomisation with another arm or day (contradictory)'
      END AS fate
    FROM r
    UNION ALL
    SELECT rid, who, treatment, which, day, NULL, 'unreadable who, which or day'
    FROM rand_row WHERE who IS NULL OR which IS NULL OR day IS NULL;
  `);
  await tally.addFates(db, 'randomization.csv', 'rand_fate');

  // Participants: kept when randomised.
  await db.exec(`
    CREATE OR REPLACE TABLE participant_fate AS
    SELECT rid, who, project,
      CASE
        WHEN who IS NULL THEN 'unreadable participant number'
        WHEN project NOT IN ('27', '30', '51') OR project IS NULL THEN 'unknown project'
        WHEN row_number() OVER (PARTITION BY who ORDER BY rid) > 1 THEN 'duplicate participant row'
        WHEN who NOT IN (SELECT who FROM rand_fate WHERE fate IS NULL) THEN 'never randomised (screened only, no arm)'
      END AS fate
    FROM participant_row;
  `);
  await tally.addFates(db, 'everybody.csv', 'participant_fate');

  // One row per episode with its arm, planned medication weeks and the trial-specific days.
  await db.exec(`
    CREATE OR REPLACE TABLE planned AS
    SELECT ${text('project')} AS project, ${text('treatment')} AS treatment, sum(${int('weeks')})::INTEGER AS weeks
    FROM raw_meta_study_length
    WHERE ${text('phase')} = '1' AND NOT starts_with(coalesce(${text('description')}, ''), ${quoteLiteral(FOLLOW_UP_STAGE_PREFIX)})
    GROUP BY ALL;

    CREATE OR REPLACE TABLE detox_stay AS
    SELECT ${int('who')} AS who,
           min(${int('when')}) FILTER (WHERE ${text('what')} = 'admission') AS detox_admit,
           max(${int('when')}) FILTER (WHERE ${text('what')} = 'discharge') AS detox_discharge
    FROM raw_detox GROUP BY 1;

    CREATE OR REPLACE TABLE ep_base AS
    SELECT p.who, p.project, 'CTN-' || lpad(p.project, 4, '0') AS trial, r.treatment, a.mat, a.coverage_days,
           pl.weeks AS planned_weeks, r.day AS rday,
           (SELECT min(x.day) FROM rand_fate x WHERE x.who = p.who AND p.project = '30' AND x.which > 1) AS phase2_day,
           CASE WHEN p.project = '51' THEN d.detox_admit END AS detox_admit,
           CASE WHEN p.project = '51' THEN d.detox_discharge END AS detox_discharge
    FROM participant_fate p
    JOIN rand_fate r ON r.who = p.who AND r.fate IS NULL
    JOIN arm a USING (treatment)
    LEFT JOIN planned pl ON pl.project = p.project AND pl.treatment = r.treatment
    LEFT JOIN detox_stay d ON d.who = p.who
    WHERE p.fate IS NULL;
  `);
  const [noPlan] = await db.query<{ n: number }>(
    `SELECT count(*)::INTEGER AS n FROM ep_base WHERE planned_weeks IS NULL`,
  );
  if (noPlan.n > 0)
    throw new Error(`${noPlan.n} episode(s) have an arm without a planned length in meta_study_length.csv`);

  // Doses: the first randomisation's study drug, inside its window.
  await db.exec(`
    CREATE OR REPLACE TABLE dose_fate AS
    WITH d AS (SELECT rid, ${int('who')} AS who, ${int('when')} AS day FROM raw_treatment)
    SELECT d.rid, d.who, d.day,
      CASE
        WHEN d.who IS NULL OR d.day IS NULL THEN 'unreadable who or day'
        WHEN e.who IS NULL THEN 'participant never randomised'
        WHEN row_number() OVER (PARTITION BY d.who, d.day ORDER BY d.rid) > 1 THEN 'duplicate dose (same participant and day)'
        WHEN d.day < e.rday THEN 'dose before randomisation (out of range)'
        WHEN d.day >= e.phase2_day THEN 'CTN-0030 phase-2 dose'
        WHEN d.day > e.rday + 7 * e.planned_weeks + ${DOSE_GRACE_DAYS}
          THEN 'dose more than ${DOSE_GRACE_DAYS / 7} weeks after the planned end (out of range)'
      END AS fate
    FROM d LEFT JOIN ep_base e USING (who);
  `);
  await tally.addFates(db, 'treatment.csv', 'dose_fate');

  // The episode ends with the last dose's coverage; completed when that reaches the planned final week.
  await db.exec(`
    CREATE OR REPLACE TABLE ep AS
    WITH last AS (SELECT who, min(day) AS first_dose, max(day) AS last_dose, count(*) AS doses FROM dose_fate WHERE fate IS NULL GROUP BY 1)
    SELECT e.*, l.first_dose, l.last_dose, coalesce(l.doses, 0) AS doses,
           CASE WHEN l.last_dose IS NULL THEN e.rday ELSE l.last_dose + e.coverage_days - 1 END AS dday,
           CASE WHEN l.last_dose IS NOT NULL AND l.last_dose + e.coverage_days - 1 - e.rday >= 7 * (e.planned_weeks - 1)
                THEN 'completed' ELSE 'dropped_out' END AS discharge_reason
    FROM ep_base e LEFT JOIN last l USING (who);
  `);
  await tally.addCounts(db, 'guessed', 'episodes', 'ep', {
    'never dosed: kept as a day-0 dropout (discharge = admission)': 'last_dose IS NULL',
    'XR-naltrexone: discharge = last injection + 27 days (one injection covers 28 days)':
      'last_dose IS NOT NULL AND coverage_days > 1',
  });
}
