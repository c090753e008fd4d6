import type { TopLevelSpec } from 'vega-lite';
import { topLevel } from './base';
import { wrappedLabels } from './legend';
import type { ChartTheme } from './theme';

/** Shares of a whole per group, as 100% stacked horizontal bars, from dataset `table`: rows { group, part, count }. */
export function stackedShareSpec(
  o: {
    width: number;
    groups: string[];
    parts: string[];
    partTitle: string;
  },
  theme: ChartTheme,
): TopLevelSpec {
  const labelWidth = o.width < 500 ? Math.floor(o.width * 0.4) : Math.max(130, Math.floor(o.width * 0.45));
  return {
    ...topLevel(theme, o.width),
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
  } as TopLevelSpec;
}
