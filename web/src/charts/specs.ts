import type { VisualizationSpec } from 'vega-embed';
import { CHART_CONFIG } from './theme';

/**
 * Vega-Lite spec builders. Data always comes in by dataset name (see components/Chart.tsx), so
 * the specs depend only on layout and labels and can be memoised.
 */
const base = { $schema: 'https://vega.github.io/schema/vega-lite/v6.json', config: CHART_CONFIG } as const;
/** Single and layered views fill the given width exactly (axes and labels included). */
const fit = { autosize: { type: 'fit-x', contains: 'padding' } } as const;

export type ValueKind = 'percent' | 'money' | 'number' | 'days';
const axisFormat = (k: ValueKind) => (k === 'percent' ? '.0%' : k === 'money' ? '$,.0f' : ',.0f');
const tooltipFormat = (k: ValueKind) => (k === 'percent' ? '.1%' : k === 'money' ? '$,.0f' : ',.1f');
/** The groups' colour legend above the chart, wrapped into as many columns as the width holds. */
/** A title on two lines, split at the space nearest its middle. */
function splitInTwo(text: string): string[] {
  const mid = text.length / 2;
  let best = -1;
  for (let i = 0; i < text.length; i++)
    if (text[i] === ' ' && (best < 0 || Math.abs(i - mid) < Math.abs(best - mid))) best = i;
  return best < 0 ? [text] : [text.slice(0, best), text.slice(best + 1)];
}

/**
 * A Vega expression that writes each name on as many lines as it needs to stay within `chars`
 * characters a line (Vega draws an array as lines), so a long name is shown whole, not cut.
 */
export function wrappedLabels(names: readonly string[], chars: number): string {
  const lines: Record<string, string[]> = {};
  for (const name of names) {
    if (name.length <= chars) continue;
    const out: string[] = [];
    for (const word of name.split(' ')) {
      const last = out.length - 1;
      if (last >= 0 && out[last].length + 1 + word.length <= chars) out[last] += ` ${word}`;
      else out.push(word);
    }
    lines[name] = out;
  }
  return Object.keys(lines).length ? `${JSON.stringify(lines)}[datum.label] || datum.label` : 'datum.label';
}

const groupLegend = (names: readonly string[], width = 600) => ({
  title: null,
  orient: 'top' as const,
  columns: Math.max(1, Math.min(names.length, Math.floor(width / 260))),
  // Full names: a column is as wide as its longest name, wrapped when the chart is narrow.
  labelLimit: 0,
  labelExpr: wrappedLabels(names, Math.max(12, Math.floor((Math.min(width, 260) - 30) / 7))),
  // Band layers are translucent; the legend shows the line's full colour.
  symbolOpacity: 1,
});

/**
 * Estimates with intervals, one row per category (and per group when comparing):
 * rows { category, group, value, lower, upper, n }.
 */
export function intervalSpec(o: {
  width: number;
  categories: string[];
  groups: string[];
  kind: ValueKind;
  valueTitle: string;
  domain?: [number, number];
}): VisualizationSpec {
  const many = o.groups.length > 1;
  const band = Math.max(26, many ? 9 * o.groups.length + 12 : 26);
  const narrow = o.width < 500;
  const plotWidth = Math.max(120, o.width - (narrow ? 140 : 190));
  const x = {
    field: 'value',
    type: 'quantitative',
    title: o.valueTitle,
    axis: { format: axisFormat(o.kind), grid: true },
    scale: o.domain ? { domain: o.domain, nice: false } : { zero: true, nice: true },
  };
  const y = {
    field: 'category',
    type: 'nominal',
    title: null,
    sort: o.categories,
    axis: { labelLimit: narrow ? 130 : 240 },
  };
  const colour = many
    ? {
        field: 'group',
        type: 'nominal',
        sort: o.groups,
        legend: groupLegend(o.groups, narrow ? plotWidth : plotWidth + 150),
      }
    : { value: '#0072B2' };
  const yOffset = many ? { field: 'group', type: 'nominal', sort: o.groups } : undefined;
  const tooltip = [
    { field: 'category', title: 'Measure' },
    ...(many ? [{ field: 'group', title: 'Group' }] : []),
    { field: 'value', title: 'Estimate', format: tooltipFormat(o.kind) },
    { field: 'lower', title: 'Lower 95%', format: tooltipFormat(o.kind) },
    { field: 'upper', title: 'Upper 95%', format: tooltipFormat(o.kind) },
    { field: 'n', title: 'n', format: ',' },
  ];
  return {
    ...base,
    ...fit,
    width: o.width,
    height: { step: band, for: 'position' },
    data: { name: 'table' },
    encoding: { y, ...(yOffset ? { yOffset } : {}), color: colour },
    layer: [
      {
        mark: { type: 'rule', strokeWidth: 2 },
        encoding: { x: { ...x, field: 'lower' }, x2: { field: 'upper' } },
      },
      { mark: { type: 'point', filled: true, size: 70, opacity: 1 }, encoding: { x, tooltip } },
    ],
  } as VisualizationSpec;
}

