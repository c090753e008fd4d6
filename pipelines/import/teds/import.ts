import { quoteIdent, quoteLiteral } from '../../../core';
import { ImportDb } from '../db';
import { Tally } from '../tally';
import { writeContractTable, writeManifest } from '../write-export';
import {
  AGE_BY_GROUP,
  AMBULATORY_SERVICES,
  EMPLOYED_BY_EMPLOY,
  HISPANIC_ETHNIC,
  HOUSING_BY_LIVARAG,
  LEVEL_BY_SERVICE,
  LOS_DAYS,
  LOS_INTERVALS,
  MAT_BY_METHUSE,
  MH_BY_PSYPROB,
  MISSING,
  PAYER_BY_PRIMPAY,
  PRIOR_BY_NOPRIOR,
  RACE_BY_CODE,
  REASON_BY_CODE,
  REFERRAL_BY_PSOURCE,
  SEX_BY_GENDER,
  SUBSTANCE_BY_SUB1,
  USE_DAYS_BY_FREQ,
  WAIT_DAYS_BY_DAYWAIT,
} from './codes';
import { STATES } from './states';

/** The CSV's value is not a number (e.g. a text label): kept apart from -9 and from empty. */
const NOT_A_NUMBER = -32768;

/** Columns read, by their name in the file; the first name found wins (SERVSETD is the 2006–2014 name). */
const REQUIRED: Record<string, readonly string[]> = {
  CASEID: ['CASEID'],
  DISYR: ['DISYR'],
  STFIPS: ['STFIPS'],
  SERVICES_D: ['SERVICES_D', 'SERVSETD'],
  REASON: ['REASON'],
  LOS: ['LOS'],
  AGE: ['AGE'],
};
const OPTIONAL = [
  'GENDER',
  'RACE',
  'ETHNIC',
  'SUB1',
  'PSOURCE',
  'PRIMPAY',
  'LIVARAG',
  'EMPLOY',
  'PSYPROB',
  'METHUSE',
  'FREQ1',
  'FREQ1_D',
  'NOPRIOR',
  'DAYWAIT',
] as const;

export interface TedsImportOptions {
  /** Called with DuckDB's progress (0..100) while the CSV is read. */
  onProgress?: (percent: number) => void;
  /** Steps, for a person watching. */
  onStep?: (message: string) => void;
  memoryLimit?: string;
}

export interface TedsImportResult {
  sourceRows: number;
  exportedRows: Record<string, number>;
  extractDate: string;
  tally: Tally;
  /** Source column used for each role, e.g. SERVICES_D → 'SERVSETD'. */
  columns: Record<string, string | null>;
}

type CodeMap = Record<number, string | number | boolean | null>;

/** SQL CASE mapping an integer column through a code table; unlisted codes → NULL. */
function mapCodes(col: string, map: CodeMap, cast = ''): string {
  const whens = Object.entries(map).map(([k, v]) => `WHEN ${Number(k)} THEN ${quoteLiteral(v)}`);
  return `(CASE ${quoteIdent(col)} ${whens.join(' ')} END)${cast}`;
}
const listed = (map: CodeMap) => Object.keys(map).map(Number).join(', ');

