import type { ExportFile } from '../engine/connector';
import type { OutcomeSession } from '../measures/session';
import { networkCohort, networkFigures, type NetworkFigures } from './adjusted';
import { buildStudy } from './build';
import { studyCharts } from './charts';
import { studyExports, studyFileStem, type StudyExports } from './exports';
import { studyHtml } from './html';
import { describeInputs } from './inputs';
import type { InputFile, Study, StudyRequest } from './types';
import { PRODUCT_VERSION } from './version';

/** A study for the screen: its exact figures, drawn. */
export interface StudyScreen {
  study: Study;
  screenHtml: string;
  fileStem: string;
}

/** Studies kept built, so the exports asked after the screen do not build theirs again. */
const STUDIES_KEPT = 4;

/**
 * The promise kept under `key`, else `make`'s, kept (the oldest dropped beyond `most`); a promise
 * that fails is dropped, so the next ask tries again.
 */
function kept<T>(
  map: Map<string, Promise<T>>,
  key: string,
  make: () => Promise<T>,
  most = Infinity,
): Promise<T> {
  let value = map.get(key);
  if (!value) {
    value = make();
    if (map.size >= most) map.delete(map.keys().next().value!);
    map.set(key, value);
    value.catch(() => map.delete(key));
  }
  return value;
}

/**
 * Studies of one loaded export: the input files are hashed once and the network's risk model
 * is fitted once per level, window and filters, however many programs are studied.
 */
export class StudyService {
  private inputs: Promise<InputFile[]> | null = null;
  private readonly networks = new Map<string, Promise<NetworkFigures>>();
  private readonly studies = new Map<string, Promise<Study>>();

  constructor(
    private readonly session: OutcomeSession,
    private readonly files: readonly ExportFile[],
    /** The files as described when the export was loaded elsewhere (a snapshot): they are not read again. */
    described?: InputFile[],
  ) {
    if (described) this.inputs = Promise.resolve(described);
  }

  async build(request: StudyRequest): Promise<Study> {
    this.inputs ??= describeInputs(this.files, this.session.loaded.rowCounts);
    const base = networkCohort({
      level: request.level,
      from: request.from,
      to: request.to,
      filters: request.filters,
    });
    const network = kept(this.networks, JSON.stringify(base), () => networkFigures(this.session, base));
    return buildStudy(
      this.session,
      request,
      { files: await this.inputs, productVersion: PRODUCT_VERSION },
      await network,
    );
  }

  /** The study built for `request`, once while it is among the last few asked. */
  private study(request: StudyRequest): Promise<Study> {
    return kept(this.studies, JSON.stringify(request), () => this.build(request), STUDIES_KEPT);
  }

  /** The study on the screen; its exports are made when asked (`exports`), after it is shown. */
  async screen(request: StudyRequest): Promise<StudyScreen> {
    const study = await this.study(request);
    return {
      study,
      screenHtml: await studyHtml(study, await studyCharts(study)),
      fileStem: studyFileStem(study),
    };
  }

  /** The study's exports (small-cell rule applied). */
  async exports(request: StudyRequest): Promise<StudyExports> {
    return studyExports(await this.study(request));
  }
}
