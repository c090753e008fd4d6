import { stat } from 'node:fs/promises';
import { NativeConnector } from '../../core/platform/node';
import { ExportError, loadExport, type Finding, type LoadedExport, type ValidationReport } from '../../core';
import { parseCommandLine, UsageError } from '../lib/cli';
import { exportFolderFiles } from '../lib/export-folder';

export const usage =
  'validate <folder> [--json]   check an export folder against contract v1 (exit 0 usable with at most warnings, 1 errors, 2 unreadable)';

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

function findingLines(f: Finding): string[] {
  const head = f.severity === 'error' ? 'ERROR  ' : 'WARN   ';
  const count =
    f.count > 1 || (f.severity === 'warning' && f.table !== 'manifest')
      ? ` (${plural(f.count, f.rule.endsWith('.duplicate') ? 'key' : 'row')})`
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
        ? `${plural(t.rows, 'row')}, NOT usable`
        : `${plural(t.rows, 'row')}, usable${t.excluded ? `, ${plural(t.excluded, 'row')} left out` : ''}`;
    out.push(`  ${t.name.padEnd(width)}  ${state}`);
  }
  if (report.errors.length)
    out.push('', `Errors (${report.errors.length})`, ...report.errors.flatMap(findingLines));
  if (report.warnings.length)
    out.push('', `Warnings (${report.warnings.length})`, ...report.warnings.flatMap(findingLines));
  if (report.ignoredFiles.length) out.push('', `Ignored files: ${report.ignoredFiles.join(', ')}`);
  const unusable = report.tables.filter((t) => t.present && !t.usable).map((t) => t.name);
  const notes = [
    ...(unusable.length ? [`without ${unusable.join(', ')}`] : []),
    ...(report.warnings.length ? [`with ${plural(report.warnings.length, 'warning')}`] : []),
  ];
  out.push(
    '',
    report.usable ? `Result: usable${notes.length ? ` ${notes.join(', ')}` : ''}.` : 'Result: NOT usable.',
  );
  return out.join('\n');
}

export async function run(args: string[]): Promise<number> {
  const { values, positionals } = parseCommandLine(args, { json: { type: 'boolean' } });
  const json = values.json ?? false;
  const [folder, extra] = positionals;
  if (!folder || extra !== undefined)
    throw new UsageError(
      folder ? `only one folder, got ${folder} and ${extra}` : 'missing the export folder',
    );
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
    return report.errors.length ? 1 : 0;
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
