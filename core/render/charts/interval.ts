import type { TopLevelSpec } from 'vega-lite';
import { axisFormat, tooltipFormat, topLevel, type CategoryChartOptions } from './base';
import { axisTitle, groupColour, mostLines, wrappedLabels } from './legend';
import type { ChartTheme } from './theme';

/**
 * Estimates with intervals, one row per category (and per group when comparing), from dataset
 * `table`: rows { category, group, value, lower, upper, n }. A row without bounds is a point alone.
 */
export function intervalSpec(
  o: CategoryChartOptions & {
    domain?: [number, number];
    /** A reference line (e.g. 0 for a difference). */
    reference?: number;
    /** Fixed colours for the groups, in order. */
    colours?: readonly string[];
    /** The groups of a category on one line (estimates of one thing), not side by side. */
    overlay?: boolean;
    /** Point shapes for the groups, in order. */
    shapes?: readonly string[];
  },
  theme: ChartTheme,
): TopLevelSpec {
  const many = o.groups.length > 1;
  const narrow = theme.fit && o.width < 500;
  // A long measure name is written on lines of its own rather than cut short.
  const labelWidth = narrow ? 130 : theme.fit ? 240 : 400;
  const chars = Math.floor(labelWidth / 7);
  const band = Math.max(
    o.overlay ? 22 : 26,
    many && !o.overlay ? 9 * o.groups.length + 12 : 0,
    13 * mostLines(o.categories, chars) + 8,
  );
  const plotWidth = theme.fit ? Math.max(120, o.width - (narrow ? 140 : 190)) : o.width;
  const x = {
    field: 'value',
    type: 'quantitative',
    title: axisTitle(o.valueTitle, o.width, theme.fit),
    axis: { format: axisFormat(o.kind), grid: true },
    scale: o.domain ? { domain: o.domain, nice: false } : { zero: true, nice: true },
  };
  const y = {
    field: 'category',
    type: 'nominal',
    title: null,
    sort: o.categories,
    axis: {
      labelLimit: labelWidth,
      grid: false,
      labelExpr: wrappedLabels(o.categories, chars),
    },
  };
  const colour = groupColour(o.groups, narrow ? plotWidth : plotWidth + 150, theme.accent, o.colours);
  const yOffset = many && !o.overlay ? { field: 'group', type: 'nominal', sort: o.groups } : undefined;
  const shape = o.shapes
    ? { shape: { field: 'group', type: 'nominal', scale: { domain: o.groups, range: o.shapes } } }
    : {};
  const rows = { y, ...(yOffset ? { yOffset } : {}), color: colour };
  const tooltip = [
    { field: 'category', title: 'Measure' },
    ...(many ? [{ field: 'group', title: 'Group' }] : []),
    { field: 'value', title: 'Estimate', format: tooltipFormat(o.kind) },
    { field: 'lower', title: 'Lower 95%', format: tooltipFormat(o.kind) },
    { field: 'upper', title: 'Upper 95%', format: tooltipFormat(o.kind) },
    { field: 'n', title: 'n', format: ',' },
  ];
  return {
    ...topLevel(theme, o.width),
    height: { step: band, for: 'position' },
    data: { name: 'table' },
    layer: [
      ...(o.reference === undefined
        ? []
        : [
            {
              data: { values: [{ reference: o.reference }] },
              mark: { type: 'rule', color: theme.ink },
              encoding: { x: { field: 'reference', type: 'quantitative' } },
            },
          ]),
      {
        transform: [{ filter: 'isValid(datum.lower) && isValid(datum.upper)' }],
        mark: { type: 'rule', strokeWidth: 2 },
        encoding: { ...rows, x: { ...x, field: 'lower' }, x2: { field: 'upper' } },
      },
      {
        mark: { type: 'point', filled: true, size: 70, opacity: 1 },
        encoding: { ...rows, x, tooltip, ...shape },
      },
    ],
  } as TopLevelSpec;
}
