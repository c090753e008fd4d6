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
  const charts = await studyCharts(published);
  return {
    html: await studyHtml(published, charts),
    json: `${JSON.stringify({ format: STUDY_JSON_FORMAT, ...published }, null, 2)}\n`,
    csv: studyCsv(published),
  };
}

/** A file name stem for a study (studyStem): letters, digits and dashes, unique per program list. */
export const studyFileStem = (study: Study): string =>
  studyStem(study.meta.programIds, study.meta.comparatorKind);
