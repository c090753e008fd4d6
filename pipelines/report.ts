/** `npm run report -- <folder> [options]`: the measures of measures.md for a folder of Parquet files. */
import { writeFile } from 'node:fs/promises';
import { NativeConnector } from '../core/platform/node';
import { auditRelease, describeViolations, OutcomeSession, publishReport } from '../core';
import { exportFolderArg, runCommand } from './lib/cli';
import { parseReportArgs, REPORT_USAGE } from './lib/report-args';
import { reportText } from './lib/report-table';

async function main(argv: string[]): Promise<number> {
  const args = parseReportArgs(argv);
  const files = await exportFolderArg(args.folder);
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
      const leaks = auditRelease(published);
      if (leaks.length) {
        console.error(
          `Error: ${args.json} not written: the privacy audit found ${leaks.length} counts that could be worked back:\n${describeViolations(leaks).slice(0, 10).join('\n')}`,
        );
        return 1;
      }
      await writeFile(args.json, `${JSON.stringify(published, null, 2)}\n`);
      console.error(
        `\nJSON written to ${args.json} (privacy rule applied: ${published.privacy.suppressed_cells} counts hidden)`,
      );
    }
    return 0;
  } finally {
    await conn.close();
  }
}

runCommand(REPORT_USAGE, main);
