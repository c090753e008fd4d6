import { DuckDBInstance, type DuckDBConnection, DuckDBDateValue, DuckDBDecimalValue, DuckDBTimestampValue } from '@duckdb/node-api';
import { writeFile, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ExportFile, LoadingConnector, Row, SqlValue } from '../engine/connector';
import { plainNumber } from '../engine/rows';
import { quoteIdent, quoteLiteral } from '../engine/sql';

function plain(v: unknown): unknown {
  if (typeof v === 'bigint') return plainNumber(v);
  if (v instanceof DuckDBDateValue) return v.toString();
  if (v instanceof DuckDBDecimalValue) return v.toDouble();
  if (v instanceof DuckDBTimestampValue) return v.toString();
  if (v !== null && typeof v === 'object' && 'toString' in v && !(Array.isArray(v))) {
    const ctor = (v as object).constructor?.name ?? '';
    if (ctor.startsWith('DuckDB')) return String(v);
  }
  return v;
}

/** Native DuckDB (@duckdb/node-api): the command line's engine. Parquet is read by DuckDB itself. */
export class NativeConnector implements LoadingConnector {
  readonly engine = 'duckdb-native' as const;
  private constructor(
    private readonly instance: DuckDBInstance,
    private readonly conn: DuckDBConnection,
  ) {}

  static async open(path = ':memory:', options: Record<string, string> = {}): Promise<NativeConnector> {
    const instance = await DuckDBInstance.create(path, options);
    const conn = await instance.connect();
    await conn.run('SET autoinstall_known_extensions=false; SET autoload_known_extensions=false');
    return new NativeConnector(instance, conn);
  }

  async query<T extends Row = Row>(sql: string, params: readonly SqlValue[] = []): Promise<T[]> {
    const reader = await this.conn.runAndReadAll(sql, params.length ? [...params] : undefined);
    return reader.getRowObjects().map((r) => {
      const out: Row = {};
      for (const [k, v] of Object.entries(r)) out[k] = plain(v);
      return out as T;
    });
  }

  async exec(sql: string): Promise<void> {
    await this.conn.run(sql);
  }

  /** Reads a Parquet file on disk straight into a table (fast path for the command line). */
  async loadParquetPath(path: string, tableName: string): Promise<number> {
    await this.conn.run(
      `CREATE OR REPLACE TABLE ${quoteIdent(tableName)} AS SELECT * FROM read_parquet(${quoteLiteral(path)})`,
    );
    const [row] = await this.query<{ n: number }>(`SELECT count(*)::BIGINT AS n FROM ${quoteIdent(tableName)}`);
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

  async close(): Promise<void> {
    this.conn.closeSync();
    this.instance.closeSync();
  }
}
