import type { TopLevelSpec } from 'vega-lite';
import { hiddenLayer, symmetricDomain, topLevel } from './base';
import { axisTitle } from './legend';
import type { ChartTheme } from './theme';

/**
 * The cost-effectiveness plane: the difference in effect (x) and in cost (y) with its confidence
 * ellipse, on axes symmetric about 0. Datasets: ellipse { i, dE, dC }, point { dE, dC }, span
 * { e, c }: the axes run from −e to e and −c to c.
 */
export function cePlaneSpec(
  o: { width: number; xTitle: string; yTitle: string },
  theme: ChartTheme,
): TopLevelSpec {
  const x = {
    field: 'dE',
    type: 'quantitative',
    title: axisTitle(o.xTitle, o.width, theme.fit),
    scale: { domain: symmetricDomain('span', 'e') },
  };
  const y = {
    field: 'dC',
    type: 'quantitative',
    title: o.yTitle,
    scale: { domain: symmetricDomain('span', 'c') },
    axis: { format: '$,.0f' },
  };
  const axisLine = (channel: 'x' | 'y') => ({
    data: { values: [{ v: 0 }] },
    mark: { type: 'rule', color: theme.ink },
    encoding: { [channel]: { field: 'v', type: 'quantitative' } },
  });
  return {
    ...topLevel(theme, o.width),
    height: 300,
    layer: [
      hiddenLayer('span', { x: { ...x, field: 'e' }, y: { ...y, field: 'c' } }),
      axisLine('x'),
      axisLine('y'),
      {
        data: { name: 'ellipse' },
        mark: { type: 'line', color: theme.accent, strokeDash: [4, 3] },
        encoding: { x, y, order: { field: 'i', type: 'quantitative' } },
      },
      {
        data: { name: 'point' },
        mark: { type: 'point', filled: true, size: 90, color: theme.accent },
        encoding: {
          x,
          y,
          tooltip: [
            { field: 'dE', title: o.xTitle, format: '+.1f' },
            { field: 'dC', title: o.yTitle, format: '$,.0f' },
          ],
        },
      },
    ],
  } as TopLevelSpec;
}