/**
 * Step curves with interval bands (Kaplan–Meier, cumulative incidence), and optionally the numbers
 * at risk under the x axis. Datasets: curve { group, series, t, value, lower, upper }, atrisk { group, t, n }.
 * Colour shows the group; with `seriesDash`, the line dash shows the series (e.g. step-down vs other exit).
 */
export function stepCurveSpec(o: {
  width: number;
  groups: string[];
  xTitle: string;
  yTitle: string;
  maxT: number;
  atRisk: boolean;
  yDomain?: [number, number];
  series?: string[];
  /** Draws the lower–upper interval band (default true). */
  band?: boolean;
}): VisualizationSpec {
  const many = o.groups.length > 1;
  // Room for the longest group name beside the at-risk row (at most 40% of the chart).
  const nameWidth = many
    ? Math.min(
        Math.floor(o.width * (o.width < 500 ? 0.3 : 0.4)),
        7 * Math.max(...o.groups.map((g) => g.length)) + 10,
      )
    : 0;
  const width = Math.max(120, o.width - Math.max(90, nameWidth + 40) - (o.atRisk ? 28 : 0));
  const xScale = { domain: [0, o.maxT], nice: false };
  const colour =
    many || !o.series
      ? many
        ? { field: 'group', type: 'nominal', sort: o.groups, legend: groupLegend(o.groups, width) }
        : { value: '#0072B2' }
      : { field: 'series', type: 'nominal', sort: o.series, legend: groupLegend(o.series, width) };
  const dash =
    o.series && many
      ? {
          strokeDash: {
            field: 'series',
            type: 'nominal',
            sort: o.series,
            legend: { title: null, orient: 'bottom' },
          },
        }
      : {};
  const detail = o.series ? { detail: { field: 'series' } } : {};
  const curve = {
    width,
    height: 280,
    data: { name: 'curve' },
    encoding: {
      x: {
        field: 't',
        type: 'quantitative',
        title: o.xTitle,
        scale: xScale,
        axis: { values: ticks(o.maxT, width) },
      },
      color: colour,
      ...detail,
    },
    layer: [
      ...(o.band === false
        ? []
        : [
            {
              mark: { type: 'area', interpolate: 'step-after', opacity: 0.15 },
              encoding: { y: { field: 'lower', type: 'quantitative' }, y2: { field: 'upper' } },
            },
          ]),
      {
        mark: { type: 'line', interpolate: 'step-after', strokeWidth: 2 },
        encoding: {
          y: {
            field: 'value',
            type: 'quantitative',
            title: o.yTitle,
            axis: { format: '.0%' },
            scale: { domain: o.yDomain ?? [0, 1], nice: false },
          },
          ...dash,
          tooltip: [
            ...(many ? [{ field: 'group', title: 'Group' }] : []),
            ...(o.series ? [{ field: 'series', title: 'Curve' }] : []),
            { field: 't', title: 'Day' },
            { field: 'value', title: 'Estimate', format: '.1%' },
            { field: 'lower', title: 'Lower 95%', format: '.1%' },
            { field: 'upper', title: 'Upper 95%', format: '.1%' },
          ],
        },
      },
    ],
  };
  if (!o.atRisk) return { ...base, ...fit, ...curve, width: o.width } as VisualizationSpec;
  const table = {
    width,
    height: 18 * Math.max(1, o.groups.length),
    data: { name: 'atrisk' },
    transform: [{ filter: { field: 't', oneOf: ticks(o.maxT, width) } }],
    title: { text: 'Number at risk', fontSize: 11, fontWeight: 600, anchor: 'start', offset: 4 },
    mark: { type: 'text', fontSize: 11 },
    encoding: {
      x: { field: 't', type: 'quantitative', scale: xScale, axis: null },
      y: {
        field: 'group',
        type: 'nominal',
        sort: o.groups,
        title: null,
        // Offset so the group names clear the day-0 counts, which are centred on the axis.
        axis: many ? { domain: false, ticks: false, labelLimit: nameWidth, offset: 22 } : null,
      },
      text: { field: 'n', type: 'quantitative', format: ',' },
      color: many ? colour : { value: '#1f2933' },
    },
  };
  return {
    ...base,
    // The day-180 counts are centred on the last tick: room for half a number on the right.
    padding: { left: 4, right: 28, top: 8, bottom: 4 },
    vconcat: [curve, table],
    spacing: 6,
    resolve: { scale: { color: 'shared', x: 'shared' } },
  } as VisualizationSpec;
}

