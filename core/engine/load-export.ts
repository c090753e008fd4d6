import { TABLE_NAMES, type Manifest, type TableName } from '../contract/schema';
import { acceptUnambiguous } from '../validate/accept-unambiguous';
import { paidAmountsKnown } from '../validate/encounter-totals';
import {
  openStreamed,
  rawRelation,
  STREAMED_TABLES,
  StreamReadError,
  type StreamedTable,
} from '../validate/streamed-table';
import { dropRelation } from './drop-relation';
import { parseManifest } from '../validate/manifest';
import type { Finding, TableReport, ValidationReport } from '../validate/types';
import { validateAndClean, type ValidateProgress } from '../validate/validate-export';
import { sourceColumns } from '../validate/table-errors';
import type { ExportFile, LoadingConnector } from './connector';
import { readFailureMessage } from './read-failure';
import { quoteIdent } from './sql';
import { isOutOfMemory, TooLargeError } from './too-large';

export interface LoadProgress {
  step: 'reading' | 'loading' | ValidateProgress['step'] | 'preparing';
  table?: string;
  /** Rows read so far (loading), or validated so far of `rowsTotal` (a streamed table: encounters). */
  rows?: number;
  rowsTotal?: number;
  done?: number;
  total?: number;
}

export interface LoadedExport {
  manifest: Manifest | null;
  /** E, 'YYYY-MM-DD': the manifest's extract_date, else the latest date in the data. */
  extractDate: string;
  /** Contract tables with a usable clean table of that name. */
  tables: TableName[];
  /** Rows of each exported table as stored in its file. */
  rowCounts: Record<string, number>;
  files: { name: string; size: number }[];
  validation: ValidationReport;
  /** Whether any clean encounter has a paid figure (encounters.paid_amount): the paid measures' input. */
  paidAmounts: boolean;
}

/** The export cannot be used. `message` is for a person; `report` says everything that is wrong. */
export class ExportError extends Error {
  constructor(
    message: string,
    /**
     * unreadable: a file could not be read; invalid: a required table is missing or unusable;
     * too_large: the engine cannot hold the export (the browser's DuckDB-WASM).
     */
    readonly kind: 'unreadable' | 'invalid' | 'too_large',
    readonly report: ValidationReport,
  ) {
    super(message);
    this.name = 'ExportError';
  }
}

const PARQUET_TABLE = new Map(TABLE_NAMES.map((t) => [`${t}.parquet`, t]));

function summary(errors: Finding[]): string {
  const shown = errors.slice(0, 5).map((e) => `- ${e.message}`);
  if (errors.length > 5) shown.push(`- ... and ${errors.length - 5} more`);
  return shown.join('\n');
}

/** Exported episodes by program_id as stored (text), before validation: the study's flow starts here. */
export const EXPORTED_EPISODES = 'exported_episodes_by_program';

const dropSources = async (conn: LoadingConnector) => {
  for (const t of TABLE_NAMES) await dropRelation((sql) => conn.exec(sql), `src_${t}`);
};

/**
 * Loads an export (Parquet files + optional manifest.json) into `src_<table>`, validates it
 * against the contract and creates the clean tables the measures read. The `src_` tables are
 * gone when it returns or throws: only the clean tables stay, and `exported_episodes_by_program`
 * (program_id VARCHAR, episodes BIGINT) keeps the exported episode counts.
 */
