import { useEffect, useId, useMemo, useRef, useState, type ReactNode } from 'react';
import { useVegaEmbed } from 'react-vega';
import type { EmbedOptions, VisualizationSpec } from 'vega-embed';
import { expressionInterpreter } from 'vega-interpreter';
import { trackBusy } from '../app/busy';
import { recordTiming, stamp, timingOn } from '../engine/timing';
import { DefinitionLink } from './DefinitionLink';

type Datasets = Record<string, readonly object[]>;

const OPTIONS: EmbedOptions = {
  actions: false,
  renderer: 'svg',
  tooltip: true,
  // The first render runs before the data arrives (see VegaView); its empty-extent warnings are noise.
  logLevel: 0,
  // Expressions interpreted, never compiled with new Function: the page's CSP has no unsafe-eval.
  ast: true,
  expr: expressionInterpreter,
};

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
}

function VegaView({ spec, datasets, label }: { spec: VisualizationSpec; datasets: Datasets; label: string }) {
  const ref = useRef<HTMLDivElement>(null);
  // useVegaEmbed re-embeds only when the spec's content changes; new data goes through view.data.
  const result = useVegaEmbed({ ref, spec, options: OPTIONS });
  const specSince = useRef(0);
  const embedded = useRef<unknown>(null);
  /** The datasets the view shows, as JSON, and which update is the latest (only it marks the chart drawn). */
  const shown = useRef('');
  const latest = useRef(0);
  useEffect(() => {
    specSince.current = stamp();
  }, [spec]);
  useEffect(() => {
    const el = ref.current;
    // A filter click gives the view new datasets of the old rows at once (its labeller changes
    // with the URL state), then again with the new rows: redrawing the same rows doubled the
    // Overview's chart updates (6 for its 3 charts).
    const json = JSON.stringify(datasets);
    if (result && embedded.current === result && json === shown.current) return;
    const update = ++latest.current;
    el?.setAttribute('data-rendered', 'false');
    if (!result) return;
    const view = result.view;
    const startedAt = stamp();
    const what = embedded.current === result ? 'update' : 'embed';
    embedded.current = result;
    shown.current = json;
    for (const [name, rows] of Object.entries(datasets))
      view.data(
        name,
        rows.map((r) => ({ ...r })),
      );
    // resize(): legends and the at-risk row change size with the data, so the layout is redone.
    void trackBusy(view.resize().runAsync())
      .then(() => {
        if (timingOn()) {
          const since = what === 'embed' ? Math.min(specSince.current, startedAt) : startedAt;
          recordTiming({ kind: 'vega', what, startedAt: since, ms: stamp() - since });
        }
        if (latest.current !== update || !el) return;
        // The div is the image (role="img" with a label); the SVG's own marks are not separate images.
        el.querySelector('svg')?.setAttribute('aria-hidden', 'true');
        el.setAttribute('data-rendered', 'true');
      })
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
}: ChartProps) {
  const id = useId();
  const [boxRef, width] = useWidth<HTMLDivElement>();
  const built = useMemo(() => (width > 0 ? spec(width) : null), [spec, width]);
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