/** Day ticks at least ~48 px apart for a plot `width` wide (the at-risk counts sit on them). */
function ticks(maxT: number, width = 600): number[] {
  const steps = [15, 30, 60, 90];
  const step = steps.find((s) => s >= (maxT <= 120 ? 15 : 30) && (width * s) / maxT >= 48) ?? maxT;
  const out: number[] = [];
  for (let t = 0; t <= maxT; t += step) out.push(t);
  return out;
}

/** A value over time or over an ordered numeric axis: rows { x, group, value, lower?, upper?, n? }. */
export function lineSpec(o: {
  width: number;
  groups: string[];
  xTitle: string;
  yTitle: string;
  xType: 'temporal' | 'quantitative';
  kind: ValueKind;
  band?: boolean;
  mark?: 'line' | 'bar';
  yDomain?: [number, number];
}): VisualizationSpec {
  const many = o.groups.length > 1;
  const colour = many
    ? { field: 'group', type: 'nominal', sort: o.groups, legend: groupLegend(o.groups, o.width - 90) }
    : { value: '#0072B2' };
  const x = {
    field: 'x',
    type: o.xType,
    title: o.xTitle,
    ...(o.xType === 'temporal'
      ? {
          timeUnit: 'yearmonth',
          axis: { format: '%b %Y', labelAngle: 0, tickCount: 8, labelOverlap: 'greedy', labelSeparation: 8 },
        }
      : {}),
  };
  const y = {
    field: 'value',
    type: 'quantitative',
    title: o.yTitle,
    axis: { format: axisFormat(o.kind) },
    ...(o.yDomain ? { scale: { domain: o.yDomain, nice: false } } : {}),
  };
  const tooltip = [
    ...(many ? [{ field: 'group', title: 'Group' }] : []),
    o.xType === 'temporal'
      ? { field: 'x', title: o.xTitle, timeUnit: 'yearmonth', type: 'temporal' }
      : { field: 'x', title: o.xTitle },
    { field: 'value', title: o.yTitle, format: tooltipFormat(o.kind) },
    ...(o.band
      ? [
          { field: 'lower', title: 'Lower 95%', format: tooltipFormat(o.kind) },
          { field: 'upper', title: 'Upper 95%', format: tooltipFormat(o.kind) },
        ]
      : []),
    { field: 'n', title: 'n', format: ',' },
  ];
  const layers: object[] = [];
  if (o.band)
    layers.push({
      mark: { type: 'area', opacity: 0.15 },
      encoding: { x, y: { field: 'lower', type: 'quantitative' }, y2: { field: 'upper' } },
    });
  if (o.mark === 'bar')
    layers.push({
      mark: { type: 'bar' },
      encoding: { x, y, tooltip, ...(many ? { xOffset: { field: 'group', sort: o.groups } } : {}) },
    });
  else layers.push({ mark: { type: 'line', point: true, strokeWidth: 2 }, encoding: { x, y, tooltip } });
  return {
    ...base,
    ...fit,
    width: o.width,
    height: 240,
    data: { name: 'table' },
    encoding: { color: colour },
    layer: layers,
  } as VisualizationSpec;
}

