import {
  computeRiskAdjusted,
  ExportError,
  funnel,
  OutcomeSession,
  riskOutcomeUnavailable,
  sessionFromSnapshot,
  StudyService,
  thinSizes,
  type ExportFile,
} from '../../../core';
import type { EngineApi, EngineMethod, LoadedSummary, OpenFailure } from './engine-api';
import { pageProgress, type LoadProgress } from './protocol';
import { tedsReferenceOf } from './teds-reference-host';
import type { BrowserWasmConnector } from './wasm-browser';
import type { QueryClock } from '../../../core/platform/browser';

export class OpenError extends Error {
  constructor(readonly failure: OpenFailure) {
    super(failure.message);
  }
}

/** An OutcomeSession in the worker, answering EngineApi calls. */
export class HostedSession {
  private constructor(
    private readonly session: OutcomeSession,
    private readonly conn: BrowserWasmConnector,
    readonly summary: LoadedSummary,
    private readonly studies: StudyService,
  ) {}

  static async open(
    conn: BrowserWasmConnector,
    files: ExportFile[],
    label: string,
    progress: (p: LoadProgress) => void,
  ): Promise<HostedSession> {
    const t0 = performance.now();
    let session: OutcomeSession;
    try {
      session = await OutcomeSession.open(conn, files, {
        onProgress: (p) => progress(pageProgress(p)),
      });
    } catch (err) {
      if (err instanceof ExportError) throw new OpenError({ message: err.message, report: err.report });
      throw err;
    }
    const options = await session.options();
    const seconds = (performance.now() - t0) / 1000;
    return new HostedSession(
      session,
      conn,
      { label, loaded: session.loaded, options, engine: 'duckdb-wasm', seconds, from: 'files' },
      new StudyService(session, files),
    );
  }

  /** The bundled sample from its pre-validated snapshot, attached as `conn`'s database: no load, no validation. */
  static async fromSnapshot(conn: BrowserWasmConnector, label: string): Promise<HostedSession> {
    const t0 = performance.now();
    const { session, inputs, options } = await sessionFromSnapshot(conn);
    const seconds = (performance.now() - t0) / 1000;
    return new HostedSession(
      session,
      conn,
      { label, loaded: session.loaded, options, engine: 'duckdb-wasm', seconds, from: 'snapshot' },
      new StudyService(session, [], inputs),
    );
  }

  private readonly api: EngineApi = {
    grouped: (c, g, only) => this.session.grouped(c, g, only),
    report: (c, only) => this.session.report(c, only),
    kmCurves: (c, g, d, k) => this.session.kmCurves(c, g, d, k),
    retentionDifferences: (c, g) => this.session.retentionDifferences(c, g),
    logRank: (c, g) => this.session.logRank(c, g),
    series: (c, g, d, parts) => this.session.series(c, g, d, parts),
    options: () => this.session.options(),
    comparative: (r) => this.session.comparative(r),
    study: (r) => this.studies.screen(r),
    studyExports: (r) => this.studies.exports(r),
    tedsReference: (files) => tedsReferenceOf(files),
    funnel: (c, outcome = 'completion_rate') =>
      this.session.withGroups(c, { kind: 'by', column: 'program_id' }, async (ctx) => {
        const missing = riskOutcomeUnavailable(ctx, outcome);
        if (missing) return { unavailable: missing.reason };
        const risk = await computeRiskAdjusted(ctx, outcome);
        const { c_statistic, brier, n } = risk.model;
        return {
          ...funnel(risk, { headroom: 1.15, minN: 10, overdispersed: true, sizes: thinSizes }),
          overall: risk.overall,
          overdispersion: risk.overdispersion,
          model: { c_statistic, brier, n },
        };
      }),
  };

  /** The connection's running statement count and times (engine.worker.ts reports a call's share). */
  get clock(): Readonly<QueryClock> {
    return this.conn.clock;
  }

  call(method: string, args: unknown[]): Promise<unknown> {
    if (!Object.hasOwn(this.api, method)) throw new Error(`unknown engine method ${method}`);
    const fn = this.api[method as EngineMethod] as (...a: unknown[]) => Promise<unknown>;
    return fn(...args);
  }

  close(): Promise<void> {
    return this.conn.close();
  }
}
