import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NativeConnector } from '../../core/connectors/native';
import { loadExport } from '../../core/engine/load-export';
import { quoteLiteral } from '../../core/engine/sql';
import { importTeds, type TedsImportResult } from '../../pipelines/import/teds/import';
import { tedsReference } from '../../pipelines/import/teds-reference';
import type { WrittenManifest } from '../../pipelines/import/write-export';
import { exportFolderFiles } from '../../pipelines/lib/export-folder';
import {
  coveringRows,
  readCodebook,
  sampler,
  writeTedsCsv,
  type CodebookColumn,
  type TedsRow,
} from '../fixtures/teds/generate';

let dir: string;
let columns: CodebookColumn[];
let rows: TedsRow[];
let result: TedsImportResult;
let manifest: WrittenManifest & { episodes_by_level: Record<string, number> };
let progress: number[];
let db: NativeConnector;
const out = () => join(dir, 'export');
const pq = (t: string) => `read_parquet(${quoteLiteral(join(out(), `${t}.parquet`))})`;

/** A row with every column -9 (missing), then the given values. */
const row = (columns: CodebookColumn[], values: TedsRow): TedsRow => ({
  ...Object.fromEntries(columns.map((c) => [c.name, -9])),
  DISYR: 2019,
  ...values,
});

// The README's rules, restated independently of the importer's tables.
const levelOf = (s: number) =>
  [1, 2, 8].includes(s) ? 'detox' : [3, 4, 5].includes(s) ? 'residential' : s === 6 ? 'iop' : 'op';

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'teds-'));
  columns = await readCodebook();
  const hand: TedsRow[] = [
    row(columns, {
      CASEID: 900001,
      AGE: 5,
      GENDER: 2,
      RACE: 4,
      ETHNIC: 4,
      STFIPS: 36,
      SERVICES_D: 6,
      REASON: 1,
      LOS: 33,
      PSOURCE: 7,
      NOPRIOR: 1,
      SUB1: 5,
      FREQ1: 3,
      FREQ1_D: 1,
      PSYPROB: 1,
      PRIMPAY: 4,
      LIVARAG: 1,
      EMPLOY: 3,
      METHUSE: 1,
      DAYWAIT: 2,
    }),
    row(columns, {
      CASEID: 900002,
      AGE: 12,
      GENDER: -9,
      RACE: 5,
      ETHNIC: 2,
      STFIPS: 6,
      SERVICES_D: 7,
      REASON: 2,
      LOS: 1,
      SUB1: -9,
      FREQ1: 2,
      FREQ1_D: -9,
      DAYWAIT: 0,
      METHUSE: 2,
    }),
    row(columns, {
      CASEID: 900003,
      AGE: 1,
      GENDER: 1,
      STFIPS: 72,
      SERVICES_D: 2,
      REASON: 6,
      LOS: 37,
      SUB1: 2,
    }),
    row(columns, {
      CASEID: 900004,
      AGE: 8,
      GENDER: 1,
      STFIPS: 1,
      SERVICES_D: 5,
      REASON: 4,
      LOS: 36,
      SUB1: 10,
    }),
    // Broken rows: dropped, each for its reason.
    row(columns, { CASEID: 900001, AGE: 5, STFIPS: 36, SERVICES_D: 6, REASON: 2, LOS: 3 }),
    row(columns, { CASEID: 900005, AGE: 5, STFIPS: 36, SERVICES_D: 6, REASON: 2, LOS: -9 }),
    row(columns, { CASEID: 900006, AGE: -9, STFIPS: 36, SERVICES_D: 6, REASON: 2, LOS: 3 }),
    row(columns, { CASEID: 900007, AGE: 5, STFIPS: 36, SERVICES_D: 9, REASON: 2, LOS: 3 }),
    row(columns, { CASEID: 900008, AGE: 5, STFIPS: 36, SERVICES_D: 6, REASON: '', LOS: 3 }),
    // A code the codebook does not know: kept, the covariate left unknown.
    row(columns, {
      CASEID: 900009,
      AGE: 5,
      GENDER: 7,
      STFIPS: 36,
      SERVICES_D: 6,
      REASON: 3,
      LOS: 10,
      SUB1: 4,
    }),
  ];
  const draw = sampler(columns, 7);
  rows = [...coveringRows(columns, 1), ...hand, ...Array.from({ length: 600 }, (_, i) => draw(100_000 + i))];
  await writeTedsCsv(join(dir, 'tedsd_puf_2019.csv'), columns, rows);
  progress = [];
  result = await importTeds(join(dir, 'tedsd_puf_2019.csv'), out(), { onProgress: (p) => progress.push(p) });
  manifest = JSON.parse(await readFile(join(out(), 'manifest.json'), 'utf8'));
  db = await NativeConnector.open();
});
afterAll(async () => {
  await db?.close();
  await rm(dir, { recursive: true, force: true });
});

