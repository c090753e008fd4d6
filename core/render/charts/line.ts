import type { TopLevelSpec } from 'vega-lite';
import { axisFormat, tooltipFormat, topLevel, type ScaleKind } from './base';
import { axisTitle, groupColour } from './legend';
import type { ChartTheme } from './theme';

/** A value over time or over an ordered numeric axis, from dataset `table`: rows { x, group, value, lower?, upper?, n? }. */
export function lineSpec(
  o: {
    width: number;
    groups: string[];
    xTitle: string;
    yTitle: string;
    xType: 'temporal' | 'quantitative';
    kind: ScaleKind;
    band?: boolean;
    mark?: 'line' | 'bar';
    yDomain?: [number, number];
    /** Marks each value with a point (default true). */
    points?: boolean;
    /** The x axis's number format (quantitative x). */
    xFormat?: string;
    height?: number;
  },
  theme: ChartTheme,
): TopLevelSpec {
  const many = o.groups.length > 1;
  const x = {
    field: 'x',
    type: o.xType,
    title: axisTitle(o.xTitle, o.width, theme.fit),
    ...(o.xType === 'temporal'
      ? {
          timeUnit: 'yearmonth',
          axis: { format: '%b %Y', labelAngle: 0, tickCount: 8, labelOverlap: 'greedy', labelSeparation: 8 },
        }
      : o.xFormat
        ? { axis: { format: o.xFormat } }
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
      : { field: 'x', title: o.xTitle, ...(o.xFormat ? { format: o.xFormat } : {}) },
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
  else
    layers.push({
      mark: { type: 'line', point: o.points !== false, strokeWidth: 2 },
      encoding: { x, y, tooltip },
    });
  return {
    ...topLevel(theme, o.width),
    height: o.height ?? 240,
    data: { name: 'table' },
    encoding: { color: groupColour(o.groups, o.width - 90, theme.accent) },
    layer: layers,
  } as TopLevelSpec;
}
