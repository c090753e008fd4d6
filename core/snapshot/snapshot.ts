import type { ExportFile, LoadingConnector } from '../engine/connector';
import type { LoadedExport } from '../engine/load-export';
import { quoteIdent, quoteLiteral } from '../engine/sql';
import { OutcomeSession, type SessionOptions } from '../measures/session';
import { prepareEpisodeWide } from '../measures/episode-wide';
import { describeInputs } from '../study/inputs';
import { ENCOUNTER_TOTALS } from '../validate/encounter-totals';
import type { InputFile } from '../study/types';

/**
 * A pre-validated snapshot: one DuckDB database file holding every table of a database after
 * `loadExport` + `OutcomeSession.prepare` (clean tables, exported_episodes_by_program, the
 * per-episode tables) and `snapshot_meta`, one row of JSON with the LoadedExport and the input
 * files' SHA-256, so a restored session answers exactly as a fresh load of the same files.
 */

/**
 * What a snapshot holds; bump it when that changes, and an older snapshot is refused.
 * 2: encounters held only as encounter_totals.
 */
export const SNAPSHOT_FORMAT = 2;
/**
 * DuckDB-WASM 1.32 is DuckDB 1.4.3, which reads storage up to v1.4.0; the writer is native DuckDB
 * (DuckDB-WASM leaves the tables in its WAL: its CHECKPOINT does not write an attached file).
 */
export const SNAPSHOT_STORAGE_VERSION = 'v1.4.0';
const META = 'snapshot_meta';

export interface SnapshotMeta {
  format: number;
  loaded: LoadedExport;
  inputs: InputFile[];
  /** The session's options(), the first thing a UI asks, answered without a query. */
  options: SessionOptions;
}

/** The snapshot is missing a part, or of another format: load the export's files instead. */
export class SnapshotError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SnapshotError';
  }
}

/** Writes the session's database (without its temp tables) to a new DuckDB file at `location`. */
export async function saveSnapshot(
  session: OutcomeSession,
  files: readonly ExportFile[],
  location: string,
): Promise<void> {
  const { conn, loaded } = session;
  const meta: SnapshotMeta = {
    format: SNAPSHOT_FORMAT,
    loaded,
    inputs: await describeInputs(files, loaded.rowCounts),
    options: await session.options(),
  };
  const [{ db }] = await conn.query<{ db: string }>('SELECT current_database() AS db');
  const snap = quoteIdent('iop_snapshot');
  await conn.exec(
    `ATTACH ${quoteLiteral(location)} AS ${snap} (STORAGE_VERSION ${quoteLiteral(SNAPSHOT_STORAGE_VERSION)})`,
  );
  try {
    await conn.exec(`COPY FROM DATABASE ${quoteIdent(db)} TO ${snap}`);
    await conn.exec(`CREATE TABLE ${snap}.${META} (meta VARCHAR)`);
    await conn.query(`INSERT INTO ${snap}.${META} VALUES (?)`, [JSON.stringify(meta)]);
  } finally {
    await conn.exec(`DETACH ${snap}`);
  }
}

/** Attaches a snapshot file (a path, or a name the engine registered) read-only as `database` and uses it. */
export function attachSnapshotSql(location: string, database: string): string {
  return `ATTACH ${quoteLiteral(location)} AS ${quoteIdent(database)} (READ_ONLY); USE ${quoteIdent(database)}`;
}

/** The session of the snapshot attached as the connector's current database, and its input files. */
export async function sessionFromSnapshot(
  conn: LoadingConnector,
): Promise<{ session: OutcomeSession } & Pick<SnapshotMeta, 'inputs' | 'options'>> {
  const tables = new Set(
    (
      await conn.query<{ name: string }>(
        'SELECT table_name AS name FROM duckdb_tables() WHERE database_name = current_database()',
      )
    ).map((r) => r.name),
  );
  if (!tables.has(META)) throw new SnapshotError('The file is not a snapshot.');
  const rows = await conn.query<{ meta: string }>(`SELECT meta FROM ${META}`);
  const meta = rows.length === 1 ? (JSON.parse(rows[0].meta) as SnapshotMeta) : null;
  if (meta?.format !== SNAPSHOT_FORMAT)
    throw new SnapshotError(`The snapshot is not of format ${SNAPSHOT_FORMAT}.`);
  const held = meta.loaded.tables.map((t) => (t === 'encounters' ? ENCOUNTER_TOTALS : t));
  const missing = [...held, 'ep_summary', 'ep_transition', 'ep_cost'].filter((t) => !tables.has(t));
  if (missing.length) throw new SnapshotError(`The snapshot lacks ${missing.join(', ')}.`);
  // Every filter change scans the per-episode tables: in memory they are several times quicker to
  // read than in place in the read-only file, and small (one row per episode). Temp tables of the
  // same name come first in name resolution.
  const [{ db }] = await conn.query<{ db: string }>('SELECT current_database() AS db');
  for (const name of [...tables].filter((t) => t.startsWith('ep_')))
    await conn.exec(
      `CREATE TEMP TABLE ${quoteIdent(name)} AS SELECT * FROM ${quoteIdent(db)}.main.${quoteIdent(name)}`,
    );
  // ep_wide of the tables in memory, checked again: a restored table must keep its row order
  await prepareEpisodeWide(conn, 'TEMP VIEW');
  const session = OutcomeSession.fromPrepared(conn, meta.loaded);
  return { session, inputs: meta.inputs, options: meta.options };
}
