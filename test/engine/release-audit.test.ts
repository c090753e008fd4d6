import { copyFile, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NativeConnector } from '../../core/connectors/native';
import { OutcomeSession } from '../../core/measures/session';
import type { Report } from '../../core/measures/types';
import { auditRelease, describeViolations, tableRelease } from '../../core/privacy/audit';
import { publishReport } from '../../core/privacy/publish-report';
import { quoteLiteral } from '../../core/engine/sql';
import { publishStudy } from '../../core/study/publish';
import { StudyService } from '../../core/study/service';
import type { ExportFile } from '../../core/engine/connector';
import { programsCsvRows } from '../../web/src/views/programs-csv';
import { exportFolderFiles } from '../../pipelines/lib/export-folder';
import { GOLDEN_DIR } from '../support/engines';

const SMALL = 14;
const src = (t: string) => `read_parquet(${quoteLiteral(join(GOLDEN_DIR, `${t}.parquet`))})`;

/** Finding 1 of #15: a program cut to 14 IOP episodes released 12 and 11 beside its 14 episodes. */
describe('small counts can be worked back from released exports', () => {
  let dir: string;
  let conn: NativeConnector;
  let session: OutcomeSession;
  let files: ExportFile[];
  let report: Report;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'iop-small-program-'));
    conn = await NativeConnector.open();
    await conn.exec(`CREATE TABLE kept AS SELECT episode_id FROM ${src('episodes')}
      WHERE program_id <> 'valley' OR level_of_care <> 'iop'
      UNION ALL (SELECT episode_id FROM ${src('episodes')} WHERE program_id = 'valley' AND level_of_care = 'iop'
                 ORDER BY episode_id LIMIT ${SMALL})`);
    for (const t of ['episodes', 'encounters', 'drug_screens', 'followups'])
      await conn.exec(
        `COPY (SELECT * FROM ${src(t)} WHERE episode_id IN (SELECT episode_id FROM kept)) TO ${quoteLiteral(join(dir, `${t}.parquet`))} (FORMAT parquet)`,
      );
    for (const f of ['programs.parquet', 'cost_rates.parquet', 'manifest.json'])
      await copyFile(join(GOLDEN_DIR, f), join(dir, f));
    files = await exportFolderFiles(dir);
    session = await OutcomeSession.open(conn, files);
    report = await session.report({ level: 'iop' });
  });
  afterAll(async () => {
    await conn?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('finds the derivable counts in the exact figures (the audit can fail)', () => {
    expect(report.programs.valley.episodes).toBe(SMALL);
    const leaks = auditRelease(JSON.parse(JSON.stringify(report)));
    expect(leaks.some((v) => v.rule === 'difference' && v.path.startsWith('$.programs.valley'))).toBe(true);
  });

  it('the JSON report gives nothing away', () => {
    const published = publishReport(report);
    expect(describeViolations(auditRelease(published))).toEqual([]);
    expect(published.programs.valley.episodes).toBe(SMALL);
  });

  it("the dashboard's Programs CSV gives nothing away", () => {
    const names = new Map([['valley', 'Valley']]);
    const rows = programsCsvRows(publishReport(report), names, [
      'completion_rate',
      'retention_90',
      'admitted_within_7',
    ]);
    expect(rows.length).toBe(1 + Object.keys(report.programs).length);
    expect(describeViolations(auditRelease(tableRelease(rows)))).toEqual([]);
  });

  it('the study of the small program, and of a large one, gives nothing away, curves included', async () => {
    const studies = new StudyService(session, files);
    for (const program of ['valley', 'northside']) {
      const study = await studies.build({
        level: 'iop',
        programs: [program],
        comparator: { kind: 'others' },
      });
      const exact = auditRelease(JSON.parse(JSON.stringify(study)));
      expect(exact.some((v) => v.rule === 'curve_step')).toBe(true);
      const published = publishStudy(study);
      expect(describeViolations(auditRelease(published)), program).toEqual([]);
    }
  });
});