/** Shares of a whole per group, as 100% stacked horizontal bars: rows { group, part, count }. */
export function stackedShareSpec(o: {
  width: number;
  groups: string[];
  parts: string[];
  partTitle: string;
}): VisualizationSpec {
  const labelWidth = o.width < 500 ? Math.floor(o.width * 0.4) : Math.max(130, Math.floor(o.width * 0.45));
  return {
    ...base,
    ...fit,
    width: o.width,
    height: { step: 34 },
    data: { name: 'table' },
    transform: [
      { joinaggregate: [{ op: 'sum', field: 'count', as: 'total' }], groupby: ['group'] },
      { calculate: 'datum.total ? datum.count / datum.total : 0', as: 'share' },
    ],
    mark: { type: 'bar', stroke: '#fff', strokeWidth: 1 },
    encoding: {
      y: {
        field: 'group',
        type: 'nominal',
        sort: o.groups,
        title: null,
        axis: { labelLimit: labelWidth, labelExpr: wrappedLabels(o.groups, Math.floor(labelWidth / 7)) },
      },
      x: {
        field: 'count',
        type: 'quantitative',
        stack: 'normalize',
        title: 'Share of discharges',
        axis: { format: '.0%' },
      },
      color: {
        field: 'part',
        type: 'nominal',
        sort: o.parts,
        title: o.partTitle,
        legend: {
          orient: 'top',
          columns: Math.max(1, Math.min(4, Math.floor((o.width - labelWidth) / 110))),
          title: null,
          labelLimit: 0,
        },
      },
      order: { field: 'order', type: 'quantitative' },
      tooltip: [
        { field: 'group', title: 'Group' },
        { field: 'part', title: o.partTitle },
        { field: 'count', title: 'Episodes', format: ',' },
        { field: 'share', title: 'Share', format: '.1%' },
      ],
    },
  } as VisualizationSpec;
}

/**
 * Funnel plot: each program's rate against its size, with control limits around the overall rate.
 * Datasets: points { program, n, rate }, limits { n, lo95, hi95, lo998, hi998 }, overall { p }.
 */
export function funnelSpec(o: {
  width: number;
  yTitle: string;
  xTitle: string;
  yDomain: [number, number];
}): VisualizationSpec {
  const x = { field: 'n', type: 'quantitative', title: o.xTitle, scale: { zero: true } };
  const yScale = { domain: o.yDomain, nice: false };
  const limit = (field: string, dash: number[]) => ({
    data: { name: 'limits' },
    mark: { type: 'line', color: '#52606d', strokeDash: dash, strokeWidth: 1.2, clip: true },
    encoding: { x, y: { field, type: 'quantitative', scale: yScale } },
  });
  return {
    ...base,
    ...fit,
    width: o.width,
    height: 320,
    layer: [
      limit('lo95', [4, 3]),
      limit('hi95', [4, 3]),
      limit('lo998', [1, 2]),
      limit('hi998', [1, 2]),
      {
        data: { name: 'overall' },
        mark: { type: 'rule', color: '#1f2933', strokeWidth: 1 },
        encoding: { y: { field: 'p', type: 'quantitative', scale: yScale } },
      },
      {
        data: { name: 'points' },
        layer: [
          {
            mark: { type: 'point', filled: true, size: 80, opacity: 0.9 },
            encoding: {
              x,
              color: {
                field: 'position',
                type: 'nominal',
                scale: { domain: ['within the limits', 'outside the limits'], range: ['#0072B2', '#D55E00'] },
                legend: { title: null, orient: 'top' },
              },
              shape: {
                field: 'position',
                type: 'nominal',
                scale: { domain: ['within the limits', 'outside the limits'], range: ['circle', 'diamond'] },
                legend: { title: null, orient: 'top' },
              },
              y: {
                field: 'rate',
                type: 'quantitative',
                title: o.yTitle,
                axis: { format: '.0%' },
                scale: yScale,
              },
              tooltip: [
                { field: 'program', title: 'Program' },
                { field: 'n', title: o.xTitle, format: ',' },
                { field: 'rate', title: o.yTitle, format: '.1%' },
                { field: 'verdict', title: 'Position' },
              ],
            },
          },
          // Labels alternate above and below the points (by size), so programs of similar size stay readable.
          // Programs in the right half are labelled on the left of their point, so no name runs off the chart.
          ...[true, false].flatMap((above) =>
            [false, true].map((right) => ({
              transform: [
                { joinaggregate: [{ op: 'max', field: 'n', as: 'maxN' }] },
                { filter: above ? 'datum.above' : '!datum.above' },
                { filter: right ? 'datum.n > datum.maxN * 0.5' : 'datum.n <= datum.maxN * 0.5' },
              ],
              mark: {
                type: 'text',
                align: right ? 'right' : 'left',
                dx: right ? -6 : 6,
                dy: above ? -8 : 13,
                fontSize: 11,
                color: '#1f2933',
              },
              encoding: {
                x,
                y: { field: 'rate', type: 'quantitative', scale: yScale },
                text: { field: 'program' },
              },
            })),
          ),
        ],
      },
    ],
  } as VisualizationSpec;
}

