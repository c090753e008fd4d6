import { useEffect, useId, useMemo, useRef, useState, type ReactNode } from 'react';
import { useVegaEmbed } from 'react-vega';
import type { Spec } from 'vega';
import type { EmbedOptions, VisualizationSpec } from 'vega-embed';
import { expressionInterpreter } from 'vega-interpreter';
import type { TopLevelSpec } from 'vega-lite';
import { trackBusy } from '../app/busy';
import { recordTiming, stamp, timingOn } from '../engine/timing';
import { toVega } from '../../../core';
import { DefinitionLink } from './DefinitionLink';

type Datasets = Record<string, readonly object[]>;

const OPTIONS: EmbedOptions = {
  actions: false,
  renderer: 'svg',
  tooltip: true,
  // Compiled here (vegaSpec); no hover encoding, as vega-embed does for a Vega-Lite spec.
  mode: 'vega',
  hover: false,
  logLevel: 0,
  // Expressions interpreted, never compiled with new Function: the page's CSP has no unsafe-eval.
  ast: true,
  expr: expressionInterpreter,
};

/** Vega-Lite's compile warnings are not shown (as with `logLevel: 0`). */
const QUIET = {
  level: () => QUIET,
  error: () => QUIET,
  warn: () => QUIET,
  info: () => QUIET,
  debug: () => QUIET,
};

/**
 * Vega specs compiled from Vega-Lite, by the Vega-Lite spec's JSON: a view switch compiled each of
 * its charts again (Retention's two curves: ~40–50 ms of the switch's CPU profile in vega-lite).
 */
const compiled = new Map<string, Spec>();
const COMPILED_KEPT = 64;

function vegaSpec(spec: VisualizationSpec): Spec {
  const key = JSON.stringify(spec);
  let vg = compiled.get(key);
  if (!vg) {
    vg = toVega(spec as TopLevelSpec, { logger: QUIET as never });
    if (compiled.size >= COMPILED_KEPT) compiled.delete(compiled.keys().next().value!);
    compiled.set(key, vg);
  }
  return vg;
}

/**
 * Compiles specs in idle time, one an idle period, so the view they belong to draws without
 * compiling when it opens (a first switch to Retention compiled its two curves then).
 */
function compileWhenIdle(specs: VisualizationSpec[]): () => void {
  // Safari has no requestIdleCallback: a timer there.
  const idle = globalThis.requestIdleCallback ?? ((f: () => void) => setTimeout(f, 200));
  const stop = globalThis.cancelIdleCallback ?? clearTimeout;
  let handle: number | ReturnType<typeof setTimeout> = 0;
  const next = () => {
    const spec = specs.shift();
    if (!spec) return;
    vegaSpec(spec);
    handle = idle(next);
  };
  handle = idle(next);
  return () => stop(handle as number);
}

/** Vega writes its tuple ids and derived fields into the rows it is given; the page's rows stay as they are. */
const copies = (rows: readonly object[]) => rows.map((r) => ({ ...r }));

/**
 * The spec with the datasets as its named sources' values, so an embed draws the data in its first
 * run (embedding empty and then updating ran the dataflow and drew twice). Null when a source is
 * not a plain named one (the data then goes in as an update).
 */
function withData(vg: Spec, datasets: Datasets): Spec | null {
  let all = true;
  const data = vg.data?.map((d) => {
    const rows = datasets[d.name];
    if (!rows) return d;
    if (Object.keys(d).length !== 1) {
      all = false;
      return d;
    }
    return { ...d, values: copies(rows) };
  });
  return all ? { ...vg, data } : null;
}

/** The width of an element, tracked (rounded down to 10 px so small resizes do not re-embed the chart and it never overflows). */
export function useWidth<T extends HTMLElement>(): [React.RefObject<T | null>, number] {
  const ref = useRef<T | null>(null);
  const [width, setWidth] = useState(0);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const ro = new ResizeObserver(([entry]) => setWidth(Math.floor((entry.contentRect.width - 4) / 10) * 10));
    ro.observe(el);
    return () => ro.disconnect();
  }, []);
  return [ref, width];
}

interface ChartProps {
  title: string;
  /** A sentence saying what the chart shows, for screen readers and as the caption's second line. */
  description: string;
  /** Builds the spec for a width; data comes from `datasets` by name, so a data change does not re-embed. */
  spec: (width: number) => VisualizationSpec;
  datasets: Datasets;
  /** The numbers behind the chart, for screen readers (visually hidden). */
  summary: ReactNode;
  testId?: string;
  wide?: boolean;
  /** Shown under the chart (e.g. an explanation in the cohort's own numbers). */
  footer?: ReactNode;
  /** Where "What is this?" leads: a measure's definition or a section of them (default: the top). */
  definition?: { measure: string } | { anchor: string };
  /** The specs of another view's charts as wide as this one, likely opened next: compiled in idle time. */
  ahead?: (width: number) => VisualizationSpec[];
}

