import { stat } from 'node:fs/promises';
import { NativeConnector } from '../../core/connectors/native';
import { ExportError, loadExport, type LoadedExport } from '../../core/engine/load-export';
import type { Finding, ValidationReport } from '../../core/validate/types';
import { exportFolderFiles } from '../lib/export-folder';

export const usage =
  'validate <folder> [--json]   check an export folder against contract v1 (exit 0 usable, 1 errors, 2 unreadable)';

function findingLines(f: Finding): string[] {
  const head = f.severity === 'error' ? 'ERROR  ' : 'WARN   ';
  const count =
    f.count > 1 || f.severity === 'warning'
      ? ` (${f.count} ${f.rule.endsWith('.duplicate') ? 'keys' : 'rows'})`
      : '';
  const lines = [`  ${head}${f.rule}${count}: ${f.message}`];
  if (f.examples.length) lines.push(`         e.g. ${f.examples.join(', ')}`);
  return lines;
}

function formatReport(folder: string, report: ValidationReport, loaded?: LoadedExport): string {
  const out = [`Export ${folder}`];
  if (loaded) {
    const fromManifest = loaded.manifest?.extract_date === loaded.extractDate;
    out.push(
      `Extract date ${loaded.extractDate} (${fromManifest ? 'manifest.json' : 'latest date in the data'})`,
    );
  }
  out.push('', 'Tables');
  const width = Math.max(...report.tables.map((t) => t.name.length));
  for (const t of report.tables) {
    const state = !t.present
      ? 'absent'
      : !t.usable
        ? `${t.rows} rows, NOT usable`
        : `${t.rows} rows, usable${t.excluded ? `, ${t.excluded} rows left out` : ''}`;
    out.push(`  ${t.name.padEnd(width)}  ${state}`);
  }
  if (report.errors.length)
    out.push('', `Errors (${report.errors.length})`, ...report.errors.flatMap(findingLines));
  if (report.warnings.length)
    out.push('', `Warnings (${report.warnings.length})`, ...report.warnings.flatMap(findingLines));
  if (report.ignoredFiles.length) out.push('', `Ignored files: ${report.ignoredFiles.join(', ')}`);
  out.push(
    '',
    report.usable
      ? `Result: usable${report.warnings.length ? ` with ${report.warnings.length} warning(s)` : ''}.`
      : 'Result: NOT usable.',
  );
  return out.join('\n');
}

export async function run(args: string[]): Promise<number> {
  const json = args.includes('--json');
  const folder = args.find((a) => !a.startsWith('--'));
  if (!folder) {
    console.error(`Usage: npm run pipelines -- ${usage}`);
    return 2;
  }
  const info = await stat(folder).catch(() => null);
  if (!info?.isDirectory()) {
    console.error(`Cannot read the export: ${folder} is not a folder.`);
    return 2;
  }

  const conn = await NativeConnector.open();
  try {
    const loaded = await loadExport(conn, await exportFolderFiles(folder));
    const report = loaded.validation;
    console.log(
      json
        ? JSON.stringify({ folder, extractDate: loaded.extractDate, ...report }, null, 2)
        : formatReport(folder, report, loaded),
    );
    return 0;
  } catch (err) {
    if (!(err instanceof ExportError)) throw err;
    if (json) console.log(JSON.stringify({ folder, message: err.message, ...err.report }, null, 2));
    else if (err.kind === 'unreadable') console.error(err.message);
    else console.log(formatReport(folder, err.report));
    return err.kind === 'unreadable' ? 2 : 1;
  } finally {
    await conn.close();
  }
}
