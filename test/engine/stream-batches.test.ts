import { copyFile, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NativeConnector } from '../../core/connectors/native';
import { WasmNodeConnector } from '../../core/connectors/wasm-node';
import type { LoadingConnector } from '../../core/engine/connector';
import { ExportError, loadExport, type LoadProgress } from '../../core/engine/load-export';
import { quoteLiteral } from '../../core/engine/sql';
import { OutcomeSession } from '../../core/measures/session';
import { exportFolderFiles } from '../../pipelines/lib/export-folder';
import { loadFraction, loadPhase, PHASES } from '../../web/src/components/load-phases';
import { pageProgress } from '../../web/src/engine/protocol';
import { GOLDEN_DIR } from '../support/engines';

/** Rows per row group of the rewritten encounters: DuckDB writes at least 2,048 (its vector) a group: the golden's 5,021 rows are 3 batches. */
const GROUP = 2048;
const BATCH = 2048;

/**
 * The golden export with its encounters rewritten (`select` over the golden rows `g`) in row
 * groups of GROUP rows, so DuckDB-WASM reads them in several batches.
 */
async function goldenWith(select: string, opts: { manifest?: boolean } = {}): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'iop-stream-'));
  for (const f of ['programs', 'episodes', 'drug_screens', 'followups', 'cost_rates'])
    await copyFile(join(GOLDEN_DIR, `${f}.parquet`), join(dir, `${f}.parquet`));
  if (opts.manifest !== false) await copyFile(join(GOLDEN_DIR, 'manifest.json'), join(dir, 'manifest.json'));
  const conn = await NativeConnector.open(':memory:', { preserve_insertion_order: 'true', threads: '1' });
  try {
    await conn.exec(
      `COPY (WITH g AS (SELECT * FROM read_parquet(${quoteLiteral(join(GOLDEN_DIR, 'encounters.parquet'))}))
             ${select})
       TO ${quoteLiteral(join(dir, 'encounters.parquet'))} (FORMAT parquet, ROW_GROUP_SIZE ${GROUP})`,
    );
    const [{ groups }] = await conn.query<{ groups: number }>(
      `SELECT count(DISTINCT row_group_id)::INTEGER AS groups FROM parquet_metadata(${quoteLiteral(join(dir, 'encounters.parquet'))})`,
    );
    expect(groups).toBeGreaterThan(2);
  } finally {
    await conn.close();
  }
  return dir;
}

const totals = (conn: LoadingConnector) =>
  conn.query(
    `SELECT * REPLACE (round(group_minutes_per_attendee, 9) AS group_minutes_per_attendee, paid::VARCHAR AS paid)
     FROM encounter_totals ORDER BY episode_id, staff_role`,
  );

interface Outcome {
  report: unknown;
  extractDate?: string;
  totals?: unknown[];
  batches: number;
  /** Rows validated of the whole, as each encounters batch reports them. */
  progress?: string[];
  /** Rows of the second pass (the clean rows summed) of the whole, batch by batch. */
  cleaning?: string[];
  /** Every progress report of the load. */
  seen?: LoadProgress[];
}

async function load(conn: LoadingConnector, dir: string, batchRows?: number): Promise<Outcome> {
  const seen: LoadProgress[] = [];
  try {
    const loaded = await loadExport(conn, await exportFolderFiles(dir), {
      batchRows,
      onProgress: (p) => seen.push(p),
    });
    if (loaded.validation.usable)
      await OutcomeSession.prepare(conn, loaded, { onProgress: (p) => seen.push(p) });
    return {
      report: loaded.validation,
      extractDate: loaded.extractDate,
      totals: loaded.tables.includes('encounters') ? await totals(conn) : [],
      batches: seen.filter((p) => p.step === 'validating' && p.table === 'encounters' && p.rows).length,
      progress: seen
        .filter((p) => p.step === 'validating' && p.table === 'encounters' && p.rows)
        .map((p) => `${p.rows}/${p.rowsTotal}`),
      cleaning: seen
        .filter((p) => p.step === 'cleaning' && p.table === 'encounters' && p.rows)
        .map((p) => `${p.rows}/${p.rowsTotal}`),
      seen,
    };
  } catch (err) {
    if (!(err instanceof ExportError)) throw err;
    return { report: err.report, batches: 0 };
  }
}

