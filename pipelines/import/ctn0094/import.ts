import { quoteDate, quoteLiteral } from '../../../core';
import { ImportDb } from '../db';
import { Tally } from '../tally';
import { writeContractTable, writeManifest } from '../write-export';
import { buildEpisodes } from './episodes';
import { int, loadCtnCsvs, text } from './load';
import {
  ANCHOR_DATE,
  DOSE_GRACE_DAYS,
  EMPLOYED_BY_JOB,
  HOUSING_BY_IS_LIVING_STABLE,
  RACE_BY_RACE,
  SEX_BY_IS_MALE,
  VISIT_ENCOUNTER,
} from './mappings';
import { buildScreens } from './screens';
import { buildUseDays } from './use-days';
import { buildEncounters } from './visits';

export interface CtnImportResult {
  outDir: string;
  sourceRows: Record<string, number>;
  exportedRows: Record<string, number>;
  extractDate: string;
  tally: Tally;
}

/** SQL CASE mapping a text expression through a JS record; anything else → NULL. */
function mapCase(expr: string, map: Record<string, string | boolean>): string {
  const whens = Object.entries(map).map(([k, v]) => `WHEN ${quoteLiteral(k)} THEN ${quoteLiteral(v)}`);
  return `CASE ${expr} ${whens.join(' ')} END`;
}

const anchor = quoteDate(ANCHOR_DATE);
const date = (day: string) => `(${anchor} + ${day})`;

