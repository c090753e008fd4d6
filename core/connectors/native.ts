import {
  DuckDBInstance,
  DuckDBTypeId,
  type DuckDBConnection,
  type DuckDBDataChunk,
  DuckDBDateValue,
  DuckDBDecimalValue,
  DuckDBTimestampValue,
} from '@duckdb/node-api';
import { mkdtempSync, rmSync } from 'node:fs';
import { copyFile, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import type {
  Columns,
  ExportFile,
  LoadingConnector,
  ParquetBatches,
  Row,
  SqlValue,
} from '../engine/connector';
import { GLOB_PATTERN, withLiteralPath } from './exact-path';
import { dropRelation } from '../engine/drop-relation';
import { plainNumber } from '../engine/rows';
import { numericColumn } from '../engine/columns';
import { quoteIdent, quoteLiteral } from '../engine/sql';

function plain(v: unknown): unknown {
  if (typeof v === 'bigint') return plainNumber(v);
  if (v instanceof DuckDBDateValue) return v.toString();
  if (v instanceof DuckDBDecimalValue) return v.toDouble();
  if (v instanceof DuckDBTimestampValue) return v.toString();
  if (v !== null && typeof v === 'object' && 'toString' in v && !Array.isArray(v)) {
    const ctor = (v as object).constructor?.name ?? '';
    if (ctor.startsWith('DuckDB')) return String(v);
  }
  return v;
}

/** Column types read as numbers by queryColumns (a BIGINT beyond 2^53 loses its last digits there). */
const NUMERIC = new Set<DuckDBTypeId>([
  DuckDBTypeId.BOOLEAN,
  DuckDBTypeId.TINYINT,
  DuckDBTypeId.SMALLINT,
  DuckDBTypeId.INTEGER,
  DuckDBTypeId.BIGINT,
  DuckDBTypeId.UTINYINT,
  DuckDBTypeId.USMALLINT,
  DuckDBTypeId.UINTEGER,
  DuckDBTypeId.FLOAT,
  DuckDBTypeId.DOUBLE,
]);

/** The machine's memory, or the container's limit when it is lower. */
function availableMemory(): number {
  const constrained = process.constrainedMemory?.() ?? 0;
  return constrained > 0 ? Math.min(constrained, totalmem()) : totalmem();
}

/**
 * DuckDB's memory limit: IOP_DUCKDB_MEMORY_LIMIT (a DuckDB size such as '8GB') or 55% of memory.
 * DuckDB's own default (80%) leaves too little for Node and the allocator's slack on a 24 GB
 * machine with a 1M-episode export; past the limit it spills to its temp directory.
 */
export function defaultMemoryLimit(): string {
  const fromEnv = process.env.IOP_DUCKDB_MEMORY_LIMIT?.trim();
  if (fromEnv) return fromEnv;
  return `${Math.max(256, Math.floor((availableMemory() * 0.55) / 2 ** 20))}MiB`;
}

/** Native DuckDB (@duckdb/node-api): the command line's engine. Parquet is read by DuckDB itself. */
export class NativeConnector implements LoadingConnector {
  readonly engine = 'duckdb-native' as const;
  private constructor(
    private readonly instance: DuckDBInstance,
    private readonly conn: DuckDBConnection,
    private readonly tempDir: string | null,
  ) {}

  /**
   * Opens a database with a bounded memory limit and a private spill directory under the OS temp
   * folder (removed on close). Options override the defaults (DuckDB configuration names).
   * Insertion order is not preserved: every query that needs an order says ORDER BY, and large
   * CREATE TABLE AS statements then need far less memory.
   */
  static async open(path = ':memory:', options: Record<string, string> = {}): Promise<NativeConnector> {
    const tempDir = options.temp_directory ? null : mkdtempSync(join(tmpdir(), 'iop-duckdb-'));
    try {
      const instance = await DuckDBInstance.create(path, {
        memory_limit: defaultMemoryLimit(),
        preserve_insertion_order: 'false',
        ...(tempDir ? { temp_directory: tempDir } : {}),
        ...options,
      });
      const conn = await instance.connect();
      await conn.run('SET autoinstall_known_extensions=false; SET autoload_known_extensions=false');
      return new NativeConnector(instance, conn, tempDir);
    } catch (err) {
      if (tempDir) rmSync(tempDir, { recursive: true, force: true });
      throw err;
    }
  }

  async query<T extends Row = Row>(sql: string, params: readonly SqlValue[] = []): Promise<T[]> {
    const reader = await this.conn.runAndReadAll(sql, params.length ? [...params] : undefined);
    return reader.getRowObjects().map((r) => {
      const out: Row = {};
      for (const [k, v] of Object.entries(r)) out[k] = plain(v);
      return out as T;
    });
  }

  async queryColumns(sql: string, params: readonly SqlValue[] = []): Promise<Columns> {
    const result = await this.conn.run(sql, params.length ? [...params] : undefined);
    const chunks: DuckDBDataChunk[] = [];
    for (
      let chunk = await result.fetchChunk();
      chunk && chunk.rowCount > 0;
      chunk = await result.fetchChunk()
    ) {
      chunks.push(chunk);
    }
    const out: Columns = {};
    result.columnNames().forEach((name, j) => {
      const values = chunks.flatMap((c) => c.getColumnVector(j).toArray());
      out[name] = NUMERIC.has(result.columnTypeId(j)) ? numericColumn(values) : values.map(plain);
    });
    return out;
  }

  async exec(sql: string): Promise<void> {
    await this.conn.run(sql);
  }

  /** Reads a Parquet file on disk straight into a table (fast path for the command line); never globs. */
  async loadParquetPath(path: string, tableName: string): Promise<number> {
    await withLiteralPath(path, (literal) =>
      this.conn.run(
        `CREATE OR REPLACE TABLE ${quoteIdent(tableName)} AS SELECT * FROM read_parquet(${quoteLiteral(literal)})`,
      ),
    );
    const [row] = await this.query<{ n: number }>(
      `SELECT count(*)::BIGINT AS n FROM ${quoteIdent(tableName)}`,
    );
    return Number(row.n);
  }

  async loadParquet(file: ExportFile, tableName: string): Promise<number> {
    if (file.path) return this.loadParquetPath(file.path, tableName);
    const dir = await mkdtemp(join(tmpdir(), 'iop-load-'));
    try {
      const p = join(dir, 'f.parquet');
      await writeFile(p, await file.bytes());
      return await this.loadParquetPath(p, tableName);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }

  /**
   * One batch: `relation` becomes a view over the file, so validation scans the Parquet in
   * parallel instead of first copying every row into a table (the copy was half of the load).
   * A file without a plain path on disk is read through a temporary link or copy that lives until
   * the pass is closed.
   */
  async streamParquet(file: ExportFile, relation: string): Promise<ParquetBatches> {
    const needsCopy = !file.path || GLOB_PATTERN.test(resolve(file.path));
    const dir = needsCopy ? await mkdtemp(join(tmpdir(), 'iop-stream-')) : null;
    const view = quoteIdent(relation);
    const run = (sql: string) => this.conn.run(sql);
    const close = async () => {
      await dropRelation(run, relation);
      if (dir) await rm(dir, { recursive: true, force: true });
    };
    try {
      let path = file.path ? resolve(file.path) : '';
      if (dir) {
        const copy = join(dir, 'f.parquet');
        if (!file.path) await writeFile(copy, await file.bytes());
        else await symlink(path, copy).catch(() => copyFile(path, copy));
        path = copy;
      }
      await dropRelation(run, relation);
      await this.conn.run(`CREATE VIEW ${view} AS SELECT * FROM read_parquet(${quoteLiteral(path)})`);
      const [{ n }] = await this.query<{ n: number }>(`SELECT count(*)::BIGINT AS n FROM ${view}`);
      let read = false;
      return {
        rows: Number(n),
        next: async () => (read ? null : ((read = true), Number(n))),
        close,
      };
    } catch (err) {
      await close();
      throw err;
    }
  }

  async close(): Promise<void> {
    try {
      this.conn.closeSync();
      this.instance.closeSync();
    } finally {
      if (this.tempDir) rmSync(this.tempDir, { recursive: true, force: true });
    }
  }
}
