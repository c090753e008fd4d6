import type { TopLevelSpec } from 'vega-lite';
import { themed } from './base';
import { axisTitle } from './legend';
import type { ChartTheme } from './theme';

/** Binned counts, one row of bars per group, from dataset `table`: rows { group, from, to, n }. */
export function histogramSpec(
  o: {
    width: number;
    groups: string[];
    xTitle: string;
    yTitle: string;
    step: number;
    colours?: readonly string[];
  },
  theme: ChartTheme,
): TopLevelSpec {
  return {
    // A faceted view cannot fit a width: the plot is the width less its axes on a screen.
    ...themed(theme),
    width: theme.fit ? Math.max(120, o.width - 80) : o.width,
    height: 110,
    data: { name: 'table' },
    mark: { type: 'bar', opacity: 0.85 },
    encoding: {
      row: { field: 'group', type: 'nominal', title: null, sort: o.groups },
      x: {
        field: 'from',
        type: 'quantitative',
        bin: { binned: true, step: o.step },
        title: axisTitle(o.xTitle, o.width, theme.fit),
        scale: { domain: [0, 1] },
      },
      x2: { field: 'to' },
      y: { field: 'n', type: 'quantitative', title: o.yTitle },
      color: {
        field: 'group',
        type: 'nominal',
        title: null,
        scale: { domain: o.groups, range: o.colours ?? theme.arms },
        legend: null,
      },
      tooltip: [
        { field: 'group', title: 'Group' },
        { field: 'from', title: 'From', format: '.2f' },
        { field: 'to', title: 'To', format: '.2f' },
        { field: 'n', title: o.yTitle, format: ',' },
      ],
    },
  } as TopLevelSpec;
}
