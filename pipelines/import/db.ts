import { DuckDBInstance, DuckDBPendingResultState, type DuckDBConnection } from '@duckdb/node-api';
import { plainNumber, type Row, type SqlValue } from '../../core';

export interface ImportDbOptions {
  /** DuckDB memory_limit, e.g. '1GB'; DuckDB spills to its temp directory beyond it. */
  memoryLimit?: string;
  threads?: number;
}

/**
 * Native DuckDB for the importers: SQL in, plain rows out, plus one statement run with a
 * progress callback (DuckDB's own query progress), so a big CSV is never held in JS memory.
 */
export class ImportDb {
  private constructor(
    private readonly instance: DuckDBInstance,
    private readonly conn: DuckDBConnection,
  ) {}

  static async open(opts: ImportDbOptions = {}): Promise<ImportDb> {
    const config: Record<string, string> = {};
    if (opts.memoryLimit) config.memory_limit = opts.memoryLimit;
    if (opts.threads) config.threads = String(opts.threads);
    const instance = await DuckDBInstance.create(':memory:', config);
    const conn = await instance.connect();
    await conn.run('SET autoinstall_known_extensions=false; SET autoload_known_extensions=false');
    return new ImportDb(instance, conn);
  }

  async exec(sql: string): Promise<void> {
    await this.conn.run(sql);
  }

  async query<T extends Row = Row>(sql: string, params: readonly SqlValue[] = []): Promise<T[]> {
    const reader = await this.conn.runAndReadAll(sql, params.length ? [...params] : undefined);
    return reader.getRowObjectsJS().map((r) => {
      const out: Row = {};
      for (const [k, v] of Object.entries(r)) out[k] = typeof v === 'bigint' ? plainNumber(v) : v;
      return out as T;
    });
  }

  /** Runs one statement, reporting DuckDB's progress (0..100) while it works. */
  async execWithProgress(sql: string, onProgress: (percent: number) => void): Promise<void> {
    await this.conn.run('SET enable_progress_bar = true; SET enable_progress_bar_print = false');
    const pending = await this.conn.start(sql);
    let last = 0;
    for (;;) {
      const state = pending.runTask();
      if (state === DuckDBPendingResultState.RESULT_READY) break;
      if (Date.now() - last > 200) {
        const p = this.conn.progress.percentage;
        if (p >= 0) onProgress(p);
        last = Date.now();
      }
      // No task for this thread while DuckDB's own threads work: wait instead of spinning.
      if (state === DuckDBPendingResultState.NO_TASKS_AVAILABLE) await new Promise((r) => setTimeout(r, 5));
      else await new Promise((r) => setImmediate(r));
    }
    await pending.getResult();
    onProgress(100);
  }

  close(): void {
    this.conn.closeSync();
    this.instance.closeSync();
  }
}