describe('import-teds on a codebook-generated fixture', () => {
  it('covers every LOS, SERVICES_D and REASON code and some -9s', () => {
    const has = (col: string) => new Set(rows.map((r) => Number(r[col])));
    for (let los = 1; los <= 37; los++) expect(has('LOS').has(los)).toBe(true);
    for (let s = 1; s <= 8; s++) expect(has('SERVICES_D').has(s)).toBe(true);
    for (let r = 1; r <= 7; r++) expect(has('REASON').has(r)).toBe(true);
    expect(has('GENDER').has(-9)).toBe(true);
    expect(has('FREQ1_D').has(-9)).toBe(true);
  });

  it('drops the broken rows by reason and keeps everything else', () => {
    expect(result.sourceRows).toBe(rows.length);
    expect(manifest.dropped.discharges).toEqual({
      'AGE missing or unknown code (age_at_admit is required)': 1,
      'LOS missing or unknown code (no admission date)': 1,
      'REASON missing or unknown code': 1,
      'SERVICES_D missing or unknown code': 1,
      'duplicate CASEID': 1,
    });
    expect(result.exportedRows.episodes).toBe(rows.length - 5);
    expect(manifest.unknown.episodes['GENDER code not in the codebook: sex = unknown']).toBe(1);
  });

  it('maps hand-checked rows exactly', async () => {
    const eps = await db.query(
      `SELECT * FROM ${pq('episodes')} WHERE episode_id BETWEEN 900001 AND 900004 ORDER BY episode_id`,
    );
    expect(eps).toEqual([
      // LOS 33 (61–90 counted days) → midpoint 75; ambulatory: 75 − 1 = 74 days before 2 July; DAYWAIT 2 → 11 days earlier.
      {
        episode_id: 900001,
        client_id: 900001,
        program_id: '36',
        level_of_care: 'iop',
        referral_date: '2019-04-08',
        admit_date: '2019-04-19',
        discharge_date: '2019-07-02',
        discharge_reason: 'completed',
        age_at_admit: 27,
        sex: 'female',
        race_ethnicity: 'black',
        primary_substance: 'opioids',
        co_occurring_mh: true,
        prior_episodes: 1,
        referral_source: 'court',
        payer: 'medicaid',
        housing: 'homeless',
        employed: false,
        mat: 'other',
        use_days_admit: 30,
        use_days_discharge: 0,
      },
      // Ambulatory LOS 1 = admitted and discharged the same day.
      {
        episode_id: 900002,
        client_id: 900002,
        program_id: '06',
        level_of_care: 'op',
        referral_date: '2019-07-02',
        admit_date: '2019-07-02',
        discharge_date: '2019-07-02',
        discharge_reason: 'dropped_out',
        age_at_admit: 70,
        sex: 'unknown',
        race_ethnicity: 'hispanic',
        primary_substance: 'other',
        co_occurring_mh: null,
        prior_episodes: null,
        referral_source: null,
        payer: null,
        housing: null,
        employed: null,
        mat: null,
        use_days_admit: 15,
        use_days_discharge: null,
      },
      // 24-hour setting: LOS 37 (more than a year) → its lower bound, 366 days.
      {
        episode_id: 900003,
        client_id: 900003,
        program_id: '72',
        level_of_care: 'detox',
        referral_date: null,
        admit_date: '2018-07-01',
        discharge_date: '2019-07-02',
        discharge_reason: 'died',
        age_at_admit: 13,
        sex: 'male',
        race_ethnicity: null,
        primary_substance: 'alcohol',
        co_occurring_mh: null,
        prior_episodes: null,
        referral_source: null,
        payer: null,
        housing: null,
        employed: null,
        mat: null,
        use_days_admit: null,
        use_days_discharge: null,
      },
      {
        episode_id: 900004,
        client_id: 900004,
        program_id: '01',
        level_of_care: 'residential',
        referral_date: null,
        admit_date: '2018-10-02',
        discharge_date: '2019-07-02',
        discharge_reason: 'transferred',
        age_at_admit: 42,
        sex: 'male',
        race_ethnicity: null,
        primary_substance: 'stimulants',
        co_occurring_mh: null,
        prior_episodes: null,
        referral_source: null,
        payer: null,
        housing: null,
        employed: null,
        mat: null,
        use_days_admit: null,
        use_days_discharge: null,
      },
    ]);
    const programs = await db.query(
      `SELECT * FROM ${pq('programs')} WHERE program_id IN ('36', '72') ORDER BY 1`,
    );
    expect(programs).toEqual([
      {
        program_id: '36',
        program_name: 'New York (TEDS-D state total)',
        organization: 'SAMHSA TEDS-D',
        region: 'NY',
      },
      {
        program_id: '72',
        program_name: 'Puerto Rico (TEDS-D state total)',
        organization: 'SAMHSA TEDS-D',
        region: 'PR',
      },
    ]);
  });

  it('agrees with the fixture on aggregate counts', async () => {
    const seen = new Set<number>();
    const kept = rows.filter((r) => {
      const ok =
        [1, 2, 3, 4, 5, 6, 7, 8].includes(Number(r.SERVICES_D)) &&
        Number(r.REASON) >= 1 &&
        Number(r.LOS) > 0 &&
        Number(r.AGE) > 0 &&
        !seen.has(Number(r.CASEID));
      if (ok) seen.add(Number(r.CASEID));
      return ok;
    });
    const expected: Record<string, number> = {};
    for (const r of kept)
      expected[levelOf(Number(r.SERVICES_D))] = (expected[levelOf(Number(r.SERVICES_D))] ?? 0) + 1;
    const got = await db.query<{ level_of_care: string; n: number }>(
      `SELECT level_of_care, count(*)::INTEGER AS n FROM ${pq('episodes')} GROUP BY 1`,
    );
    expect(Object.fromEntries(got.map((g) => [g.level_of_care, g.n]))).toEqual(expected);
    expect(manifest.episodes_by_level).toEqual(expected);
    for (let los = 31; los <= 37; los++) {
      const n = kept.filter((r) => Number(r.LOS) === los).length;
      const key = Object.keys(manifest.guessed.episodes).find((k) =>
        k.startsWith(`admit_date: LOS ${los} `),
      )!;
      expect(manifest.guessed.episodes[key]).toBe(n);
    }
    const [los] = await db.query(
      `SELECT count(*) FILTER (WHERE discharge_date - admit_date <= 30)::INTEGER AS short FROM ${pq('episodes')}`,
    );
    expect(los.short).toBe(kept.filter((r) => Number(r.LOS) <= 30).length);
  });

  it('writes an export that validates with no errors and no warnings', async () => {
    const conn = await NativeConnector.open();
    try {
      const loaded = await loadExport(conn, await exportFolderFiles(out()));
      expect(loaded.validation.errors).toEqual([]);
      expect(loaded.validation.warnings).toEqual([]);
      expect(loaded.extractDate).toBe('2019-12-31');
      expect([...loaded.tables].sort()).toEqual(['episodes', 'programs']);
    } finally {
      await conn.close();
    }
  });

  it('reports progress while reading', () => {
    expect(progress.at(-1)).toBe(100);
  });

  it('gives the national IOP reference figures with their n', async () => {
    const iop = rows.filter(
      (r, i) =>
        Number(r.SERVICES_D) === 6 &&
        Number(r.REASON) >= 1 &&
        Number(r.LOS) > 0 &&
        Number(r.AGE) > 0 &&
        rows.findIndex((x) => x.CASEID === r.CASEID) === i,
    );
    const completed = iop.filter((r) => Number(r.REASON) === 1).length;
    const ref = await tedsReference(out());
    const completion = ref.find((f) => f.measure === 'completion_rate')!;
    expect(completion.denominator).toBe(iop.length);
    expect(completion.numerator).toBe(completed);
    expect(completion.value).toBeCloseTo(completed / iop.length, 12);
    expect(completion.lower!).toBeLessThan(completion.value!);
    expect(completion.source).toContain('tedsd_puf_2019.csv');
    const premature = ref.find((f) => f.measure === 'premature_discharge_rate')!;
    expect(premature.numerator).toBe(iop.filter((r) => [2, 3].includes(Number(r.REASON))).length);
  });
});