/** A multi-batch DuckDB-WASM load says what a native load (one batch: a view over the file) says. */
describe('encounters validated in batches (DuckDB-WASM) = in one (native)', () => {
  let native: LoadingConnector;
  let wasm: LoadingConnector;
  const dirs: string[] = [];
  beforeAll(async () => {
    native = await NativeConnector.open();
    wasm = await WasmNodeConnector.open();
  });
  afterAll(async () => {
    await native?.close();
    await wasm?.close();
    for (const d of dirs) await rm(d, { recursive: true, force: true });
  });

  const same = async (select: string, opts: { manifest?: boolean } = {}) => {
    const dir = await goldenWith(select, opts);
    dirs.push(dir);
    const one = await load(native, dir);
    const many = await load(wasm, dir, BATCH);
    expect(many.batches).toBeGreaterThan(2);
    expect(one.batches).toBe(1);
    const apart = { batches: 0, progress: [], cleaning: [], seen: [] };
    expect({ ...many, ...apart }).toEqual({ ...one, ...apart });
    return { one, many };
  };

  it('the golden encounters in order, the rows validated reported batch by batch', async () => {
    const { one, many } = await same('SELECT * FROM g ORDER BY encounter_id');
    expect((one.report as { warnings: unknown[] }).warnings).toEqual([]);
    expect(one.progress).toEqual(['5021/5021']);
    expect(many.progress).toEqual(['2048/5021', '4096/5021', '5021/5021']);
    expect(one.cleaning).toEqual(['5021/5021']);
    expect(many.cleaning).toEqual(['2048/5021', '4096/5021', '5021/5021']);
    // as the page shows it: the phase and the bar only move forward, to the last phase
    for (const { seen } of [one, many]) {
      const shown = seen!.map(pageProgress);
      const phases = shown.map(loadPhase);
      const bar = shown.map(loadFraction);
      expect(phases.at(-1)).toBe(PHASES.length - 1);
      phases.slice(1).forEach((phase, i) => expect(phase).toBeGreaterThanOrEqual(phases[i]));
      bar.slice(1).forEach((fraction, i) => expect(fraction).toBeGreaterThanOrEqual(bar[i]));
      expect(new Set(bar).size).toBeGreaterThan(10);
    }
  });

  it('flagged rows in every batch: summed counts, the 5 smallest examples of all batches', async () => {
    const { one } = await same(
      `SELECT * REPLACE (CASE WHEN encounter_id % 400 = 7 THEN 'zzz' ELSE attendance END AS attendance,
                         CASE WHEN encounter_id % 1000 = 3 THEN -5 ELSE minutes END AS minutes)
       FROM g ORDER BY encounter_id DESC`,
    );
    const warnings = (one.report as { warnings: { rule: string; count: number; examples: string[] }[] })
      .warnings;
    const code = warnings.find((w) => w.rule === 'encounters.attendance.code')!;
    expect(code.count).toBeGreaterThan(10);
    expect(code.examples).toHaveLength(5);
  });

  it('ids out of order but unique: overlapping ranges checked again, ids only', async () => {
    await same('SELECT * FROM g ORDER BY hash(encounter_id)');
  });

  it('a duplicate encounter_id split across two batches makes encounters unusable, as natively', async () => {
    const { one } = await same(
      `SELECT * REPLACE (CASE WHEN encounter_id = (SELECT max(encounter_id) FROM g) THEN (SELECT min(encounter_id) FROM g)
                              ELSE encounter_id END AS encounter_id)
       FROM g ORDER BY encounter_id`,
    );
    const errors = (one.report as { errors: { rule: string; count: number }[] }).errors;
    expect(errors.map((e) => [e.rule, e.count])).toEqual([['encounters.key.duplicate', 1]]);
  });

  it('a null encounter_id in one batch', async () => {
    await same(
      `SELECT * REPLACE (CASE WHEN encounter_id % 1500 = 11 THEN NULL ELSE encounter_id END AS encounter_id)
       FROM g ORDER BY encounter_id NULLS LAST`,
    );
  });

  it('no manifest: the extract date read from every batch', async () => {
    const { one } = await same(
      `SELECT * REPLACE (CASE WHEN encounter_id % 900 = 1 THEN DATE '2199-01-01' ELSE service_date END AS service_date)
       FROM g ORDER BY encounter_id`,
      { manifest: false },
    );
    expect(one.extractDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });

  it('a batch past the first that cannot be decoded: encounters.parquet is unreadable, on both engines', async () => {
    const dir = await goldenWith('SELECT * FROM g ORDER BY encounter_id');
    dirs.push(dir);
    const path = join(dir, 'encounters.parquet');
    const bytes = await readFile(path);
    // the middle of the last row groups' pages: the first batch and the footer stay readable
    bytes.fill(0xab, Math.floor(bytes.length * 0.6), Math.floor(bytes.length * 0.7));
    await writeFile(path, bytes);
    for (const [conn, batchRows] of [
      [native, undefined],
      [wasm, BATCH],
    ] as const) {
      const err = await loadExport(conn, await exportFolderFiles(dir), { batchRows }).catch(
        (e: unknown) => e,
      );
      expect(err).toBeInstanceOf(ExportError);
      expect((err as ExportError).kind).toBe('unreadable');
      expect((err as ExportError).report.errors.map((e) => e.rule)).toEqual(['encounters.unreadable']);
      expect((err as ExportError).message).toMatch(/encounters\.parquet is a corrupted Parquet file/);
      // the engine is still usable
      expect((await load(conn, GOLDEN_DIR, batchRows)).extractDate).toBe('2026-06-30');
    }
  });

  it('TIMESTAMP service dates with a time of day in several batches', async () => {
    await same(
      `SELECT * REPLACE (CAST(service_date AS TIMESTAMP) + CASE WHEN encounter_id % 700 = 5 THEN INTERVAL 3 HOUR ELSE INTERVAL 0 HOUR END AS service_date)
       FROM g ORDER BY encounter_id`,
    );
  });

  it('narrow passes over renamed, TIMESTAMP and flagged columns: ids re-checked, group shares, no manifest', async () => {
    // every pass after the first reads only its columns, through the source's renames and casts
    const { one } = await same(
      `SELECT * EXCLUDE (encounter_id, attendance, service_date) REPLACE (
                CASE WHEN encounter_id % 400 = 7 THEN -5 ELSE minutes END AS minutes),
              encounter_id AS ENCOUNTER_ID, attendance AS Attendance,
              CAST(service_date AS TIMESTAMP) + CASE WHEN encounter_id % 700 = 5 THEN INTERVAL 3 HOUR ELSE INTERVAL 0 HOUR END AS service_date
       FROM g ORDER BY hash(encounter_id)`,
      { manifest: false },
    );
    const rules = (one.report as { warnings: { rule: string }[] }).warnings.map((w) => w.rule);
    expect(rules).toEqual(
      expect.arrayContaining([
        'encounters.column_case',
        'encounters.service_date.timestamp',
        'encounters.minutes.range',
      ]),
    );
    expect(one.totals!.length).toBeGreaterThan(1000);
  });
});