/** Plain grouped bars: rows { category, group, value, n }. */
export function barSpec(o: {
  width: number;
  categories: string[];
  groups: string[];
  kind: ValueKind;
  valueTitle: string;
}): VisualizationSpec {
  const many = o.groups.length > 1;
  const narrow = o.width < 500;
  const labelWidth = narrow ? Math.floor(o.width * 0.4) : 220;
  return {
    ...base,
    ...fit,
    width: o.width,
    height: { step: many ? 14 * o.groups.length + 8 : 28, for: 'position' },
    data: { name: 'table' },
    mark: { type: 'bar', cornerRadiusEnd: 2 },
    encoding: {
      y: {
        field: 'category',
        type: 'nominal',
        sort: o.categories,
        title: null,
        axis: { labelLimit: labelWidth, labelExpr: wrappedLabels(o.categories, Math.floor(labelWidth / 7)) },
      },
      ...(many ? { yOffset: { field: 'group', sort: o.groups } } : {}),
      x: {
        field: 'value',
        type: 'quantitative',
        // A narrow chart writes its title on two lines rather than past its edge.
        title: narrow ? splitInTwo(o.valueTitle) : o.valueTitle,
        axis: { format: axisFormat(o.kind) },
      },
      color: many
        ? {
            field: 'group',
            type: 'nominal',
            sort: o.groups,
            legend: groupLegend(o.groups, o.width - 60),
          }
        : { value: '#0072B2' },
      tooltip: [
        { field: 'category', title: 'Category' },
        ...(many ? [{ field: 'group', title: 'Group' }] : []),
        { field: 'value', title: o.valueTitle, format: tooltipFormat(o.kind) },
        { field: 'n', title: 'n', format: ',' },
      ],
    },
  } as VisualizationSpec;
}

/**
 * A p-chart of one program's quarterly rate: rows { quarter, rate, lower, upper, n, status } in
 * `points`, the centre line { p } in `centre`; the 3-sigma limits step with each quarter's n.
 */
export function pChartSpec(o: { width: number; quarters: string[]; yTitle: string }): VisualizationSpec {
  const x = {
    field: 'quarter',
    type: 'ordinal',
    sort: o.quarters,
    title: 'Discharge quarter',
    scale: { domain: o.quarters },
    axis: { labelAngle: -45 },
  };
  const y = (field: string) => ({
    field,
    type: 'quantitative',
    title: o.yTitle,
    scale: { domain: [0, 1] },
    axis: { format: '.0%' },
  });
  return {
    ...base,
    ...fit,
    width: o.width,
    height: 200,
    layer: [
      {
        data: { name: 'points' },
        transform: [{ filter: 'datum.lower != null' }],
        mark: { type: 'area', interpolate: 'step', color: '#9aa5b1', opacity: 0.25 },
        encoding: { x, y: y('lower'), y2: { field: 'upper' } },
      },
      {
        data: { name: 'centre' },
        mark: { type: 'rule', color: '#1f2933', strokeWidth: 1 },
        encoding: { y: { field: 'p', type: 'quantitative', scale: { domain: [0, 1] } } },
      },
      {
        data: { name: 'points' },
        transform: [{ filter: 'datum.rate != null' }],
        layer: [
          { mark: { type: 'line', color: '#0072B2', strokeWidth: 1.5 }, encoding: { x, y: y('rate') } },
          {
            mark: { type: 'point', filled: true, size: 70, opacity: 1 },
            encoding: {
              x,
              y: y('rate'),
              color: {
                field: 'status',
                type: 'nominal',
                scale: { domain: ['within the limits', 'outside the limits'], range: ['#0072B2', '#D55E00'] },
                legend: { title: null, orient: 'top' },
              },
              shape: {
                field: 'status',
                type: 'nominal',
                scale: { domain: ['within the limits', 'outside the limits'], range: ['circle', 'diamond'] },
                legend: { title: null, orient: 'top' },
              },
              tooltip: [
                { field: 'quarter', title: 'Quarter' },
                { field: 'rate', title: o.yTitle, format: '.1%' },
                { field: 'n', title: 'Discharged', format: ',' },
                { field: 'lower', title: 'Lower limit', format: '.1%' },
                { field: 'upper', title: 'Upper limit', format: '.1%' },
              ],
            },
          },
        ],
      },
    ],
  } as VisualizationSpec;
}
