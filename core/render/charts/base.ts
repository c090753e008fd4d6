import type { TopLevelSpec } from 'vega-lite';
import type { ChartTheme } from './theme';

/** Named datasets a spec reads (`data: { name }`), so a spec depends only on layout and labels. */
export type Datasets = Record<string, readonly object[]>;

/** A picture: its data, and its spec for a width and a theme. */
export interface Figure {
  data: Datasets;
  spec: (width: number, theme: ChartTheme) => TopLevelSpec;
}

/** The top of every spec: schema and the theme's config. */
export const themed = (theme: ChartTheme) => ({
  $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
  config: theme.config,
});

/** The top of a single or layered view: `themed`, a width and the theme's width behaviour. */
export const topLevel = (theme: ChartTheme, width: number) => ({
  ...themed(theme),
  width,
  ...(theme.fit ? { autosize: { type: 'fit-x', contains: 'padding' } } : {}),
});

/**
 * A scale's domain [-v, v], v the `field` of the dataset `name`'s first row ([-1, 1] while it has
 * none): a span that follows the data is then a data update, and the chart is not drawn anew.
 */
export const symmetricDomain = (name: string, field: string) => ({
  expr: `length(data('${name}')) ? [-data('${name}')[0].${field}, data('${name}')[0].${field}] : [-1, 1]`,
});

/** An invisible layer over the dataset `name`, so the compiled chart has it for a domain to read. */
export const hiddenLayer = (name: string, encoding: object) => ({
  data: { name },
  mark: { type: 'rule', opacity: 0 },
  encoding,
});

export type ScaleKind = 'percent' | 'money' | 'number' | 'days' | 'points';
/** What every chart of one value per category (and group) is told: bars and intervals. */
export interface CategoryChartOptions {
  width: number;
  categories: string[];
  groups: string[];
  kind: ScaleKind;
  valueTitle: string;
}
export const axisFormat = (k: ScaleKind) =>
  k === 'percent' ? '.0%' : k === 'money' ? '$,.0f' : k === 'points' ? '+.0f' : ',.0f';
export const tooltipFormat = (k: ScaleKind) =>
  k === 'percent' ? '.1%' : k === 'money' ? '$,.0f' : k === 'points' ? '+.1f' : ',.1f';

/** Within / outside control limits (or other `positions`): the colour of a point, and its shape by default. */
export const POSITIONS = ['within the limits', 'outside the limits'];
export function positionEncoding(
  field: string,
  theme: ChartTheme,
  positions?: { domain: string[]; range: string[] },
) {
  const legend = { title: null, orient: 'top' };
  const colour = { field, type: 'nominal', legend };
  if (positions) return { color: { ...colour, scale: positions } };
  return {
    color: { ...colour, scale: { domain: POSITIONS, range: [theme.accent, theme.flag] } },
    shape: { field, type: 'nominal', legend, scale: { domain: POSITIONS, range: ['circle', 'diamond'] } },
  };
}