export async function loadExport(
  conn: LoadingConnector,
  files: ExportFile[],
  opts: {
    onProgress?: (p: LoadProgress) => void;
    /** Rows per batch of a streamed table (encounters) where the engine decodes (DuckDB-WASM); tests lower it. */
    batchRows?: number;
  } = {},
): Promise<LoadedExport> {
  const progress = opts.onProgress ?? (() => {});
  const ignoredFiles = files
    .filter((f) => f.name !== 'manifest.json' && !PARQUET_TABLE.has(f.name))
    .map((f) => f.name);
  const manifestFindings: Finding[] = [];
  let manifest: Manifest | null = null;

  const manifestFile = files.find((f) => f.name === 'manifest.json');
  if (manifestFile) {
    progress({ step: 'reading', table: 'manifest' });
    let text: string | null = null;
    try {
      text = new TextDecoder().decode(await manifestFile.bytes());
    } catch {
      manifestFindings.push({
        rule: 'manifest.invalid',
        severity: 'warning',
        table: 'manifest',
        message: 'manifest.json could not be read; it is ignored.',
        count: 1,
        examples: [],
      });
    }
    if (text !== null) {
      const parsed = parseManifest(text);
      manifest = parsed.manifest;
      manifestFindings.push(...parsed.findings);
    }
  }

  await dropSources(conn);
  await conn.exec(`DROP TABLE IF EXISTS ${quoteIdent(EXPORTED_EPISODES)}`);
  const streamed = new Map<TableName, StreamedTable>();
  try {
    return await loadTables(conn, files, manifest, manifestFindings, ignoredFiles, progress, {
      streamed,
      batchRows: opts.batchRows,
    });
  } finally {
    for (const s of streamed.values()) await s.close();
    await dropSources(conn);
  }
}

/** Exported episodes by program before any row is left out (only when program_id is there to count by). */
async function countExportedEpisodes(conn: LoadingConnector) {
  if (!(await sourceColumns(conn, 'episodes')).has('program_id')) return;
  await conn.exec(
    `CREATE TABLE ${quoteIdent(EXPORTED_EPISODES)} AS
     SELECT program_id::VARCHAR AS program_id, count(*)::BIGINT AS episodes FROM src_episodes GROUP BY ALL`,
  );
}

function tooLarge(
  err: TooLargeError,
  table: TableName,
  files: ExportFile[],
  ignoredFiles: string[],
  warnings: Finding[],
): ExportError {
  const finding: Finding = {
    rule: `${table}.too_large`,
    severity: 'error',
    table,
    message: err.message,
    count: 1,
    examples: [],
  };
  const tables: TableReport[] = TABLE_NAMES.map((name) => ({
    name,
    present: files.some((f) => f.name === `${name}.parquet`),
    usable: false,
    rows: name === table ? err.rows : 0,
    excluded: name === table ? err.rows : 0,
  }));
  const report: ValidationReport = { usable: false, errors: [finding], warnings, tables, ignoredFiles };
  return new ExportError(err.message, 'too_large', report);
}

/**
 * The streamed table a failed validation could not read, if any: native DuckDB reads a streamed
 * file only when validation scans it (its footer alone is read at load), so a corrupted page
 * fails there, often without naming Parquet ("invalid TType"); reading every column of the file
 * again tells whether the file is at fault.
 */
async function unreadableStreamed(
  conn: LoadingConnector,
  streamed: ReadonlyMap<TableName, StreamedTable>,
  err: unknown,
): Promise<TableName | undefined> {
  // a refused stream has dropped its batch: the file is not at fault, and reading it again would say so
  if (isOutOfMemory(err) || err instanceof TooLargeError) return undefined;
  if (err instanceof StreamReadError) return streamed.has(err.table) ? err.table : undefined;
  for (const t of streamed.keys()) {
    const reads = await conn
      .query(`SELECT max(hash(t))::VARCHAR AS h FROM ${quoteIdent(rawRelation(t))} AS t`)
      .then(
        () => true,
        () => false,
      );
    if (!reads) return t;
  }
  return undefined;
}

