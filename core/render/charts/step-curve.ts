import type { TopLevelSpec } from 'vega-lite';
import { themed, topLevel } from './base';
import { groupColour, groupLegend, mostLines, wrappedLabels } from './legend';
import type { ChartTheme } from './theme';

/** Day ticks at least ~48 px apart for a plot `width` wide (the at-risk counts sit on them). */
export function dayTicks(maxT: number, width = 600): number[] {
  const steps = [15, 30, 60, 90];
  const step = steps.find((s) => s >= (maxT <= 120 ? 15 : 30) && (width * s) / maxT >= 48) ?? maxT;
  const out: number[] = [];
  for (let t = 0; t <= maxT; t += step) out.push(t);
  return out;
}

/**
 * Step curves with interval bands (Kaplan–Meier, cumulative incidence), and optionally the numbers
 * at risk under the x axis. Datasets: curve { group, series, t, value, lower, upper }, atrisk { group, t, n }.
 * Colour shows the group; with `series`, the line dash shows the series (e.g. step-down vs other exit).
 */
export function stepCurveSpec(
  o: {
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
    /** Fixed colours for the groups, in order (e.g. the study's arms). */
    colours?: readonly string[];
    height?: number;
  },
  theme: ChartTheme,
): TopLevelSpec {
  const many = o.groups.length > 1;
  // Room for the longest group name beside the at-risk row (at most 40% of the chart).
  const nameWidth = many
    ? Math.min(
        Math.floor(o.width * (o.width < 500 ? 0.3 : 0.4)),
        7 * Math.max(...o.groups.map((g) => g.length)) + 10,
      )
    : 0;
  const width = theme.fit
    ? Math.max(120, o.width - Math.max(90, nameWidth + 40) - (o.atRisk ? 28 : 0))
    : o.width;
  const xScale = { domain: [0, o.maxT], nice: false };
  const colour =
    many || !o.series
      ? groupColour(o.groups, width, theme.accent, o.colours)
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
    height: o.height ?? 280,
    data: { name: 'curve' },
    encoding: {
      x: {
        field: 't',
        type: 'quantitative',
        title: o.xTitle,
        scale: xScale,
        axis: { values: dayTicks(o.maxT, width) },
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
  if (!o.atRisk) return { ...topLevel(theme, o.width), ...curve, width: o.width } as TopLevelSpec;
  // A group name longer than its room beside the row is written on lines of its own.
  const nameChars = Math.floor(nameWidth / 7);
  const rowHeight = many ? Math.max(18, 13 * mostLines(o.groups, nameChars) + 8) : 18;
  const table = {
    width,
    height: rowHeight * Math.max(1, o.groups.length),
    data: { name: 'atrisk' },
    transform: [{ filter: { field: 't', oneOf: dayTicks(o.maxT, width) } }],
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
        axis: many
          ? {
              domain: false,
              ticks: false,
              labelLimit: nameWidth,
              labelExpr: wrappedLabels(o.groups, nameChars),
              offset: 22,
            }
          : null,
      },
      text: { field: 'n', type: 'quantitative', format: ',' },
      color: many ? colour : { value: theme.ink },
    },
  };
  return {
    ...themed(theme),
    // The day-180 counts are centred on the last tick: room for half a number on the right.
    padding: { left: 4, right: 28, top: 8, bottom: 4 },
    vconcat: [curve, table],
    spacing: 6,
    resolve: { scale: { color: 'shared', x: 'shared' } },
  } as TopLevelSpec;
}

/**
 * A step curve's rows (in order of t within each curve) without those that repeat the row before
 * them on the same curve: drawn step-after, the picture is the same, and Vega encodes only the
 * steps. Each curve's last row is kept, so its line runs to the end. A curve is named by `curveOf`;
 * `fields` are what a row draws (value, bounds).
 */
export function stepChanges<T extends object>(
  rows: readonly T[],
  curveOf: (row: T) => string,
  fields: readonly (keyof T)[],
): T[] {
  const kept: T[] = [];
  const previous = new Map<string, { row: T; shown: boolean }>();
  for (const row of rows) {
    const curve = curveOf(row);
    const before = previous.get(curve);
    const same = before !== undefined && fields.every((f) => Object.is(before.row[f], row[f]));
    if (!same) kept.push(row);
    previous.set(curve, { row, shown: !same });
  }
  for (const { row, shown } of previous.values()) if (!shown) kept.push(row);
  return kept;
}