describe('import-teds year variants', () => {
  it('reads SERVSETD (2006–2014 files) as the service setting', async () => {
    const d = await mkdtemp(join(tmpdir(), 'teds-old-'));
    try {
      const cols = await readCodebook();
      const header = cols.map((c) => (c.name === 'SERVICES_D' ? 'SERVSETD' : c.name));
      await writeTedsCsv(join(d, 'old.csv'), cols, coveringRows(cols, 1), header);
      const r = await importTeds(join(d, 'old.csv'), join(d, 'out'));
      expect(r.columns.SERVICES_D).toBe('SERVSETD');
      expect(r.exportedRows.episodes).toBe(coveringRows(cols, 1).length);
    } finally {
      await rm(d, { recursive: true, force: true });
    }
  });

  it('refuses a labelled (text) file with a clear message', async () => {
    const d = await mkdtemp(join(tmpdir(), 'teds-text-'));
    try {
      const cols = await readCodebook();
      const labelled = coveringRows(cols, 1).map((r) => ({
        ...r,
        REASON: 'Treatment completed',
        SERVICES_D: 'Ambulatory',
      }));
      await writeTedsCsv(join(d, 'labels.csv'), cols, labelled);
      await expect(importTeds(join(d, 'labels.csv'), join(d, 'out'))).rejects.toThrow(/labelled file/);
    } finally {
      await rm(d, { recursive: true, force: true });
    }
  });
});
