import type { Cohort, Grouping } from '../cohort/types';
import { computeComparative } from '../comparative/compute';
import type { Comparative, ComparativeRequest, NotEstimated } from '../comparative/types';
import { FILTER_COLUMNS, FILTER_COLUMN_NAMES } from '../cohort/columns';
import { materializeGroups, PROGRAM_IDS_SQL, programGroups } from '../cohort/groups';
import { PROGRAM_ROWS_SQL, runsWorthRanging, type ProgramRows } from '../cohort/row-range';
import type { LevelOfCare } from '../contract/codes';
import type { Connector, ExportFile, LoadingConnector, Row, SqlValue } from '../engine/connector';
import { loadExport, type LoadedExport, type LoadProgress } from '../engine/load-export';
import { RememberingConnector } from '../engine/remembering-connector';
import type { LogRankResult } from '../stats/log-rank';
import { episodeSummarySql } from './episode-summary';
import { EPISODE_TABLES, episodeWideSql, prepareEpisodeTables } from './episode-wide';
import type { MeasureContext } from './group';
import { MEASURE_GROUPS } from './registry';
import { computeReport } from './report';
import { RISK_SQL } from './risk';
import { kmCurves, logRank, type CurveKind, type KmPoint } from './retention';
import { retentionDifferences, type RetentionDifference } from './retention-comparison';
import { computeSeries, SERIES_SQL, type SeriesPart, type SeriesSet } from './series';
import { EPISODES, measuresFor, type GroupedMeasures } from './measures-for';
import {
  programSums,
  readsBase,
  sumQueryKey,
  sumRows,
  type ProgramSums,
  type SumQuery,
} from './program-sums';
import type { Report } from './types';
import { ownRuns, readRuns, runLength, runsSql, type Run, type RunsQuery } from './runs';
import { ENCOUNTER_TOTALS, encounterTotalsSql } from '../validate/encounter-totals';

export type { GroupedMeasures };

const BY_PROGRAM: Grouping = { kind: 'by', column: 'program_id' };
/** Rows by program kept per sum query at most (the cohort counts by program at 250k IOP episodes: 9.4k). */
const KEPT_ROWS = 200_000;
/** Values of a runs query kept by program (8 bytes each): beyond them, a tick reads its own rows. */
const KEPT_VALUES = 16_000_000;

export interface SessionOptions {
  levels: { level: string; episodes: number }[];
  programs: { program_id: string; program_name: string }[];
  admit_from: string | null;
  admit_to: string | null;
  filters: Record<string, (string | boolean | null)[]>;
}

/**
 * The facade every UI and the command line use: one loaded export, its per-episode tables
 * prepared, and measures for any cohort and grouping. Calls run one at a time, since they share
 * the cohort_eps view.
 */
export class OutcomeSession {
  private queue: Promise<unknown> = Promise.resolve();
  /** What cohort_eps holds now, so the next call for the same cohort and grouping reuses it. */
  private materialised: { key: string; groups: string[] } | null = null;
  /** Each level and program's run of rows, read once: a cohort's row range is then found with no statement. */
  private programRows: ProgramRows[] | null = null;
  /** Every program id, read once: a grouping by program's groups are then found with no statement. */
  private programIds: { id: string }[] | null = null;
  /**
   * The results by program of the sum queries ('rows <SQL>') and runs queries ('runs <SQL>') run
   * for one base cohort (every program of a level, the other filters as asked): a cohort that
   * differs from it by its programs alone sums or takes them with no statement (Mosaic's
   * pre-aggregation). Null for a result too large to keep.
   */
  private byProgram: { base: string; kept: Map<string, unknown> } | null = null;
  /**
   * The last few cohorts' memo values (MeasureContext.memo), by cohort and grouping, then name:
   * its summed rows by SQL (a view asks the same counts several times), its risk models' fits.
   */
  private readonly memos = new Map<string, Map<string, Promise<unknown>>>();

  /**
   * The measures' connection: it remembers read-only results until anything else runs through it,
   * so the calls of one cohort share their statements. Measures reach it through context().
   */
  private readonly remembering: RememberingConnector;

  private constructor(
    readonly conn: LoadingConnector,
    readonly loaded: LoadedExport,
  ) {
    this.remembering = new RememberingConnector(conn);
  }

  static async open(
    conn: LoadingConnector,
    files: ExportFile[],
    opts: { onProgress?: (p: LoadProgress) => void } = {},
  ): Promise<OutcomeSession> {
    return OutcomeSession.prepare(conn, await loadExport(conn, files, opts), opts);
  }