async function loadTables(
  conn: LoadingConnector,
  files: ExportFile[],
  manifest: Manifest | null,
  manifestFindings: Finding[],
  ignoredFiles: string[],
  progress: (p: LoadProgress) => void,
  stream: { streamed: Map<TableName, StreamedTable>; batchRows?: number },
): Promise<LoadedExport> {
  const { streamed } = stream;
  const tableFiles = files.filter((f) => PARQUET_TABLE.has(f.name));
  const rowCounts: Record<string, number> = {};
  const present = new Set<TableName>();
  const readErrors: Finding[] = [];
  for (const [i, file] of tableFiles.entries()) {
    const table = PARQUET_TABLE.get(file.name)!;
    progress({ step: 'reading', table, done: i, total: tableFiles.length });
    try {
      if (STREAMED_TABLES.has(table)) {
        const s = await openStreamed(conn, file, table, { batchRows: stream.batchRows });
        streamed.set(table, s);
        rowCounts[table] = s.rows;
      } else
        rowCounts[table] = await conn.loadParquet(file, `src_${table}`, (rows) =>
          progress({ step: 'loading', table, rows, done: i, total: tableFiles.length }),
        );
      present.add(table);
    } catch (err) {
      if (err instanceof TooLargeError) throw tooLarge(err, table, files, ignoredFiles, manifestFindings);
      readErrors.push({
        rule: `${table}.unreadable`,
        severity: 'error',
        table,
        message: await readFailureMessage(file, err),
        count: 1,
        examples: [],
      });
    }
  }

  const fileList = files.map((f) => ({ name: f.name, size: f.size }));
  const unreadable = () => {
    const tables: TableReport[] = TABLE_NAMES.map((name) => ({
      name,
      present: tableFiles.some((f) => f.name === `${name}.parquet`),
      usable: false,
      rows: rowCounts[name] ?? 0,
      excluded: rowCounts[name] ?? 0,
    }));
    const report: ValidationReport = {
      usable: false,
      errors: readErrors,
      warnings: manifestFindings,
      tables,
      ignoredFiles,
    };
    return new ExportError(`The export could not be read:\n${summary(readErrors)}`, 'unreadable', report);
  };
  if (readErrors.length) throw unreadable();

  const manifestE = manifestFindings.some((f) => f.rule === 'manifest.extract_date')
    ? undefined
    : manifest?.extract_date;
  let result: Awaited<ReturnType<typeof validateAndClean>>;
  let accepted: Finding[];
  try {
    const acceptance = await acceptUnambiguous(conn, present, streamed);
    if (present.has('episodes')) await countExportedEpisodes(conn);
    result = await validateAndClean(conn, {
      present,
      manifestExtractDate: typeof manifestE === 'string' ? manifestE : undefined,
      onProgress: progress,
      streamed,
      onBatch: (table) => acceptance.countBatch(table),
    });
    await acceptance.finish();
    accepted = acceptance.findings;
  } catch (err) {
    // a streamed file is read while it is validated: a batch it cannot decode (or native DuckDB's
    // Parquet reader failing in a scan) is the file's fault, as when a table fails to load
    const broken = await unreadableStreamed(conn, streamed, err);
    if (broken) {
      const file = tableFiles.find((f) => PARQUET_TABLE.get(f.name) === broken)!;
      readErrors.push({
        rule: `${broken}.unreadable`,
        severity: 'error',
        table: broken,
        message: await readFailureMessage(file, err instanceof StreamReadError ? err.cause : err),
        count: 1,
        examples: [],
      });
      throw unreadable();
    }
    if (err instanceof TooLargeError)
      throw tooLarge(err, PARQUET_TABLE.get(err.file) ?? 'encounters', files, ignoredFiles, manifestFindings);
    if (conn.engine !== 'duckdb-wasm' || !isOutOfMemory(err)) throw err;
    // the browser engine ran out of memory validating: name the export's largest table
    const [table, rows] = Object.entries(rowCounts).sort((a, b) => b[1] - a[1])[0] as [TableName, number];
    throw tooLarge(new TooLargeError(`${table}.parquet`, rows), table, files, ignoredFiles, manifestFindings);
  }
  const validation: ValidationReport = {
    usable: result.usable,
    errors: result.errors,
    warnings: [...manifestFindings, ...accepted, ...result.warnings],
    tables: result.tables,
    ignoredFiles,
  };
  if (!result.usable) {
    throw new ExportError(`The export cannot be used:\n${summary(result.errors)}`, 'invalid', validation);
  }
  return {
    manifest,
    extractDate: result.extractDate,
    tables: result.clean,
    rowCounts,
    files: fileList,
    validation,
    paidAmounts: result.clean.includes('encounters') && (await paidAmountsKnown(conn)),
  };
}
