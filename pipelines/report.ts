/** `npm run report -- <folder> [options]`: the measures of measures.md for a folder of Parquet files. */
import { existsSync, statSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { NativeConnector } from '../core/platform/node';
import { ExportError, OutcomeSession, publishReport } from '../core';
import { exportFolderFiles } from './lib/export-folder';
import { parseReportArgs, REPORT_USAGE, UsageError } from './lib/report-args';
import { reportText } from './lib/report-table';

async function main(argv: string[]): Promise<number> {
  if (argv.includes('--help') || argv.includes('-h')) {
    console.log(REPORT_USAGE);
    return 0;
  }
  let args;
  try {
    args = parseReportArgs(argv);
  } catch (err) {
    if (err instanceof UsageError) {
      console.error(`Error: ${err.message}\n\n${REPORT_USAGE}`);
      return 2;
    }
    throw err;
  }
  if (!existsSync(args.folder) || !statSync(args.folder).isDirectory()) {
    console.error(`Error: not a folder: ${args.folder}`);
    return 2;
  }
  const files = await exportFolderFiles(args.folder);
  if (!files.some((f) => f.name.endsWith('.parquet'))) {
    console.error(`Error: no .parquet files in ${args.folder}`);
    return 2;
  }
  const conn = await NativeConnector.open();
  try {
    const session = await OutcomeSession.open(conn, files);
    const known = new Set((await session.options()).programs.map((p) => p.program_id));
    const missing = (args.cohort.programs ?? []).filter((p) => !known.has(p));
    if (missing.length) {
      console.error(`Error: unknown program ${missing.join(', ')}; programs: ${[...known].join(', ')}`);
      return 2;
    }
    const report = await session.report(args.cohort);
    console.log(reportText(report));
    if (args.json && args.exact) {
      await writeFile(args.json, `${JSON.stringify(report, null, 2)}\n`);
      console.error(
        `\nWarning: ${args.json} holds exact figures, small counts included (--exact): not for release.`,
      );
    } else if (args.json) {
      const published = publishReport(report);
      await writeFile(args.json, `${JSON.stringify(published, null, 2)}\n`);
      console.error(
        `\nJSON written to ${args.json} (privacy rule applied: ${published.privacy.suppressed_cells} counts hidden)`,
      );
    }
    return 0;
  } catch (err) {
    if (err instanceof ExportError) {
      console.error(`Error: ${err.message}`);
      return 1;
    }
    throw err;
  } finally {
    await conn.close();
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(`Error: ${err instanceof Error ? err.message : String(err)}`);
    if (process.env.DEBUG) console.error(err);
    process.exit(1);
  },
);
