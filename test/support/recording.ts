import type { LoadingConnector, Row, SqlValue } from '../../core/engine/connector';

/** A connector that lists every statement it runs (`ran`), by rows or by column, then runs it on `inner`. */
export function recordingConnector(inner: LoadingConnector): { conn: LoadingConnector; ran: string[] } {
  const ran: string[] = [];
  const conn: LoadingConnector = {
    engine: inner.engine,
    query: <T extends Row = Row>(sql: string, params?: readonly SqlValue[]) => (
      ran.push(sql),
      inner.query<T>(sql, params)
    ),
    ...(inner.queryColumns
      ? {
          queryColumns: (sql: string, params?: readonly SqlValue[]) => (
            ran.push(sql),
            inner.queryColumns!(sql, params)
          ),
        }
      : {}),
    exec: (sql: string) => (ran.push(sql), inner.exec(sql)),
    loadParquet: (file, table, onProgress) => inner.loadParquet(file, table, onProgress),
    streamParquet: (file, relation, opts) => inner.streamParquet(file, relation, opts),
    close: () => inner.close(),
  };
  return { conn, ran };
}