function VegaView({ spec, datasets, label }: { spec: VisualizationSpec; datasets: Datasets; label: string }) {
  const ref = useRef<HTMLDivElement>(null);
  const data = useRef(datasets);
  /** The datasets the view shows or is drawing, as JSON, and which draw is the latest (only it marks the chart drawn). */
  const shown = useRef('');
  const latest = useRef(0);

  const drawn = (update: number, what: 'embed' | 'update', since: number) => {
    if (timingOn()) recordTiming({ kind: 'vega', what, startedAt: since, ms: stamp() - since });
    const el = ref.current;
    if (latest.current !== update || !el) return;
    // The div is the image (role="img" with a label); the SVG's own marks are not separate images.
    el.querySelector('svg')?.setAttribute('aria-hidden', 'true');
    el.setAttribute('data-rendered', 'true');
  };

  data.current = datasets;
  // A new spec (width, options) embeds a new view, with the data of the moment in its first run;
  // the same object for an equal spec, so an equal spec built anew does not embed again.
  const embedded = useMemo(() => {
    const vg = vegaSpec(spec);
    const filled = withData(vg, data.current);
    shown.current = filled ? JSON.stringify(data.current) : '';
    return { spec: filled ?? vg, update: ++latest.current, since: stamp() };
  }, [spec]);
  useEffect(() => ref.current?.setAttribute('data-rendered', 'false'), [embedded]);
  const embedding = useVegaEmbed({ ref, spec: embedded.spec, options: OPTIONS });
  // useVegaEmbed keeps the last view until the next is drawn (and finalized): only the view of
  // this spec takes data or marks the chart drawn.
  const result = embedding?.spec === embedded.spec ? embedding : null;

  useEffect(() => {
    if (!result) return;
    // Drawn if the data it started with is still the page's (an update meanwhile waited for it).
    if (shown.current === JSON.stringify(data.current)) latest.current = embedded.update;
    drawn(embedded.update, 'embed', embedded.since);
  }, [result]);

  // New data goes into the embedded view.
  useEffect(() => {
    // A filter click gives the view new datasets of the old rows at once (its labeller changes
    // with the URL state), then again with the new rows: redrawing the same rows doubled the
    // Overview's chart updates (6 for its 3 charts).
    const json = JSON.stringify(datasets);
    const el = ref.current;
    if (json === shown.current || !el) return;
    const update = ++latest.current;
    el.setAttribute('data-rendered', 'false');
    // An embed in flight draws the data it started with; this effect runs again when it is done.
    if (!result) return;
    shown.current = json;
    const view = result.view;
    const startedAt = stamp();
    for (const [name, rows] of Object.entries(datasets)) view.data(name, copies(rows));
    // resize(): legends and the at-risk row change size with the data, so the layout is redone.
    void trackBusy(view.resize().runAsync())
      .then(() => drawn(update, 'update', startedAt))
      .catch((e: unknown) => console.error(e));
  }, [result, datasets]);
  return <div ref={ref} className="chart-canvas" role="img" aria-label={label} data-rendered="false" />;
}

/** A Vega-Lite chart with a title, a text alternative and a visually hidden data summary. */
export function Chart({
  title,
  description,
  spec,
  datasets,
  summary,
  testId,
  wide,
  footer,
  definition,
  ahead,
}: ChartProps) {
  const id = useId();
  const [boxRef, width] = useWidth<HTMLDivElement>();
  // An equal spec built anew (a view's figures made again for new data) is the same object, so
  // the chart takes the new data into its view rather than embedding a new one.
  const last = useRef<{ json: string; spec: VisualizationSpec } | null>(null);
  const built = useMemo(() => {
    if (width <= 0) return null;
    const next = spec(width);
    const json = JSON.stringify(next);
    if (last.current?.json !== json) last.current = { json, spec: next };
    return last.current.spec;
  }, [spec, width]);
  useEffect(() => (ahead && width > 0 ? compileWhenIdle(ahead(width)) : undefined), [ahead, width]);
  const empty = Object.values(datasets).every((rows) => rows.length === 0);
  return (
    <figure
      className={wide ? 'chart wide' : 'chart'}
      aria-labelledby={`${id}-t`}
      aria-describedby={`${id}-d ${id}-s`}
      data-testid={testId}
    >
      <figcaption>
        <span className="chart-title" id={`${id}-t`}>
          {title}
        </span>
        <span className="chart-description" id={`${id}-d`}>
          {description}
        </span>
        <DefinitionLink {...definition} subject={title} />
      </figcaption>
      <div ref={boxRef} className="chart-box">
        {empty ? (
          <p className="chart-empty">No data for this cohort.</p>
        ) : (
          built && <VegaView spec={built} datasets={datasets} label={`${title}. ${description}`} />
        )}
      </div>
      {footer}
      <div className="sr-only" id={`${id}-s`}>
        {summary}
      </div>
    </figure>
  );
}
