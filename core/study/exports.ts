import { auditRelease, describeViolations } from '../privacy/audit';
import { studyCharts } from './charts';
import { studyCsv } from './csv';
import { studyStem } from './file-stem';
import { studyHtml } from './html';
import { publishStudy } from './publish';
import type { Study } from './types';

export const STUDY_JSON_FORMAT = 'iop-outcomes-study/1';

export interface StudyExports {
  html: string;
  json: string;
  csv: string;
}

/** Every export of a study, always after the small-cell rule (measures.md "Privacy rule"). */
export async function studyExports(study: Study): Promise<StudyExports> {
  const published = publishStudy(study);
  const leaks = auditRelease(published);
  if (leaks.length)
    throw new Error(
      `The study was not exported: the privacy audit found ${leaks.length} counts that could be worked back (${describeViolations(leaks).slice(0, 3).join('; ')}).`,
    );
  const charts = await studyCharts(published);
  return {
    html: await studyHtml(published, charts),
    json: `${JSON.stringify({ format: STUDY_JSON_FORMAT, ...published }, null, 2)}\n`,
    csv: studyCsv(published),
  };
}

/**
 * The same files with exact figures, small counts included (command line --exact): for checking
 * against an independent computation, never for release.
 */
export async function studyExactExports(study: Study): Promise<StudyExports> {
  return {
    html: await studyHtml(study, await studyCharts(study)),
    json: `${JSON.stringify({ format: STUDY_JSON_FORMAT, ...study }, null, 2)}\n`,
    csv: studyCsv(study),
  };
}

/** A file name stem for a study (studyStem): letters, digits and dashes, unique per program list. */
export const studyFileStem = (study: Study): string =>
  studyStem(study.meta.programIds, study.meta.comparatorKind);