  /** For an export already loaded into clean tables (tests, or a reload without re-reading files). */
  static async prepare(
    conn: LoadingConnector,
    loaded: LoadedExport,
    opts: { onProgress?: (p: LoadProgress) => void } = {},
  ): Promise<OutcomeSession> {
    const session = new OutcomeSession(conn, loaded);
    const ctx = session.context('iop');
    await prepareEpisodeTables(ctx, (done) =>
      opts.onProgress?.({
        step: 'preparing',
        table: EPISODE_TABLES[done],
        done,
        total: EPISODE_TABLES.length,
      }),
    );
    return session;
  }

  /** For a database that already holds the clean and prepared tables (a pre-validated snapshot). */
  static fromPrepared(conn: LoadingConnector, loaded: LoadedExport): OutcomeSession {
    return new OutcomeSession(conn, loaded);
  }

  context(level: LevelOfCare): MeasureContext {
    return {
      conn: this.remembering,
      tables: new Set(this.loaded.tables),
      extractDate: this.loaded.extractDate,
      level,
      clientLinkage: this.loaded.manifest?.client_linkage !== false,
      paidAmounts: this.loaded.paidAmounts,
    };
  }

  private exclusive<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.queue.then(fn, fn);
    this.queue = run.catch(() => undefined);
    return run;
  }

  /**
   * Makes cohort_eps for the grouping and runs fn while it holds it. fn must not call the
   * session's own methods (they wait for fn: a deadlock); use ctx and the static measuresFor.
   */
  withGroups<T>(
    cohort: Cohort,
    grouping: Grouping,
    fn: (ctx: MeasureContext, groups: string[]) => Promise<T>,
  ): Promise<T> {
    return this.exclusive(async () => {
      const memo = this.memo(JSON.stringify([cohort, grouping]));
      const sums = programSums(cohort, grouping);
      if (!sums) return fn({ ...this.context(cohort.level), memo }, await this.hold(cohort, grouping));
      // One statement at a time, as each may first make cohort_eps another cohort's.
      let last: Promise<unknown> = Promise.resolve();
      const inTurn = <T>(step: () => Promise<T>): Promise<T> => {
        const run = last.then(step, step);
        last = run.catch(() => undefined);
        return run;
      };
      const held = () => this.hold(cohort, grouping);
      const conn: Connector = {
        engine: this.remembering.engine,
        query: (sql, params) => inTurn(async () => (await held(), this.remembering.query(sql, params))),
        queryColumns: (sql, params) =>
          inTurn(async () => (await held(), this.remembering.queryColumns(sql, params))),
        exec: (sql) => inTurn(async () => (await held(), this.remembering.exec(sql))),
        close: () => this.remembering.close(),
      };
      const ctx: MeasureContext = {
        ...this.context(cohort.level),
        conn,
        sums: (q) => inTurn(() => this.summed(q, sums, held, memo)),
        runs: (q) => inTurn(() => this.programRuns(q, sums, held)),
        memo,
      };
      const groups =
        grouping.kind === 'overall'
          ? ['overall']
          : programGroups((this.programIds ??= await this.remembering.query(PROGRAM_IDS_SQL)), cohort);
      return fn(ctx, groups);
    });
  }

  /** A cohort's memo (MeasureContext.memo): the last 4 cohorts' are kept; a failed value is not. */
  private memo(of: string): NonNullable<MeasureContext['memo']> {
    let values = this.memos.get(of);
    this.memos.delete(of);
    this.memos.set(of, (values ??= new Map()));
    for (const old of this.memos.keys()) if (this.memos.size > 4) this.memos.delete(old);
    return <T>(name: string, make: () => Promise<T>): Promise<T> => {
      let value = values.get(name) as Promise<T> | undefined;
      if (!value) {
        values.set(name, (value = make()));
        value.catch(() => values.delete(name));
      }
      return value;
    };
  }

  /** Each level and program's run of rows, read once (none below a row group: every row read). */
  private async runs(): Promise<ProgramRows[]> {
    return (this.programRows ??= runsWorthRanging(
      await this.remembering.query<ProgramRows>(PROGRAM_ROWS_SQL),
    ));
  }

  /** Makes cohort_eps the cohort's, grouped, unless it is already; returns its groups. */
  private async hold(cohort: Cohort, grouping: Grouping): Promise<string[]> {
    const key = JSON.stringify([cohort, grouping]);
    if (this.materialised?.key !== key) {
      this.materialised = null;
      const groups = await materializeGroups(this.remembering, cohort, grouping, await this.runs());
      this.materialised = { key, groups };
    }
    return [...this.materialised.groups];
  }

  /**
   * A query's result over the cohort's base grouped by program (`read` while cohort_eps holds it),
   * kept under `key` when `keep` says it is small enough; null when the cohort's own rows are to be
   * read instead: no result of the base is kept and it would cost much more than the cohort's own,
   * or this one was too large to keep (then each tick would read the level again). A base some of
   * whose results are kept is being explored: its other queries join them.
   */
  private async fromBase<T>(
    key: string,
    sums: ProgramSums,
    read: () => Promise<T>,
    keep: (result: T) => boolean,
  ): Promise<T | null> {
    const base = JSON.stringify(sums.base);
    const kept = this.byProgram?.base === base ? this.byProgram.kept : null;
    const found = kept?.get(key) as T | null | undefined;
    if (found) return found;
    const own = kept ? kept.has(key) : !readsBase(await this.runs(), sums);
    if (own && sums.programs) return null;
    await this.hold(sums.base, BY_PROGRAM);
    if (this.byProgram?.base !== base) this.byProgram = { base, kept: new Map() };
    const result = await read();
    this.byProgram.kept.set(key, keep(result) ? result : null);
    return result;
  }

  /**
   * A sum query's rows, summed from its base's rows by program, which are read once and kept
   * (fromBase), or the cohort's own rows.
   */
  private async summed(
    q: SumQuery,
    sums: ProgramSums,
    held: () => Promise<unknown>,
    memo: NonNullable<MeasureContext['memo']>,
  ): Promise<Row[]> {
    const own = async () => (await held(), this.remembering.query(q.sql, q.params));
    // its groups are unions of programs, and a median of theirs is no sum of the programs'
    if (q.perGroup && !sums.byProgram) return own();
    const key = `rows ${sumQueryKey(q)}`;
    const frozen = async (sql: string, params?: readonly SqlValue[]) =>
      (await this.remembering.query(sql, params)).map(Object.freeze);
    const rows = await this.fromBase(
      key,
      sums,
      async () => {
        const read = await frozen(q.sql, q.params);
        // the risk models' groups are the programs with episodes; a grouped call whose measures
        // have no row items asks them alone
        const episodes = `rows ${sumQueryKey(EPISODES)}`;
        if (!this.byProgram!.kept.has(episodes))
          this.byProgram!.kept.set(episodes, await frozen(EPISODES.sql));
        return read;
      },
      (r) => r.length <= KEPT_ROWS,
    );
    if (!rows) return own();
    // rows are frozen: shared by every call of the cohort, and a program's kept rows by every cohort
    return [...(await memo(`sums ${key}`, async () => sumRows(rows, q.keys, sums)))];
  }

  /** A runs query's runs by grp: each program's run of its base's (fromBase), or the cohort's own, one a grp. */
  private async programRuns(
    q: RunsQuery,
    sums: ProgramSums,
    held: () => Promise<unknown>,
  ): Promise<Map<string, Run[]>> {
    const byProgram = await this.fromBase(
      `runs ${sumQueryKey({ sql: runsSql(q), params: q.params, keys: [] })}`,
      sums,
      () => readRuns(this.remembering, q),
      (runs) =>
        [...runs.values()].reduce((s, r) => s + runLength(r) * Object.keys(r).length, 0) <= KEPT_VALUES,
    );
    if (!byProgram) return (await held(), ownRuns(this.remembering, q));
    const out = new Map<string, Run[]>();
    for (const [program, run] of byProgram) {
      if (sums.programs && !sums.programs.has(program)) continue;
      const grp = sums.grp(program);
      (out.get(grp) ?? out.set(grp, []).get(grp)!).push(run);
    }
    return out;
  }

  /** Every measure for every group of cohort_eps (call inside withGroups). */
  static measuresFor = measuresFor;

  /** Every measure, or with `only` the measure groups producing those measures, for every group. */
  grouped(cohort: Cohort, grouping: Grouping, only?: readonly string[]): Promise<GroupedMeasures> {
    return this.withGroups(cohort, grouping, (ctx, groups) => OutcomeSession.measuresFor(ctx, groups, only));
  }

  /** The report; with `programsOnly`, a table of programs' (computeReport). */
  report(cohort: Cohort, programsOnly?: readonly string[]): Promise<Report> {
    return computeReport(this, cohort, programsOnly);
  }

  /** The not-dropped-out curve ('retention', default) or the still-in-treatment curve ('in_treatment'). */
  kmCurves(
    cohort: Cohort,
    grouping: Grouping,
    maxDay = 180,
    kind: CurveKind = 'retention',
  ): Promise<Map<string, KmPoint[]>> {
    return this.withGroups(cohort, grouping, (ctx, groups) => kmCurves(ctx, groups, maxDay, kind));
  }

  /** Day-90 and RMST differences of every group against the first. */
  retentionDifferences(cohort: Cohort, grouping: Grouping): Promise<RetentionDifference[]> {
    return this.withGroups(cohort, grouping, (ctx, groups) => retentionDifferences(ctx, groups));
  }

  logRank(cohort: Cohort, grouping: Grouping): Promise<LogRankResult | null> {
    return this.withGroups(cohort, grouping, (ctx, groups) => logRank(ctx, groups));
  }

  series(cohort: Cohort, grouping: Grouping, maxDay?: number): Promise<SeriesSet>;
  series<P extends SeriesPart>(
    cohort: Cohort,
    grouping: Grouping,
    maxDay: number,
    parts: readonly P[],
  ): Promise<Pick<SeriesSet, P>>;
  series(
    cohort: Cohort,
    grouping: Grouping,
    maxDay = 180,
    parts?: readonly SeriesPart[],
  ): Promise<Partial<SeriesSet>> {
    return this.withGroups(cohort, grouping, (ctx, groups) =>
      parts ? computeSeries(ctx, groups, maxDay, parts) : computeSeries(ctx, groups, maxDay),
    );
  }

  /** comparative-effectiveness.md for two levels of care, with the cohort's window and filters. */
  comparative(request: ComparativeRequest): Promise<Comparative | NotEstimated> {
    return this.exclusive(async () => {
      const r = await computeComparative(this.context(request.treatmentLevel ?? 'iop'), request);
      return 'comparative' in r ? r.comparative : r;
    });
  }

  /** The values a UI offers for each filter: levels, programs, admission dates and covariate values. */
  options(): Promise<SessionOptions> {
    return this.exclusive(async () => {
      const levels = await this.conn.query<{ level: string; episodes: number }>(
        'SELECT level_of_care AS level, count(*)::INTEGER AS episodes FROM ep_summary GROUP BY level_of_care ORDER BY episodes DESC, level',
      );
      const programs = await this.conn.query<{ program_id: string; program_name: string }>(
        'SELECT program_id, program_name FROM programs ORDER BY program_id',
      );
      const [range] = await this.conn.query<{ from: string | null; to: string | null }>(
        'SELECT min(admit_date) AS "from", max(admit_date) AS "to" FROM ep_summary',
      );
      const filters: SessionOptions['filters'] = {};
      for (const column of FILTER_COLUMN_NAMES) {
        const rows = await this.conn.query<{ v: string | boolean | null }>(
          `SELECT DISTINCT e.${column} AS v FROM ep_summary e`,
        );
        const present = rows.map((r) => r.v);
        const codes = FILTER_COLUMNS[column].codes.filter((c) => present.includes(c));
        const other = present.filter((v) => v !== null && !codes.includes(v)).sort();
        filters[column] = [...codes, ...other, ...(present.includes(null) ? [null] : [])];
      }
      return { levels, programs, admit_from: range?.from ?? null, admit_to: range?.to ?? null, filters };
    });
  }

  /** The exact SQL of every measure, by group and step, for the study's reproducibility section. */
  measureSql(): Record<string, string> {
    const tables = new Set(this.loaded.tables);
    const out: Record<string, string> = {
      ...(tables.has('encounters') ? { [ENCOUNTER_TOTALS]: encounterTotalsSql() } : {}),
      ep_summary: episodeSummarySql(tables),
    };
    for (const g of MEASURE_GROUPS)
      for (const [step, sql] of Object.entries(g.sql)) out[`${g.id}.${step}`] = sql;
    out.ep_wide = episodeWideSql();
    for (const [step, sql] of Object.entries(RISK_SQL)) out[`risk.${step}`] = sql;
    for (const [step, sql] of Object.entries(SERIES_SQL)) out[`series.${step}`] = sql;
    return out;
  }
}
