import { queryColumns } from './columns';
import type { Columns, LoadingConnector, Row, SqlValue } from './connector';

const READ_ONLY = /^\s*(SELECT|WITH)\b/i;
/**
 * Larger results are not kept: the point is the small grouped results a filter change repeats.
 * The cohort's counts by value (cohort-counts.ts) by program at 250k IOP episodes are 9.4k rows
 * (8 programs × about 1,060 retention times): kept, the Retention view runs them once, not thrice.
 */
const MAX_ROWS = 20000;

/**
 * A connector that remembers the rows of read-only statements until anything else runs, so the
 * calls a view makes for one cohort share the statements they have in common (the retention curve
 * behind both the cards and the chart). Any exec, or a query that is not a plain SELECT or WITH
 * (creating the cohort_eps view or a temp table), forgets everything: a remembered result never outlives the
 * tables it read. Callers get their own copies of the rows.
 */
export class RememberingConnector implements LoadingConnector {
  private readonly remembered = new Map<string, Promise<Row[]>>();

  constructor(private readonly inner: LoadingConnector) {}

  get engine() {
    return this.inner.engine;
  }

  async query<T extends Row = Row>(sql: string, params: readonly SqlValue[] = []): Promise<T[]> {
    if (!READ_ONLY.test(sql)) {
      this.remembered.clear();
      return this.inner.query<T>(sql, params);
    }
    const key = JSON.stringify([sql, params]);
    let rows = this.remembered.get(key);
    if (!rows) {
      rows = this.inner.query(sql, params);
      this.remembered.set(key, rows);
      const kept = rows;
      kept.then(
        (r) => r.length > MAX_ROWS && this.forget(key, kept),
        () => this.forget(key, kept),
      );
    }
    return (await rows).map((r) => ({ ...r }) as T);
  }

  /** Not remembered: a result by column is a large one. */
  queryColumns(sql: string, params: readonly SqlValue[] = []): Promise<Columns> {
    if (!READ_ONLY.test(sql)) this.remembered.clear();
    return queryColumns(this.inner, sql, params);
  }

  exec(sql: string): Promise<void> {
    this.remembered.clear();
    return this.inner.exec(sql);
  }

  loadParquet: LoadingConnector['loadParquet'] = (file, table, onProgress) => {
    this.remembered.clear();
    return this.inner.loadParquet(file, table, onProgress);
  };

  streamParquet: LoadingConnector['streamParquet'] = (file, relation, opts) => {
    this.remembered.clear();
    return this.inner.streamParquet(file, relation, opts);
  };

  close(): Promise<void> {
    this.remembered.clear();
    return this.inner.close();
  }

  private forget(key: string, rows: Promise<Row[]>) {
    if (this.remembered.get(key) === rows) this.remembered.delete(key);
  }
}