/** CTN-0094 package folder (CSV tables) → contract v1 export folder. See docs/importers.md. */
export async function importCtn0094(folder: string, outDir: string): Promise<CtnImportResult> {
  const db = await ImportDb.open();
  const tally = new Tally();
  try {
    const sourceRows = await loadCtnCsvs(db, folder);
    await buildEpisodes(db, tally);
    await buildEncounters(db, tally);
    await buildScreens(db, tally);
    await buildUseDays(db, tally);

    // Demographics and the final episode rows.
    await db.exec(`
      CREATE OR REPLACE TABLE demo AS
      SELECT ${int('who')} AS who, ${int('age')} AS age, ${text('is_hispanic')} AS is_hispanic, ${text('race')} AS race,
             ${text('job')} AS job, ${text('is_living_stable')} AS is_living_stable, ${text('is_male')} AS is_male,
             row_number() OVER (PARTITION BY ${int('who')} ORDER BY rid) AS rn
      FROM raw_demographics;
      CREATE OR REPLACE TABLE site AS
      SELECT ${int('who')} AS who, ${text('site_masked')} AS site, row_number() OVER (PARTITION BY ${int('who')} ORDER BY rid) AS rn
      FROM raw_site_masked;

      CREATE OR REPLACE TABLE ep_out AS
      WITH j AS (
        SELECT ep.*, d.age, d.is_hispanic, d.race, d.job, d.is_living_stable, d.is_male, s.site,
               CASE WHEN d.age BETWEEN 12 AND 200 THEN d.age END AS known_age
        FROM ep LEFT JOIN (SELECT * FROM demo WHERE rn = 1) d USING (who)
                LEFT JOIN (SELECT * FROM site WHERE rn = 1) s USING (who)
      )
      SELECT j.who AS episode_id, j.who AS client_id,
             lower(replace(j.trial, '-', '')) || '-site' || coalesce(j.site, 'unknown') AS program_id,
             j.trial, coalesce(j.site, 'unknown') AS site,
             'op' AS level_of_care,
             CASE WHEN j.detox_admit <= j.rday THEN ${date('j.detox_admit')} END AS referral_date,
             ${date('j.rday')} AS admit_date,
             ${date('j.dday')} AS discharge_date,
             j.discharge_reason,
             least(coalesce(j.known_age, round(median(j.known_age) OVER (PARTITION BY j.project))), 90) AS age_at_admit,
             j.known_age IS NULL AS age_guessed, j.known_age > 90 AS age_topcoded,
             coalesce(${mapCase('j.is_male', SEX_BY_IS_MALE)}, 'unknown') AS sex,
             CASE WHEN j.is_hispanic = 'Yes' THEN 'hispanic' ELSE ${mapCase('j.race', RACE_BY_RACE)} END AS race_ethnicity,
             'opioids' AS primary_substance,
             NULL::BOOLEAN AS co_occurring_mh, NULL::SMALLINT AS prior_episodes, NULL AS referral_source, NULL AS payer,
             ${mapCase('j.is_living_stable', HOUSING_BY_IS_LIVING_STABLE)} AS housing,
             ${mapCase('j.job', EMPLOYED_BY_JOB)}::BOOLEAN AS employed,
             j.mat, u.use_days_admit, u.use_days_discharge,
             j.rday
      FROM j LEFT JOIN use_days u USING (who);
    `);
    await tally.addCounts(db, 'guessed', 'episodes', 'ep_out', {
      "age unknown: the trial's median age": 'age_guessed',
      'age above 90 top-coded to 90': 'age_topcoded',
      'no site in site_masked.csv: program "<trial>-siteunknown"': "site = 'unknown'",
    });
    await tally.addCounts(db, 'unknown', 'episodes', 'ep_out', {
      'sex unknown (is_male empty)': "sex = 'unknown'",
      'race_ethnicity null (race refused/missing)': 'race_ethnicity IS NULL',
      'housing null (is_living_stable empty)': 'housing IS NULL',
      'employed null (job empty or "Other")': 'employed IS NULL',
    });

    const exportedRows: Record<string, number> = {};
    exportedRows.programs = await writeContractTable(
      db,
      outDir,
      'programs',
      `SELECT DISTINCT program_id, trial || ' site ' || site AS program_name, trial AS organization, NULL AS region FROM ep_out`,
    );
    exportedRows.episodes = await writeContractTable(db, outDir, 'episodes', 'SELECT * FROM ep_out');
    exportedRows.encounters = await writeContractTable(
      db,
      outDir,
      'encounters',
      `SELECT enc.who * 10000 + (enc.day - e.rday) AS encounter_id, enc.who AS episode_id, ${date('enc.day')} AS service_date,
              ${quoteLiteral(VISIT_ENCOUNTER.service_type)} AS service_type, ${quoteLiteral(VISIT_ENCOUNTER.format)} AS format,
              NULL AS group_session_id, ${quoteLiteral(VISIT_ENCOUNTER.staff_role)} AS staff_role,
              ${VISIT_ENCOUNTER.minutes} AS minutes, CASE WHEN enc.attended THEN 'attended' ELSE 'no_show' END AS attendance
       FROM enc JOIN ep_out e ON e.episode_id = enc.who`,
    );
    exportedRows.drug_screens = await writeContractTable(
      db,
      outDir,
      'drug_screens',
      `SELECT s.who * 10000 + (s.day - e.rday) AS screen_id, s.who AS episode_id, ${date('s.day')} AS collected_date,
              s.result, s.substances
       FROM screen s JOIN ep_out e ON e.episode_id = s.who`,
    );

    const [{ e }] = await db.query<{ e: string }>(`SELECT max(discharge_date)::VARCHAR AS e FROM ep_out`);
    const byTrial = await db.query<{ trial: string; n: number }>(
      `SELECT trial, count(*)::INTEGER AS n FROM ep_out GROUP BY 1 ORDER BY 1`,
    );
    await writeManifest(
      outDir,
      {
        extract_date: e,
        source:
          'CTN-0094 harmonised public data of NIDA CTN trials CTN-0027, CTN-0030 and CTN-0051 (R package public.ctn0094data 1.0.6; ' +
          'R. Balise, G. Odom, A. Calderon; MIT licence), CSV tables as written by write.csv.',
        deidentification:
          'The source is de-identified by its authors: masked sites and study days, no dates. The importer maps study day d to ' +
          `${ANCHOR_DATE} + d for every participant (one fixed anchor; the calendar dates are not real and every trial starts near ` +
          'the anchor). client_id and episode_id are the package participant number (who); program_id is trial + masked site.',
        importer: 'iop-outcomes pipelines import-ctn0094 (docs/importers.md)',
        anchor_date: ANCHOR_DATE,
        /** The trials record no care after the study episode: step-down, continuity and step-up cannot be observed. */
        client_linkage: false,
        episodes_by_trial: Object.fromEntries(byTrial.map((r) => [r.trial, r.n])),
        nominal: {
          encounter: VISIT_ENCOUNTER,
          note: 'Every kept study visit is one attended individual encounter of the nominal length; a missed one is a no_show.',
        },
        rules: {
          episode:
            'One op episode per participant with a first randomisation; admit = randomisation day (intent to treat).',
          discharge:
            'Discharge = last study-drug dose (XR-naltrexone: last injection + 27 days); completed when that day is in the final ' +
            'planned week of the arm (meta_study_length, medication stages only) or later, else dropped_out; never dosed = day-0 dropout.',
          doses_in_range: `Doses from the randomisation day to the planned end + ${DOSE_GRACE_DAYS} days count.`,
          ctn0030:
            'Phase 1 only (first randomisation, 4 planned medication weeks); phase-2 randomisations, doses, visits and screens are dropped.',
          ctn0051:
            'Episode starts at randomisation during the inpatient detox stay; referral_date = detox admission; methadone/buprenorphine ' +
            'positives during the detox stay are detox medication; use_days_admit counts the 30 days before the detox admission.',
          screens:
            'One screen per participant-day: positive when a non-prescribed substance is found (own study medication excluded: ' +
            'methadone for methadone, buprenorphine for buprenorphine; naltrexone is not tested, so nothing is excluded for it); ' +
            'kept visit without a positive = negative; no-show without a test = missed.',
          use_days:
            'Opioid (heroin, other opioids, methadone, buprenorphine) use days from the TLFB, see docs/importers.md.',
        },
        source_rows: sourceRows,
      },
      tally,
      exportedRows,
    );
    return { outDir, sourceRows, exportedRows, extractDate: e, tally };
  } finally {
    db.close();
  }
}
