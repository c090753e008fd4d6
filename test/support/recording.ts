import { afterAll, beforeAll } from 'vitest';
import type { LoadingConnector, Row, SqlValue } from '../../core/engine/connector';
import { OutcomeSession } from '../../core/measures/session';
import { exportFolderFiles } from '../../pipelines/lib/export-folder';

/** A connector that lists every statement it runs (`ran`), by rows or by column, then runs it on `inner`. */
function recordingConnector(inner: LoadingConnector): { conn: LoadingConnector; ran: string[] } {
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

/**
 * The export in `dir` opened twice: `session` through a recording connector (`ran`), `reference`
 * on a connection of its own (figures read without the first session's kept rows); `close` closes both.
 */
async function recordedSessions(
  open: () => Promise<LoadingConnector>,
  dir: string,
): Promise<{
  session: OutcomeSession;
  reference: OutcomeSession;
  ran: string[];
  close: () => Promise<void>;
}> {
  const files = await exportFolderFiles(dir);
  const inner = await open();
  const { conn, ran } = recordingConnector(inner);
  const session = await OutcomeSession.open(conn, files);
  const reference = await OutcomeSession.open(await open(), files);
  return {
    session,
    reference,
    ran,
    close: async () => {
      await inner.close();
      await reference.conn.close();
    },
  };
}

/**
 * recordedSessions opened before the suite's tests (closed after them): the returned object's
 * session, reference and ran are set once they are open.
 */
export function useRecordedSessions(
  open: () => Promise<LoadingConnector>,
  dir: string,
): { session: OutcomeSession; reference: OutcomeSession; ran: string[] } {
  const opened = {} as { session: OutcomeSession; reference: OutcomeSession; ran: string[] };
  let close = async () => {};
  beforeAll(async () => {
    const { close: closeBoth, ...sessions } = await recordedSessions(open, dir);
    Object.assign(opened, sessions);
    close = closeBoth;
  }, 120_000);
  afterAll(() => close());
  return opened;
}
