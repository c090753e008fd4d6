import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NativeConnector } from '../../core/connectors/native';
import { DISCHARGE_REASONS, FORMATS, LEVELS_OF_CARE, SCREEN_RESULTS } from '../../core/contract/codes';
import { TABLE_NAMES } from '../../core/contract/schema';
import { loadExport } from '../../core/engine/load-export';
import { quoteLiteral } from '../../core/engine/sql';
import { generateExport } from '../../pipelines/generate/generate-export';
import { exportFolderFiles } from '../../pipelines/lib/export-folder';
import { sameTableContents } from '../../pipelines/generate/same-contents';

const EPISODES = 1500;
let dir: string;
let db: NativeConnector;
const out = (name: string) => join(dir, name);
const t = (folder: string, table: string) =>
  `read_parquet(${quoteLiteral(join(out(folder), `${table}.parquet`))})`;
const one = async <T>(sql: string): Promise<T> =>
  (await db.query<Record<string, T>>(sql)).map((r) => Object.values(r)[0])[0];

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'iop-generate-'));
  db = await NativeConnector.open();
  for (const [folder, seed] of [
    ['a', 1],
    ['b', 1],
    ['c', 2],
  ] as const)
    await generateExport({ episodes: EPISODES, seed, outDir: out(folder), clientsPerChunk: 800 });
});
afterAll(async () => {
  await db?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('generate: determinism', () => {
  it('the same seed gives identical table contents, chunked or not', async () => {
    await generateExport({ episodes: EPISODES, seed: 1, outDir: out('a1'), clientsPerChunk: 1_000_000 });
    for (const table of TABLE_NAMES) {
      expect(
        await sameTableContents(db, join(out('a'), `${table}.parquet`), join(out('b'), `${table}.parquet`)),
      ).toBe(true);
      expect(
        await sameTableContents(db, join(out('a'), `${table}.parquet`), join(out('a1'), `${table}.parquet`)),
      ).toBe(true);
    }
  });

  it('another seed gives other contents', async () => {
    for (const table of ['episodes', 'encounters', 'drug_screens', 'followups'])
      expect(
        await sameTableContents(db, join(out('a'), `${table}.parquet`), join(out('c'), `${table}.parquet`)),
      ).toBe(false);
  });

  it('writes the manifest', async () => {
    const manifest = JSON.parse(await readFile(join(out('a'), 'manifest.json'), 'utf8'));
    expect(manifest).toEqual({
      contract_version: '1',
      extract_date: '2026-06-30',
      source: `synthetic IOP generator (pipelines/generate), seed 1, ${EPISODES} IOP episodes`,
      deidentification: 'synthetic: no real persons',
    });
  });
});

describe('generate: the export validates', () => {
  it('loads with no errors and no warnings', async () => {
    const conn = await NativeConnector.open();
    try {
      const loaded = await loadExport(conn, await exportFolderFiles(out('a')));
      expect(loaded.validation.errors).toEqual([]);
      expect(loaded.validation.warnings).toEqual([]);
      expect(loaded.tables.slice().sort()).toEqual([...TABLE_NAMES].sort());
      expect(loaded.extractDate).toBe('2026-06-30');
    } finally {
      await conn.close();
    }
  });
});

describe('generate: structure', () => {
  const ep = () => t('a', 'episodes');
  const enc = () => t('a', 'encounters');

  it('N IOP episodes in 6 to 10 programs, every level of care, op-only clients', async () => {
    expect(await one<number>(`SELECT count(*)::INTEGER FROM ${ep()} WHERE level_of_care = 'iop'`)).toBe(
      EPISODES,
    );
    const programs = await one<number>(
      `SELECT count(DISTINCT program_id)::INTEGER FROM ${ep()} WHERE level_of_care = 'iop'`,
    );
    expect(programs).toBeGreaterThanOrEqual(6);
    expect(programs).toBeLessThanOrEqual(10);
    expect(await one<number>(`SELECT count(*)::INTEGER FROM ${t('a', 'programs')}`)).toBe(programs);
    const levels = await db.query<{ l: string }>(`SELECT DISTINCT level_of_care AS l FROM ${ep()}`);
    expect(levels.map((r) => r.l).sort()).toEqual([...LEVELS_OF_CARE].sort());
    const opOnly = await one<number>(`
      SELECT count(*)::INTEGER FROM ${ep()} o
      WHERE o.level_of_care = 'op'
        AND NOT EXISTS (SELECT 1 FROM ${ep()} i WHERE i.client_id = o.client_id AND i.level_of_care = 'iop')`);
    expect(opOnly).toBeGreaterThan(0.3 * EPISODES);
    expect(opOnly).toBeLessThan(0.5 * EPISODES);
    const comparator = await one<number>(`
      SELECT count(*)::INTEGER FROM ${ep()} o
      WHERE o.level_of_care = 'op' AND NOT EXISTS (
        SELECT 1 FROM ${ep()} i WHERE i.client_id = o.client_id AND i.level_of_care = 'iop'
          AND o.admit_date > i.admit_date AND o.admit_date <= i.discharge_date + 30)`);
    expect(comparator).toBeGreaterThanOrEqual(opOnly);
  });

  it('every discharge reason, open episodes and step transitions occur among IOP episodes', async () => {
    const reasons = await db.query<{ r: string }>(
      `SELECT DISTINCT discharge_reason AS r FROM ${ep()} WHERE level_of_care = 'iop' AND discharge_reason IS NOT NULL`,
    );
    expect(reasons.map((r) => r.r).sort()).toEqual([...DISCHARGE_REASONS].sort());
    expect(
      await one<number>(
        `SELECT count(*)::INTEGER FROM ${ep()} WHERE level_of_care = 'iop' AND discharge_date IS NULL`,
      ),
    ).toBeGreaterThan(0);
    const next = await db.query<{ level: string; n: number }>(`
      WITH i AS (SELECT * FROM ${ep()} WHERE level_of_care = 'iop' AND discharge_date IS NOT NULL)
      SELECT n.level_of_care AS level, count(*)::INTEGER AS n FROM i JOIN ${ep()} n
        ON n.client_id = i.client_id AND n.admit_date > i.admit_date AND n.admit_date <= i.discharge_date + 30
      GROUP BY 1`);
    const byLevel = Object.fromEntries(next.map((r) => [r.level, r.n]));
    expect(byLevel.op).toBeGreaterThan(0.1 * EPISODES);
    expect(byLevel.iop).toBeGreaterThan(0);
    expect((byLevel.residential ?? 0) + (byLevel.php ?? 0) + (byLevel.detox ?? 0)).toBeGreaterThan(0);
    const steppedIn = await one<number>(`
      SELECT count(*)::INTEGER FROM ${ep()} i WHERE i.level_of_care = 'iop' AND EXISTS (
        SELECT 1 FROM ${ep()} h WHERE h.client_id = i.client_id AND h.level_of_care IN ('residential', 'php')
          AND h.discharge_date BETWEEN i.admit_date - 14 AND i.admit_date)`);
    expect(steppedIn).toBeGreaterThan(0.1 * EPISODES);
  });

  it('MAT for opioid and some alcohol clients only; missing covariates in nullable columns', async () => {
    const mat = await db.query<{ s: string; m: string }>(
      `SELECT DISTINCT primary_substance AS s, mat AS m FROM ${ep()} WHERE mat IS NOT NULL ORDER BY 1, 2`,
    );
    expect(new Set(mat.map((r) => r.s))).toEqual(new Set(['alcohol', 'opioids']));
    expect(mat.filter((r) => r.s === 'opioids').map((r) => r.m)).toEqual([
      'buprenorphine',
      'methadone',
      'naltrexone',
    ]);
    for (const col of [
      'race_ethnicity',
      'co_occurring_mh',
      'prior_episodes',
      'referral_source',
      'payer',
      'housing',
      'employed',
      'use_days_admit',
      'referral_date',
    ]) {
      const share = await one<number>(
        `SELECT avg((${col} IS NULL)::INTEGER)::DOUBLE FROM ${ep()} WHERE level_of_care = 'iop'`,
      );
      expect(share, col).toBeGreaterThan(0.01);
      expect(share, col).toBeLessThan(0.3);
    }
  });

  it('group meetings are shared by several clients; formats, minutes and attendance are realistic', async () => {
    const [g] = await db.query<{ sessions: number; shared: number; mixed: number }>(`
      SELECT count(*)::INTEGER AS sessions, count(*) FILTER (WHERE eps > 1)::INTEGER AS shared,
        count(*) FILTER (WHERE kinds > 1)::INTEGER AS mixed
      FROM (SELECT group_session_id, count(DISTINCT episode_id) AS eps,
                   count(DISTINCT (service_date, service_type, staff_role, minutes)) AS kinds
            FROM ${enc()} WHERE group_session_id IS NOT NULL GROUP BY 1)`);
    expect(g.shared / g.sessions).toBeGreaterThan(0.8);
    expect(g.mixed).toBe(0);
    const formats = await db.query<{ f: string; lo: number; hi: number }>(
      `SELECT format AS f, min(minutes)::INTEGER AS lo, max(minutes)::INTEGER AS hi FROM ${enc()} GROUP BY 1 ORDER BY 1`,
    );
    expect(formats.map((r) => r.f)).toEqual([...FORMATS].sort());
    const group = formats.find((r) => r.f === 'group')!;
    expect(group.lo).toBeGreaterThanOrEqual(90);
    expect(group.hi).toBeLessThanOrEqual(180);
    const att = await db.query<{ a: string }>(`SELECT DISTINCT attendance AS a FROM ${enc()}`);
    expect(att).toHaveLength(4);
    expect(await one<number>(`SELECT count(*)::INTEGER FROM ${enc()} WHERE paid_amount IS NULL`)).toBe(0);
  });

  it('attendance falls before a dropout', async () => {
    const [r] = await db.query<{ early: number; late: number }>(`
      SELECT avg((x.attendance = 'attended')::INTEGER) FILTER (WHERE e.discharge_date - x.service_date > 21)::DOUBLE AS early,
             avg((x.attendance = 'attended')::INTEGER) FILTER (WHERE e.discharge_date - x.service_date <= 7)::DOUBLE AS late
      FROM ${enc()} x JOIN ${ep()} e USING (episode_id)
      WHERE e.discharge_reason = 'dropped_out' AND x.service_type <> 'assessment'`);
    expect(r.early - r.late).toBeGreaterThan(0.2);
  });

  it('every screen result; completers test negative more often late in treatment', async () => {
    const results = await db.query<{ r: string }>(
      `SELECT DISTINCT result AS r FROM ${t('a', 'drug_screens')}`,
    );
    expect(results.map((r) => r.r).sort()).toEqual([...SCREEN_RESULTS].sort());
    const [r] = await db.query<{ first: number; last: number }>(`
      SELECT avg((s.result = 'positive')::INTEGER) FILTER (WHERE s.collected_date - e.admit_date < 14)::DOUBLE AS first,
             avg((s.result = 'positive')::INTEGER) FILTER (WHERE e.discharge_date - s.collected_date < 14)::DOUBLE AS last
      FROM ${t('a', 'drug_screens')} s JOIN ${ep()} e USING (episode_id)
      WHERE e.discharge_reason = 'completed' AND e.level_of_care = 'iop'`);
    expect(r.first).toBeGreaterThan(2 * r.last);
  });

  it('follow-ups at 30, 90 and 180 days, reach falling with the target day', async () => {
    const f = await db.query<{ d: number; reach: number }>(
      `SELECT target_day::INTEGER AS d, avg(reached::INTEGER)::DOUBLE AS reach FROM ${t('a', 'followups')} GROUP BY 1 ORDER BY 1`,
    );
    expect(f.map((r) => r.d)).toEqual([30, 90, 180]);
    expect(f[0].reach).toBeGreaterThan(f[1].reach);
    expect(f[1].reach).toBeGreaterThan(f[2].reach);
  });

  it('programs differ: completion rates and cost rates', async () => {
    const rates = await db.query<{ p: string; c: number }>(`
      SELECT program_id AS p, avg((discharge_reason = 'completed')::INTEGER)::DOUBLE AS c
      FROM ${ep()} WHERE level_of_care = 'iop' AND discharge_date IS NOT NULL GROUP BY 1`);
    const c = rates.map((r) => r.c);
    expect(Math.max(...c) - Math.min(...c)).toBeGreaterThan(0.1);
    const costs = await one<number>(
      `SELECT count(DISTINCT hourly_cost)::INTEGER FROM ${t('a', 'cost_rates')} WHERE staff_role = 'counselor'`,
    );
    expect(costs).toBe(rates.length);
  });
});
