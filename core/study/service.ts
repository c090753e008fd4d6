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
    const key = JSON.stringify(base);
    let network = this.networks.get(key);
    if (!network) {
      network = networkFigures(this.session, base);
      this.networks.set(key, network);
      network.catch(() => this.networks.delete(key));
    }
    return buildStudy(
      this.session,
      request,
      { files: await this.inputs, productVersion: PRODUCT_VERSION },
      await network,
    );
  }

  /** The study built for `request`, once while it is among the last few asked. */
  private study(request: StudyRequest): Promise<Study> {
    const key = JSON.stringify(request);
    let study = this.studies.get(key);
    if (!study) {
      study = this.build(request);
      if (this.studies.size >= STUDIES_KEPT) this.studies.delete(this.studies.keys().next().value!);
      this.studies.set(key, study);
      study.catch(() => this.studies.delete(key));
    }
    return study;
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
