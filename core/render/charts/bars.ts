import type { TopLevelSpec } from 'vega-lite';
import { axisFormat, tooltipFormat, topLevel, type CategoryChartOptions } from './base';
import { groupColour, splitInTwo, wrappedLabels } from './legend';
import type { ChartTheme } from './theme';

/** Plain grouped bars from dataset `table`: rows { category, group, value, n }. */
export function barSpec(o: CategoryChartOptions, theme: ChartTheme): TopLevelSpec {
  const many = o.groups.length > 1;
  const narrow = o.width < 500;
  const labelWidth = narrow ? Math.floor(o.width * 0.4) : 220;
  return {
    ...topLevel(theme, o.width),
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
      color: groupColour(o.groups, o.width - 60, theme.accent),
      tooltip: [
        { field: 'category', title: 'Category' },
        ...(many ? [{ field: 'group', title: 'Group' }] : []),
        { field: 'value', title: o.valueTitle, format: tooltipFormat(o.kind) },
        { field: 'n', title: 'n', format: ',' },
      ],
    },
  } as TopLevelSpec;
}
