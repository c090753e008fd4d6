import { startTransition, useCallback, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { CohortDrawer } from '../components/CohortDrawer';
import { ComparePanel } from '../components/ComparePanel';
import { FilterPanel } from '../components/FilterPanel';
import { LinkNotice } from '../components/LinkNotice';
import { LoadFailure } from '../components/LoadFailure';
import { ErrorBoundary } from '../components/ErrorBoundary';
import { LoadStatus } from '../components/LoadStatus';
import { OpenExport } from '../components/OpenExport';
import { ViewNav } from '../components/ViewNav';
import { CancelledError, EngineError } from '../engine/client';
import type { LoadedSummary, OpenFailure } from '../engine/engine-api';
import {
  fetchFirstScreen,
  isFirstScreenOf,
  proveFirstScreen,
  type FirstScreen,
} from '../engine/first-screen';
import type { ExportSource, LoadProgress } from '../engine/protocol';
import { SAMPLE_LABEL } from '../engine/sample-listing';
import { COVARIATES, formatCount, LEVEL_LABELS } from '../../../core';
import type { AppState } from '../state/app-state';
import { VIEW_COMPONENTS } from '../views';
import { DataContext, type DataContextValue } from './data-context';
import { droppedFiles, exportFilesOf } from './drop-files';
import { fitToExport } from './fit-to-export';
import { engine, queries, sampleSource } from './engine';
import { useBusy } from './busy';
import { useUrlState } from './use-url-state';

/** The cohort and comparison in a few words, for the folded drawer on a narrow screen. */
function cohortSummary(state: AppState): string {
  const level = LEVEL_LABELS[state.cohort.level ?? ''] ?? state.cohort.level ?? 'All levels';
  const filtered = Object.values(state.cohort.filters ?? {}).filter(
    (v) => Array.isArray(v) && v.length,
  ).length;
  const programs = state.cohort.programs?.length;
  const c = state.compare;
  const compare =
    c.kind === 'none'
      ? null
      : c.kind === 'sets'
        ? `${c.sets.length} cohorts compared`
        : `by ${c.column === 'program_id' ? 'program' : COVARIATES[c.column].label.toLowerCase()}`;
  return [
    level,
    programs ? `${programs} program${programs === 1 ? '' : 's'}` : null,
    filtered ? `${filtered} filter${filtered === 1 ? '' : 's'}` : null,
    compare,
  ]
    .filter(Boolean)
    .join(' · ');
}

/** `value` once the browser painted what is committed now. */
const afterPaint = <T,>(value: T) =>
  new Promise<T>((resolve) => requestAnimationFrame(() => setTimeout(() => resolve(value))));

function LockIcon() {
  return (
    <svg className="lock" width="13" height="13" viewBox="0 0 16 16" aria-hidden="true" focusable="false">
      <path fill="currentColor" d="M4 7V5a4 4 0 1 1 8 0v2h1v8H3V7h1zm2 0h4V5a2 2 0 1 0-4 0v2z" />
    </svg>
  );
}

/**
 * The figures, busy while the page waits for answers or charts. Busy is read here and in BusyNote
 * alone: read in App, each change of it re-rendered the whole page (the filter and compare panels,
 * the navigation, the view), several times a filter click; the view passed in is not re-rendered.
 */
function Figures({
  loading,
  firstScreen,
  children,
}: {
  loading: boolean;
  firstScreen: boolean;
  children: ReactNode;
}) {
  const busy = useBusy();
  return (
    <main
      id="main"
      tabIndex={-1}
      aria-busy={busy || undefined}
      data-ready={!busy && !loading ? 'true' : 'false'}
      data-first-screen={firstScreen ? 'shipped' : undefined}
    >
      {children}
    </main>
  );
}

function BusyNote() {
  const busy = useBusy();
  return (
    <span className={busy ? 'updating' : 'updating idle'} role="status" aria-live="polite">
      {busy ? 'Updating figures…' : ''}
    </span>
  );
}

export function App() {
  const [state, setState, linkNotices, dismissLinkNotices] = useUrlState();
  const [summary, setSummary] = useState<LoadedSummary | null>(null);
  const [generation, setGeneration] = useState(0);
  const [loading, setLoading] = useState<{ label: string; progress: LoadProgress | null } | null>(null);
  const [failure, setFailure] = useState<{ label: string; failure: OpenFailure } | null>(null);
  const [dragging, setDragging] = useState(false);
  const stateRef = useRef(state);
  stateRef.current = state;
  /** The level picked for the last export when the URL set none: still 'not chosen' while unchanged. */
  const defaultedLevel = useRef<string | null>(null);

  /** The load in flight: a newer one, or Cancel, stops it (the export shown before stays in use). */
  const running = useRef<AbortController | null>(null);
  /** Every load gets its own generation; the last one shown from the engine, to go back to. */
  const generations = useRef(0);
  const shownByEngine = useRef<{ summary: LoadedSummary | null; generation: number }>({
    summary: null,
    generation: 0,
  });
  /** The figures are the sample's shipped first screen while the engine still starts (for this load). */
  const [firstScreenShown, setFirstScreenShown] = useState(false);
  const firstScreenOf = useRef<AbortController | null>(null);
  /** Back to what the engine has open, when the load the first screen was shown for stops. */
  const leaveFirstScreen = useCallback(() => {
    if (!firstScreenOf.current) return;
    firstScreenOf.current = null;
    setFirstScreenShown(false);
    setSummary(shownByEngine.current.summary);
    setGeneration(shownByEngine.current.generation);
  }, []);

  const show = useCallback(
    (s: LoadedSummary, g: number) => {
      setSummary(s);
      setGeneration(g);
      const current = stateRef.current;
      const levelChosen =
        new URLSearchParams(window.location.search).has('level') &&
        current.cohort.level !== defaultedLevel.current;
      const fitted = fitToExport(current, s, levelChosen);
      defaultedLevel.current = levelChosen ? null : fitted.cohort.level;
      if (fitted !== current) setState(fitted);
    },
    [setState],
  );

  /**
   * Loads an export; with `firstScreen` (the sample's shipped answers) its figures are shown as soon
   * as they arrive, under the generation the load gets, which the load keeps only when the engine
   * opened the very export they were computed on.
   */
  const load = useCallback(
    async (source: ExportSource, label: string, firstScreen?: Promise<FirstScreen | null>) => {
      running.current?.abort();
      leaveFirstScreen();
      const stop = new AbortController();
      running.current = stop;
      const target = ++generations.current;
      let seeded: FirstScreen | null = null;
      setLoading({ label, progress: null });
      setFailure(null);
      // after the load status is on screen: drawing the first screen holds the main thread a moment
      void firstScreen?.then(afterPaint).then((screen) => {
        if (!screen || running.current !== stop) return;
        seeded = screen;
        for (const a of screen.answers) queries.seed(target, a.method, a.args, a.value);
        const { loaded, options } = screen;
        firstScreenOf.current = stop;
        // drawn in the background, so the page keeps answering (Cancel, Open) meanwhile
        startTransition(() => {
          show(
            { label: SAMPLE_LABEL, loaded, options, engine: 'duckdb-wasm', seconds: 0, from: 'snapshot' },
            target,
          );
          setFirstScreenShown(true);
        });
      });
      try {
        const s = await engine.open(source, (progress) => setLoading({ label, progress }), stop.signal);
        // answers seeded for another export than the one opened are never reused: a new generation
        const g = seeded && !isFirstScreenOf(seeded, s) ? ++generations.current : target;
        if (firstScreenOf.current === stop) {
          firstScreenOf.current = null;
          setFirstScreenShown(false);
        }
        shownByEngine.current = { summary: s, generation: g };
        show(s, g);
        if (seeded && g === target)
          void proveFirstScreen(seeded, (method, args) =>
            (engine.call as (m: string, ...a: unknown[]) => Promise<unknown>)(method, ...args),
          );
      } catch (err) {
        if (firstScreenOf.current === stop) leaveFirstScreen();
        if (err instanceof CancelledError || stop.signal.aborted) return;
        const failure =
          err instanceof EngineError && err.failure
            ? err.failure
            : { message: err instanceof Error ? err.message : String(err) };
        setFailure({ label, failure });
      } finally {
        if (running.current === stop) {
          running.current = null;
          setLoading(null);
        }
      }
    },
    [show, leaveFirstScreen],
  );

  const cancelLoad = useCallback(() => {
    running.current?.abort();
    running.current = null;
    leaveFirstScreen();
    setLoading(null);
  }, [leaveFirstScreen]);

  const started = useRef(false);
  useEffect(() => {
    if (started.current) return;
    started.current = true;
    const sample = sampleSource();
    void load(sample, 'the sample data', fetchFirstScreen(sample.baseUrl));
  }, [load]);

  const openFiles = useCallback(
    (picked: File[], label: string) => {
      const chosen = exportFilesOf(picked);
      if ('refused' in chosen) setFailure({ label, failure: { message: chosen.refused } });
      else void load({ kind: 'files', files: chosen.files, label }, label);
    },
    [load],
  );

  const onDrop = async (e: React.DragEvent) => {
    e.preventDefault();
    setDragging(false);
    const { files, label } = await droppedFiles(e.dataTransfer);
    if (files.length) openFiles(files, label);
  };

  const context: DataContextValue | null = useMemo(
    () => (summary ? { summary, generation, state, setState } : null),
    [summary, generation, state, setState],
  );
  const View = VIEW_COMPONENTS[state.view];
  const loaded = summary?.loaded;

  return (
    <div
      className={dragging ? 'app dragging' : 'app'}
      onDragOver={(e) => {
        e.preventDefault();
        setDragging(true);
      }}
      onDragLeave={(e) => {
        if (e.currentTarget === e.target) setDragging(false);
      }}
      onDrop={onDrop}
    >
      <a className="skip-link" href="#main">
        Skip to the figures
      </a>
      <header className="app-header">
        <div className="brand">
          <h1>IOP Outcomes</h1>
          <p className="tagline">Outcomes of intensive outpatient addiction treatment</p>
        </div>
        <div className="dataset" data-testid="dataset" data-generation={generation} data-from={summary?.from}>
          {summary && loaded ? (
            <>
              <strong>{summary.label}</strong>
              <span>
                extract {loaded.extractDate} · {formatCount(loaded.rowCounts.episodes)} episodes ·{' '}
                {loaded.tables.length} tables
              </span>
            </>
          ) : (
            <span>No export loaded yet</span>
          )}
        </div>
        <OpenExport onOpen={openFiles} onSample={() => void load(sampleSource(), 'the sample data')} />
      </header>
      <p className="privacy-note">
        <LockIcon /> Your data never leaves this machine: files are read and computed inside this page (DuckDB
        in your browser); nothing is uploaded. You can also drop an export folder or its Parquet files
        anywhere on the page.
      </p>
      <LinkNotice notices={linkNotices} onDismiss={dismissLinkNotices} />
      {loading && <LoadStatus label={loading.label} progress={loading.progress} onCancel={cancelLoad} />}
      {!loading && !summary && !failure && (
        <p className="empty-start" data-testid="nothing-loaded">
          Nothing is open. Use <strong>Open export folder…</strong> or <strong>Open files…</strong> for your
          own data, or <strong>Sample data</strong> to explore the bundled synthetic programs.
        </p>
      )}
      {failure && (
        <LoadFailure
          failure={failure.failure}
          label={failure.label}
          stillShowing={summary?.label ?? null}
          onDismiss={() => setFailure(null)}
        />
      )}
      {context && (
        <DataContext.Provider value={context}>
          <div className="layout">
            <CohortDrawer summary={cohortSummary(state)}>
              <FilterPanel state={state} setState={setState} options={context.summary.options} />
              <ComparePanel state={state} setState={setState} options={context.summary.options} />
            </CohortDrawer>
            <div className="content">
              <div className="nav-row">
                <ViewNav state={state} setState={setState} />
                <BusyNote />
              </div>
              <Figures loading={!!loading} firstScreen={firstScreenShown}>
                <ErrorBoundary key={`${state.view}:${generation}`}>
                  <View />
                </ErrorBoundary>
              </Figures>
            </div>
          </div>
        </DataContext.Provider>
      )}
    </div>
  );
}
