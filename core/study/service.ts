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

/** A study for the screen (exact figures) with its exports (small-cell rule applied). */
export interface StudyBundle {
  study: Study;
  screenHtml: string;
  exports: StudyExports;
  fileStem: string;
}

/**
 * Studies of one loaded export: the input files are hashed once and the network's risk model
 * is fitted once per level, window and filters, however many programs are studied.
 */
export class StudyService {
  private inputs: Promise<InputFile[]> | null = null;
  private readonly networks = new Map<string, Promise<NetworkFigures>>();

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

  async bundle(request: StudyRequest): Promise<StudyBundle> {
    const study = await this.build(request);
    return {
      study,
      screenHtml: await studyHtml(study, await studyCharts(study)),
      exports: await studyExports(study),
      fileStem: studyFileStem(study),
    };
  }
}