/** SAMHSA TEDS-D public-use CSV → contract v1 export (programs + episodes). See docs/importers.md. */
export async function importTeds(
  csvPath: string,
  outDir: string,
  opts: TedsImportOptions = {},
): Promise<TedsImportResult> {
  const step = opts.onStep ?? (() => {});
  const db = await ImportDb.open({ memoryLimit: opts.memoryLimit ?? '512MB' });
  const tally = new Tally();
  try {
    const csv = `read_csv(${quoteLiteral(csvPath)}, header = true, all_varchar = true, delim = ',', quote = '"')`;
    const names = (await db.query<{ column_name: string }>(`DESCRIBE SELECT * FROM ${csv}`)).map(
      (c) => c.column_name,
    );
    const byUpper = new Map(names.map((n) => [n.toUpperCase(), n]));
    const columns: Record<string, string | null> = {};
    for (const [role, candidates] of Object.entries(REQUIRED)) {
      const found = candidates.map((c) => byUpper.get(c)).find((n) => n !== undefined);
      if (!found)
        throw new Error(
          `${csvPath} has no ${candidates.join(' or ')} column: is it a TEDS-D public-use file?`,
        );
      columns[role] = found;
    }
    for (const role of OPTIONAL) columns[role] = byUpper.get(role) ?? null;

    const code = (role: string) => {
      const src = columns[role];
      if (!src) return `NULL::SMALLINT AS ${role}`;
      const v = `NULLIF(trim(${quoteIdent(src)}), '')`;
      return `CASE WHEN ${v} IS NULL THEN NULL ELSE coalesce(TRY_CAST(${v} AS SMALLINT), ${NOT_A_NUMBER}) END::SMALLINT AS ${role}`;
    };
    step('reading the CSV');
    await db.execWithProgress(
      `CREATE TABLE teds AS
       SELECT row_number() OVER () AS rid, TRY_CAST(NULLIF(trim(${quoteIdent(columns.CASEID!)}), '') AS BIGINT) AS CASEID,
              ${[...Object.keys(REQUIRED).filter((r) => r !== 'CASEID'), ...OPTIONAL].map(code).join(', ')}
       FROM ${csv}`,
      opts.onProgress ?? (() => {}),
    );
    const [{ n: sourceRows }] = await db.query<{ n: number }>(`SELECT count(*)::BIGINT AS n FROM teds`);

    const [labels] = await db.query<{ text: number }>(
      `SELECT count(*) FILTER (WHERE SERVICES_D = ${NOT_A_NUMBER} OR REASON = ${NOT_A_NUMBER})::BIGINT AS text FROM teds`,
    );
    if (sourceRows > 0 && labels.text > sourceRows / 2) {
      throw new Error(
        `${columns.SERVICES_D} / REASON hold text, not numeric codes (${labels.text} of ${sourceRows} rows): this looks like a ` +
          'labelled file (e.g. 2021); export the numeric-code version of the public-use file.',
      );
    }

    step('mapping codes');
    const states = Object.keys(STATES).join(', ');
    await db.exec(`
      CREATE TABLE discharge AS
      SELECT *,
        CASE
          WHEN CASEID IS NULL THEN 'CASEID missing or not a number'
          WHEN DISYR IS NULL OR DISYR NOT BETWEEN 1990 AND 2100 THEN 'DISYR missing or not a year'
          WHEN STFIPS IS NULL OR STFIPS NOT IN (${states}) THEN 'STFIPS missing or not a state'
          WHEN SERVICES_D IS NULL OR SERVICES_D NOT IN (${listed(LEVEL_BY_SERVICE)}) THEN '${columns.SERVICES_D} missing or unknown code'
          WHEN REASON IS NULL OR REASON NOT IN (${listed(REASON_BY_CODE)}) THEN 'REASON missing or unknown code'
          WHEN LOS IS NULL OR LOS NOT IN (${listed(LOS_DAYS)}) THEN 'LOS missing or unknown code (no admission date)'
          WHEN AGE IS NULL OR AGE NOT IN (${listed(AGE_BY_GROUP)}) THEN 'AGE missing or unknown code (age_at_admit is required)'
          WHEN row_number() OVER (PARTITION BY CASEID ORDER BY rid) > 1 THEN 'duplicate CASEID'
        END AS fate
      FROM teds;
      DROP TABLE teds;
    `);
    await tally.addFromQuery(
      db,
      'dropped',
      'discharges',
      `SELECT fate AS reason, count(*)::BIGINT AS n FROM discharge WHERE fate IS NOT NULL GROUP BY 1 ORDER BY 1`,
    );

    await db.exec(`
      CREATE VIEW ep_out AS
      WITH t AS (
        SELECT *, make_date(DISYR, 7, 2) AS discharge_date,
               ${mapCodes('LOS', LOS_DAYS)} - CASE WHEN SERVICES_D IN (${AMBULATORY_SERVICES.join(', ')}) THEN 1 ELSE 0 END AS los_days
        FROM discharge WHERE fate IS NULL
      )
      SELECT CASEID AS episode_id, CASEID AS client_id, lpad(STFIPS::VARCHAR, 2, '0') AS program_id,
             ${mapCodes('SERVICES_D', LEVEL_BY_SERVICE)} AS level_of_care,
             discharge_date - los_days - ${mapCodes('DAYWAIT', WAIT_DAYS_BY_DAYWAIT)}::INTEGER AS referral_date,
             discharge_date - los_days AS admit_date, discharge_date,
             ${mapCodes('REASON', REASON_BY_CODE)} AS discharge_reason,
             ${mapCodes('AGE', AGE_BY_GROUP)} AS age_at_admit,
             coalesce(${mapCodes('GENDER', SEX_BY_GENDER)}, 'unknown') AS sex,
             CASE WHEN ETHNIC IN (${HISPANIC_ETHNIC.join(', ')}) THEN 'hispanic' ELSE ${mapCodes('RACE', RACE_BY_CODE)} END AS race_ethnicity,
             coalesce(${mapCodes('SUB1', SUBSTANCE_BY_SUB1)}, 'other') AS primary_substance,
             ${mapCodes('PSYPROB', MH_BY_PSYPROB)}::BOOLEAN AS co_occurring_mh,
             ${mapCodes('NOPRIOR', PRIOR_BY_NOPRIOR)}::SMALLINT AS prior_episodes,
             ${mapCodes('PSOURCE', REFERRAL_BY_PSOURCE)} AS referral_source,
             ${mapCodes('PRIMPAY', PAYER_BY_PRIMPAY)} AS payer,
             ${mapCodes('LIVARAG', HOUSING_BY_LIVARAG)} AS housing,
             ${mapCodes('EMPLOY', EMPLOYED_BY_EMPLOY)}::BOOLEAN AS employed,
             ${mapCodes('METHUSE', MAT_BY_METHUSE)}::VARCHAR AS mat,
             ${mapCodes('FREQ1', USE_DAYS_BY_FREQ)}::SMALLINT AS use_days_admit,
             ${mapCodes('FREQ1_D', USE_DAYS_BY_FREQ)}::SMALLINT AS use_days_discharge
      FROM t;
    `);

    await tallyGuesses(db, tally, columns);

    step('writing Parquet');
    const exportedRows: Record<string, number> = {};
    const stateRows = Object.entries(STATES)
      .map(([fips, s]) => `(${Number(fips)}, ${quoteLiteral(s.name)}, ${quoteLiteral(s.code)})`)
      .join(', ');
    exportedRows.programs = await writeContractTable(
      db,
      outDir,
      'programs',
      `SELECT lpad(s.fips::VARCHAR, 2, '0') AS program_id, s.name || ' (TEDS-D state total)' AS program_name,
              'SAMHSA TEDS-D' AS organization, s.code AS region
       FROM (VALUES ${stateRows}) s(fips, name, code)
       WHERE lpad(s.fips::VARCHAR, 2, '0') IN (SELECT DISTINCT program_id FROM ep_out)`,
    );
    exportedRows.episodes = await writeContractTable(db, outDir, 'episodes', 'SELECT * FROM ep_out');

    const [{ e, years }] = await db.query<{ e: string; years: string }>(
      `SELECT make_date(max(DISYR), 12, 31)::VARCHAR AS e, string_agg(DISTINCT DISYR::VARCHAR, ', ' ORDER BY DISYR::VARCHAR) AS years
       FROM discharge WHERE fate IS NULL`,
    );
    const byLevel = await db.query<{ level: string; n: number }>(
      `SELECT level_of_care AS level, count(*)::BIGINT AS n FROM ep_out GROUP BY 1 ORDER BY 1`,
    );
    await writeManifest(
      outDir,
      {
        extract_date: e,
        source: `SAMHSA Treatment Episode Data Set – Discharges (TEDS-D) public-use file ${csvPath.split('/').pop()}, discharge year(s) ${years}.`,
        deidentification:
          'SAMHSA public-use file (already de-identified; no dates, ages grouped, LOS grouped above 30 days). The importer ' +
          'synthesises calendar dates: discharge = 2 July of DISYR, admission = discharge − LOS days, referral = admission − ' +
          'DAYWAIT days; they are not real dates. episode_id and client_id are CASEID (TEDS-D links no client across discharges).',
        importer: 'iop-outcomes pipelines import-teds (docs/importers.md)',
        source_columns: columns,
        /** TEDS-D links no discharges of one person: step-down, continuity and step-up measures cannot see transitions. */
        client_linkage: false,
        episodes_by_level: Object.fromEntries(byLevel.map((r) => [r.level, r.n])),
        rules: {
          programs: 'One program per state (STFIPS): program_id = 2-digit FIPS, region = postal code.',
          level_of_care:
            'SERVICES_D (SERVSETD before 2015): 1, 2, 8 detox; 3, 4, 5 residential; 6 iop; 7 op. TEDS has no partial ' +
            'hospitalisation setting, so no php episodes: PHP-intensity ambulatory care is reported by states as 6 (iop).',
          dates:
            'discharge_date = DISYR-07-02 for every discharge; admit_date = discharge_date − LOS days, where LOS days = the ' +
            `code's days minus 1 in ambulatory settings (SERVICES_D ${AMBULATORY_SERVICES.join(', ')}: TEDS counts both the admission ` +
            'and the discharge day); extract_date = 31 Dec of the last DISYR.',
          los: `LOS 1–30 as days; 31–36 by interval midpoint (rounded down, in TEDS's counted days): ${Object.entries(
            LOS_INTERVALS,
          )
            .map(([c, iv]) => `${c} (${iv}) → ${LOS_DAYS[Number(c)]}`)
            .join(', ')} (37 is open: lower bound).`,
          age: 'AGE group → midpoint rounded down (12–14 → 13 … 55–64 → 59, 65+ → 70).',
          use_days: 'FREQ1 / FREQ1_D: no use → 0, some use → 15 (midpoint of 1–29), daily → 30.',
          missing: '-9 and codes not in the 2019 codebook → null (sex → unknown; primary_substance → other).',
        },
        source_rows: sourceRows,
      },
      tally,
      exportedRows,
    );
    return { sourceRows, exportedRows, extractDate: e, tally, columns };
  } finally {
    db.close();
  }
}

