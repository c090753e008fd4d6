import { TABLE_NAMES, type Manifest, type TableName } from '../contract/schema';
import { parseManifest } from '../validate/manifest';
import type { Finding, TableReport, ValidationReport } from '../validate/types';
import { validateAndClean } from '../validate/validate-export';
import type { ExportFile, LoadingConnector } from './connector';
import { readFailureMessage } from './read-failure';
import { quoteIdent } from './sql';

export interface LoadProgress {
  step: 'reading' | 'decoding' | 'loading' | 'validating' | 'preparing';
  table?: string;
  rows?: number;
  done?: number;
  total?: number;
}

export interface LoadedExport {
  manifest: Manifest | null;
  /** E, 'YYYY-MM-DD': the manifest's extract_date, else the latest date in the data. */
  extractDate: string;
  /** Contract tables with a usable clean table of that name. */
  tables: TableName[];
  /** Rows of each exported table as stored (src_<table>). */
  rowCounts: Record<string, number>;
  files: { name: string; size: number }[];
  validation: ValidationReport;
}

/** The export cannot be used. `message` is for a person; `report` says everything that is wrong. */
export class ExportError extends Error {
  constructor(
    message: string,
    /** unreadable: a file could not be read; invalid: a required table is missing or unusable. */
    readonly kind: 'unreadable' | 'invalid',
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

/**
 * Loads an export (Parquet files + optional manifest.json) into `src_<table>`, validates it
 * against the contract and creates the clean tables the measures read.
 */
export async function loadExport(
  conn: LoadingConnector,
  files: ExportFile[],
  opts: { onProgress?: (p: LoadProgress) => void } = {},
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

  const tableFiles = files.filter((f) => PARQUET_TABLE.has(f.name));
  const rowCounts: Record<string, number> = {};
  const present = new Set<TableName>();
  const readErrors: Finding[] = [];
  for (const t of TABLE_NAMES) await conn.exec(`DROP TABLE IF EXISTS ${quoteIdent(`src_${t}`)}`);
  for (const [i, file] of tableFiles.entries()) {
    const table = PARQUET_TABLE.get(file.name)!;
    progress({ step: 'reading', table, done: i, total: tableFiles.length });
    try {
      rowCounts[table] = await conn.loadParquet(file, `src_${table}`, (rows) =>
        progress({ step: 'loading', table, rows }),
      );
      present.add(table);
    } catch (err) {
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
  if (readErrors.length) {
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
    throw new ExportError(`The export could not be read:\n${summary(readErrors)}`, 'unreadable', report);
  }

  const manifestE = manifestFindings.some((f) => f.rule === 'manifest.extract_date')
    ? undefined
    : manifest?.extract_date;
  const result = await validateAndClean(conn, {
    present,
    manifestExtractDate: typeof manifestE === 'string' ? manifestE : undefined,
    onProgress: progress,
  });
  const validation: ValidationReport = {
    usable: result.usable,
    errors: result.errors,
    warnings: [...manifestFindings, ...result.warnings],
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
  };
}
