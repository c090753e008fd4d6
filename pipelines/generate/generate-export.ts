import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { NativeConnector } from '../../core/platform/node';
import { CONTRACT_VERSION, quoteLiteral, type Manifest, type TableName } from '../../core';
import { encounterEpisodesSql, encountersChunkSql } from './encounters-sql';
import { postEpisodesSql, preEpisodesSql } from './care-path-sql';
import { clientsSql, iopSequenceSql } from './clients-sql';
import { EPISODE_ID_SQL, type EpisodePlan } from './episode-plan';
import {
  ALL_EPISODES_SQL,
  EPISODES_OUT_SQL,
  coreSql,
  firstCoreBaseSql,
  readmissionBaseSql,
} from './episodes-sql';
import { followupsSql } from './followups-sql';
import { programTablesSql } from './program-tables';
import { randomMacros } from './random-sql';
import { screensChunkSql } from './screens-sql';

export const DEFAULT_EXTRACT_DATE = '2026-06-30';

export interface GenerateOptions {
  episodes: number;
  seed: number;
  outDir: string;
  extractDate?: string;
  /** DuckDB memory_limit, e.g. '4GB'. */
  memoryLimit?: string;
  threads?: number;
  /** Clients per chunk of encounter and screen rows. */
  clientsPerChunk?: number;
  onProgress?: (step: string, done: number, total: number) => void;
}

export interface GenerateSummary {
  rows: Record<TableName, number>;
  manifest: Manifest;
}

const PLAN_DEFAULTS = { windowDays: 1095, opRatio: 0.4, readmissionRate: 0.09 };

/**
 * Writes a synthetic contract-v1 export: every table as <table>.parquet (ZSTD) plus manifest.json.
 * Everything is computed in native DuckDB from hash-based draws, so the same seed gives the same
 * table contents; encounters and screens are built in chunks of clients and concatenated. Files are
 * staged in <out>/.generate-tmp and moved into <out> at the end.
 */
export async function generateExport(opts: GenerateOptions): Promise<GenerateSummary> {
  const outDir = resolve(opts.outDir);
  const plan: EpisodePlan = {
    ...PLAN_DEFAULTS,
    episodes: opts.episodes,
    extractDate: opts.extractDate ?? DEFAULT_EXTRACT_DATE,
  };
  const work = join(outDir, '.generate-tmp');
  const staged = join(work, 'export');
  await mkdir(staged, { recursive: true });
  const db = await NativeConnector.open(':memory:', {
    memory_limit: opts.memoryLimit ?? '4GB',
    threads: String(opts.threads ?? 2),
    temp_directory: join(work, 'duckdb'),
    preserve_insertion_order: 'true',
  });
  const rows = {} as Record<TableName, number>;
  try {
    const clientsPerChunk = opts.clientsPerChunk ?? 50_000;
    const chunks = Math.max(1, Math.ceil((opts.episodes * (1 + plan.opRatio)) / clientsPerChunk));
    const total = 12 + 2 * chunks + 2;
    let done = 0;
    const step = async (label: string, sql: string) => {
      opts.onProgress?.(label, done, total);
      await db.exec(sql);
      done += 1;
    };
    const copy = async (table: TableName, query: string) => {
      opts.onProgress?.(`write ${table}`, done, total);
      rows[table] = await copyToParquet(db, query, join(staged, `${table}.parquet`));
      done += 1;
    };

    await step('episodes: setup', randomMacros(opts.seed) + EPISODE_ID_SQL + programTablesSql());
    await step('episodes: sequence', iopSequenceSql(plan));
    const [{ n: iopClients }] = await db.query<{ n: number }>(
      'SELECT count(*) FILTER (WHERE NOT is_readm)::BIGINT AS n FROM iop_seq',
    );
    await step('episodes: clients', clientsSql(plan, iopClients));
    await step('episodes: first admissions', firstCoreBaseSql(plan));
    await step('episodes: outcomes', coreSql('core0', 'core_base0', plan.extractDate));
    await step(
      'episodes: readmissions',
      readmissionBaseSql() + ';' + coreSql('core1', 'core_base1', plan.extractDate),
    );
    await step(
      'episodes: before and after',
      preEpisodesSql(plan.extractDate) + ';' + postEpisodesSql(plan.extractDate),
    );
    await step(
      'episodes: all',
      ALL_EPISODES_SQL + ';' + encounterEpisodesSql(plan.extractDate, plan.windowDays),
    );

    await copy('programs', 'SELECT * FROM programs_out ORDER BY program_id');
    await copy('cost_rates', 'SELECT * FROM cost_rates_out ORDER BY program_id, staff_role');
    await copy('episodes', EPISODES_OUT_SQL);
    await copy('followups', followupsSql(plan.extractDate));

    const [{ clients }] = await db.query<{ clients: number }>(
      'SELECT (max(c) + 1)::BIGINT AS clients FROM enc_eps',
    );
    const parts: Record<'encounters' | 'drug_screens', string[]> = { encounters: [], drug_screens: [] };
    const size = Math.ceil(clients / chunks);
    for (let i = 0; i < chunks; i++) {
      const [lo, hi] = [i * size, Math.min(clients, (i + 1) * size)];
      for (const table of ['encounters', 'drug_screens'] as const) {
        opts.onProgress?.(`${table}: chunk ${i + 1}/${chunks}`, done, total);
        const part = join(work, `${table}-${String(i).padStart(5, '0')}.parquet`);
        await copyToParquet(
          db,
          table === 'encounters' ? encountersChunkSql(lo, hi) : screensChunkSql(lo, hi),
          part,
        );
        parts[table].push(part);
        done += 1;
      }
    }
    for (const table of ['encounters', 'drug_screens'] as const) {
      const list = `[${parts[table].map((p) => quoteLiteral(p)).join(', ')}]`;
      await copy(table, `SELECT * FROM read_parquet(${list})`);
    }

    const manifest: Manifest = {
      contract_version: CONTRACT_VERSION,
      extract_date: plan.extractDate,
      source: `synthetic IOP generator (pipelines/generate), seed ${opts.seed}, ${opts.episodes} IOP episodes`,
      deidentification: 'synthetic: no real persons',
    };
    await writeFile(join(staged, 'manifest.json'), JSON.stringify(manifest, null, 2) + '\n');
    // Tables appear in the output folder only once all of them are written.
    for (const name of [...Object.keys(rows).map((t) => `${t}.parquet`), 'manifest.json'])
      await rename(join(staged, name), join(outDir, name));
    opts.onProgress?.('done', total, total);
    return { rows, manifest };
  } finally {
    await db.close();
    await rm(work, { recursive: true, force: true });
  }
}

/** COPY a query to one ZSTD Parquet file; returns its row count. */
async function copyToParquet(db: NativeConnector, query: string, path: string): Promise<number> {
  const [r] = await db.query<{ Count: number }>(
    `COPY (${query}) TO ${quoteLiteral(path)} (FORMAT parquet, COMPRESSION zstd, ROW_GROUP_SIZE 122880)`,
  );
  return Number(r?.Count ?? 0);
}