/** Counts of values the importer inferred or left null over the exported rows, in one scan. */
async function tallyGuesses(
  db: ImportDb,
  tally: Tally,
  columns: Record<string, string | null>,
): Promise<void> {
  const counts: { kind: 'guessed' | 'unknown'; reason: string; where: string }[] = [];
  for (const [c, iv] of Object.entries(LOS_INTERVALS)) {
    const how = Number(c) === 37 ? 'lower bound' : 'midpoint';
    counts.push({
      kind: 'guessed',
      reason: `admit_date: LOS ${c} (${iv} days) → ${LOS_DAYS[Number(c)]} days (${how}; one less in ambulatory settings)`,
      where: `LOS = ${Number(c)}`,
    });
  }
  counts.push(
    { kind: 'guessed', reason: 'age_at_admit: representative age of the AGE group', where: 'true' },
    { kind: 'guessed', reason: 'use_days_admit: FREQ1 "some use" → 15 days', where: 'FREQ1 = 2' },
    { kind: 'guessed', reason: 'use_days_discharge: FREQ1_D "some use" → 15 days', where: 'FREQ1_D = 2' },
    {
      kind: 'guessed',
      reason: 'referral_date: DAYWAIT interval → representative wait',
      where: 'DAYWAIT BETWEEN 1 AND 4',
    },
    {
      kind: 'guessed',
      reason: 'prior_episodes: NOPRIOR 1 = "one or more" (2015+) → 1, a lower bound',
      where: 'NOPRIOR = 1 AND DISYR >= 2015',
    },
    {
      kind: 'guessed',
      reason: 'primary_substance: SUB1 missing or unknown → other',
      where: `SUB1 IS NULL OR SUB1 NOT IN (${listed(SUBSTANCE_BY_SUB1)})`,
    },
  );
  const nullable: [string, CodeMap, string][] = [
    ['GENDER', SEX_BY_GENDER, 'sex = unknown'],
    ['RACE', RACE_BY_CODE, 'race_ethnicity null unless ETHNIC is Hispanic'],
    ['PSYPROB', MH_BY_PSYPROB, 'co_occurring_mh null'],
    ['NOPRIOR', PRIOR_BY_NOPRIOR, 'prior_episodes null'],
    ['PSOURCE', REFERRAL_BY_PSOURCE, 'referral_source null'],
    ['PRIMPAY', PAYER_BY_PRIMPAY, 'payer null'],
    ['LIVARAG', HOUSING_BY_LIVARAG, 'housing null'],
    ['EMPLOY', EMPLOYED_BY_EMPLOY, 'employed null'],
    ['METHUSE', MAT_BY_METHUSE, 'mat null (reads as no MAT)'],
    ['FREQ1', USE_DAYS_BY_FREQ, 'use_days_admit null'],
    ['FREQ1_D', USE_DAYS_BY_FREQ, 'use_days_discharge null'],
    ['DAYWAIT', WAIT_DAYS_BY_DAYWAIT, 'referral_date null'],
  ];
  for (const [col, map, what] of nullable) {
    if (!columns[col]) {
      counts.push({ kind: 'unknown', reason: `${col} absent from the file: ${what}`, where: 'true' });
      continue;
    }
    counts.push(
      {
        kind: 'unknown',
        reason: `${col} -9 (missing): ${what}`,
        where: `${col} = ${MISSING} OR ${col} IS NULL`,
      },
      {
        kind: 'unknown',
        reason: `${col} code not in the codebook: ${what}`,
        where: `${col} <> ${MISSING} AND ${col} NOT IN (${listed(map)})`,
      },
    );
  }
  const [r] = await db.query<Record<string, number>>(
    `SELECT ${counts.map((c, i) => `count(*) FILTER (WHERE ${c.where})::BIGINT AS c${i}`).join(', ')} FROM discharge WHERE fate IS NULL`,
  );
  counts.forEach((c, i) => tally.add(c.kind, 'episodes', c.reason, Number(r[`c${i}`])));
}
