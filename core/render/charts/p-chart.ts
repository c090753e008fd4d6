import type { TopLevelSpec } from 'vega-lite';
import { positionEncoding, topLevel } from './base';
import type { ChartTheme } from './theme';

/**
 * A p-chart of one program's quarterly rate: rows { quarter, rate, lower, upper, n, status } in
 * `points`, the centre line { p } in `centre`; the 3-sigma limits step with each quarter's n.
 */
export function pChartSpec(
  o: { width: number; quarters: string[]; yTitle: string },
  theme: ChartTheme,
): TopLevelSpec {
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
    ...topLevel(theme, o.width),
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
        mark: { type: 'rule', color: theme.ink, strokeWidth: 1 },
        encoding: { y: { field: 'p', type: 'quantitative', scale: { domain: [0, 1] } } },
      },
      {
        data: { name: 'points' },
        transform: [{ filter: 'datum.rate != null' }],
        layer: [
          { mark: { type: 'line', color: theme.accent, strokeWidth: 1.5 }, encoding: { x, y: y('rate') } },
          {
            mark: { type: 'point', filled: true, size: 70, opacity: 1 },
            encoding: {
              x,
              y: y('rate'),
              ...positionEncoding('status', theme),
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
  } as TopLevelSpec;
}
