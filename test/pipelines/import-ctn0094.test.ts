import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NativeConnector } from '../../core/connectors/native';
import { loadExport } from '../../core/engine/load-export';
import { quoteLiteral } from '../../core/engine/sql';
import { importCtn0094, type CtnImportResult } from '../../pipelines/import/ctn0094/import';
import type { WrittenManifest } from '../../pipelines/import/write-export';
import { exportFolderFiles } from '../../pipelines/lib/export-folder';

const CTN_DIR = new URL('../fixtures/ctn0094', import.meta.url).pathname;

let out: string;
let result: CtnImportResult;
let db: NativeConnector;
let manifest: WrittenManifest & { episodes_by_trial: Record<string, number> };
const pq = (t: string) => `read_parquet(${quoteLiteral(join(out, `${t}.parquet`))})`;

beforeAll(async () => {
  out = await mkdtemp(join(tmpdir(), 'ctn0094-'));
  result = await importCtn0094(CTN_DIR, out);
  manifest = JSON.parse(await readFile(join(out, 'manifest.json'), 'utf8'));
  db = await NativeConnector.open();
});
afterAll(async () => {
  await db?.close();
  await rm(out, { recursive: true, force: true });
});

describe('import-ctn0094 on the real CTN-0094 tables', () => {
  it('reads every participant and makes one episode per randomised participant', async () => {
    expect(result.sourceRows['everybody.csv']).toBe(3560);
    expect(manifest.dropped['everybody.csv']).toEqual({ 'never randomised (screened only, no arm)': 1068 });
    expect(result.exportedRows.episodes).toBe(3560 - 1068);
    expect(manifest.episodes_by_trial).toEqual({ 'CTN-0027': 1269, 'CTN-0030': 653, 'CTN-0051': 570 });
    const arms = await db.query(
      `SELECT p.organization AS trial, e.mat, count(*)::INTEGER AS n FROM ${pq('episodes')} e JOIN ${pq('programs')} p USING (program_id)
       GROUP BY ALL ORDER BY ALL`,
    );
    expect(arms).toEqual([
      { trial: 'CTN-0027', mat: 'buprenorphine', n: 740 },
      { trial: 'CTN-0027', mat: 'methadone', n: 529 },
      { trial: 'CTN-0030', mat: 'buprenorphine', n: 653 },
      { trial: 'CTN-0051', mat: 'buprenorphine', n: 287 },
      { trial: 'CTN-0051', mat: 'naltrexone', n: 283 },
    ]);
  });

  it('makes one program per trial and masked site (site 16 served all three trials)', async () => {
    expect(result.exportedRows.programs).toBe(34);
    const site16 = await db.query(
      `SELECT program_id, organization FROM ${pq('programs')} WHERE program_id LIKE '%-site16' ORDER BY 1`,
    );
    expect(site16).toEqual([
      { program_id: 'ctn0027-site16', organization: 'CTN-0027' },
      { program_id: 'ctn0030-site16', organization: 'CTN-0030' },
      { program_id: 'ctn0051-site16', organization: 'CTN-0051' },
    ]);
  });

  it('counts every dropped row by reason, and the counts reconcile with the source', async () => {
    expect(manifest.dropped['randomization.csv']).toEqual({
      'repeat of the first randomisation (same arm and day)': 1839,
      'CTN-0030 phase-2 randomisation (not exported as an episode)': 360,
    });
    expect(manifest.dropped['treatment.csv']).toMatchObject({
      'duplicate dose (same participant and day)': 89,
      'participant never randomised': 4,
      'dose before randomisation (out of range)': 2,
      'dose more than 12 weeks after the planned end (out of range)': 4,
    });
    const visitDrops = manifest.dropped['visit.csv'] as Record<string, number>;
    expect(visitDrops['duplicate kept visit on the same day']).toBeGreaterThan(0);
    expect(visitDrops['missed visit on a day with a kept visit (contradictory; kept wins)']).toBeGreaterThan(
      0,
    );
    // Every visit row is either one encounter or dropped for one reason.
    const sum = (o: Record<string, number>) => Object.values(o).reduce((a, b) => a + b, 0);
    expect(sum(visitDrops) + result.exportedRows.encounters).toBe(result.sourceRows['visit.csv']);
    expect(sum(manifest.dropped['randomization.csv']) + result.exportedRows.episodes).toBe(
      result.sourceRows['randomization.csv'],
    );
    // The console output and the manifest carry the same counts.
    for (const e of result.tally.entries) expect(manifest[e.kind][e.subject][e.reason]).toBe(e.count);
    expect(manifest.guessed.episodes['never dosed: kept as a day-0 dropout (discharge = admission)']).toBe(
      120,
    );
  });

  it('writes an export that validates with no errors and no warnings', async () => {
    const conn = await NativeConnector.open();
    try {
      const loaded = await loadExport(conn, await exportFolderFiles(out));
      expect(loaded.validation.errors).toEqual([]);
      expect(loaded.validation.warnings).toEqual([]);
      expect(loaded.extractDate).toBe(manifest.extract_date);
      expect([...loaded.tables].sort()).toEqual(['drug_screens', 'encounters', 'episodes', 'programs']);
    } finally {
      await conn.close();
    }
  });

  it('maps hand-checked participants exactly', async () => {
    const eps = await db.query(
      `SELECT episode_id, program_id, admit_date, discharge_date, discharge_reason, referral_date, age_at_admit, sex,
              race_ethnicity, housing, employed, mat, use_days_admit, use_days_discharge
       FROM ${pq('episodes')} WHERE episode_id IN (2, 3, 4, 42) ORDER BY episode_id`,
    );
    expect(eps).toEqual([
      // CTN-0030 EMM: randomised day 7, daily doses to day 34 → 27 days ≥ 3 planned weeks of 4 → completed.
      {
        episode_id: 2,
        program_id: 'ctn0030-site35',
        admit_date: '2000-01-08',
        discharge_date: '2000-02-04',
        discharge_reason: 'completed',
        referral_date: null,
        age_at_admit: 30,
        sex: 'female',
        race_ethnicity: 'white',
        housing: 'stable',
        employed: true,
        mat: 'buprenorphine',
        use_days_admit: 29,
        use_days_discharge: 2,
      },
      // CTN-0051 inpatient BUP, never dosed: day-0 dropout; referral = detox admission (day −6).
      {
        episode_id: 3,
        program_id: 'ctn0051-site27',
        admit_date: '2000-01-14',
        discharge_date: '2000-01-14',
        discharge_reason: 'dropped_out',
        referral_date: '1999-12-26',
        age_at_admit: 23,
        sex: 'female',
        race_ethnicity: 'black',
        housing: 'stable',
        employed: true,
        mat: 'buprenorphine',
        use_days_admit: 29,
        use_days_discharge: 9,
      },
      // CTN-0051 XR-naltrexone: injections to day 141 → covered to day 168 (167 days after randomisation ≥ 161) → completed.
      {
        episode_id: 4,
        program_id: 'ctn0051-site36',
        admit_date: '2000-01-02',
        discharge_date: '2000-06-17',
        discharge_reason: 'completed',
        referral_date: '1999-12-15',
        age_at_admit: 19,
        sex: 'male',
        race_ethnicity: 'white',
        housing: 'stable',
        employed: false,
        mat: 'naltrexone',
        use_days_admit: 30,
        use_days_discharge: 0,
      },
      // CTN-0027 methadone: randomised day 2, last dose day 106 → dropped out after 104 days.
      // (job and is_living_stable are empty in demographics.csv → null.)
      {
        episode_id: 42,
        program_id: 'ctn0027-site34',
        admit_date: '2000-01-03',
        discharge_date: '2000-04-16',
        discharge_reason: 'dropped_out',
        referral_date: null,
        age_at_admit: 29,
        sex: 'male',
        race_ethnicity: 'white',
        housing: null,
        employed: null,
        mat: 'methadone',
        use_days_admit: 29,
        use_days_discharge: 0,
      },
    ]);
    // Participant 42: kept visits WK0 (day 2) … WK15 (day 106); BASELINE (day 0) is before admission and
    // the missed WK16/WK17 fall after the last dose, so 16 attended encounters and no no-show.
    const enc = await db.query(
      `SELECT attendance, count(*)::INTEGER AS n, min(service_date)::VARCHAR AS first, max(service_date)::VARCHAR AS last
       FROM ${pq('encounters')} WHERE episode_id = 42 GROUP BY 1`,
    );
    expect(enc).toEqual([{ attendance: 'attended', n: 16, first: '2000-01-03', last: '2000-04-16' }]);
    // 14 UDS days with positives in the episode; the visits of day 2 and 106 had none → negative.
    const scr = await db.query(
      `SELECT result, count(*)::INTEGER AS n FROM ${pq('drug_screens')} WHERE episode_id = 42 GROUP BY 1 ORDER BY 1`,
    );
    expect(scr).toEqual([
      { result: 'negative', n: 2 },
      { result: 'positive', n: 14 },
    ]);
    const [day7] = await db.query(
      `SELECT substances FROM ${pq('drug_screens')} WHERE episode_id = 42 AND collected_date = DATE '2000-01-08'`,
    );
    expect(day7.substances).toBe('cocaine,opioid,thc');
  });

  it("does not count a participant's own study medication as a positive", async () => {
    const [r] = await db.query(
      `SELECT count(*)::INTEGER AS n FROM ${pq('drug_screens')} s JOIN ${pq('episodes')} e USING (episode_id)
       WHERE (e.mat = 'methadone' AND s.substances LIKE '%methadone%') OR (e.mat = 'buprenorphine' AND s.substances LIKE '%buprenorphine%')`,
    );
    expect(r.n).toBe(0);
  });

  it('reproduces the published CTN-0027 24-week retention: methadone above buprenorphine (Hser 2014: 74% vs 46%)', async () => {
    const rows = await db.query<{ mat: string; completed: number; n: number }>(
      `SELECT e.mat, count(*) FILTER (WHERE discharge_reason = 'completed')::INTEGER AS completed, count(*)::INTEGER AS n
       FROM ${pq('episodes')} e JOIN ${pq('programs')} p USING (program_id) WHERE p.organization = 'CTN-0027' GROUP BY 1 ORDER BY 1`,
    );
    expect(rows).toEqual([
      { mat: 'buprenorphine', completed: 339, n: 740 },
      { mat: 'methadone', completed: 385, n: 529 },
    ]);
    const [bup, met] = rows.map((r) => r.completed / r.n);
    expect(Math.abs(met - 0.74)).toBeLessThan(0.02);
    expect(Math.abs(bup - 0.46)).toBeLessThan(0.02);
  });
});
