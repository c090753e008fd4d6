import type { TopLevelSpec } from 'vega-lite';
import { hiddenLayer, POSITIONS, positionEncoding, topLevel } from './base';
import { pointLabelsMeta } from './point-labels';
import type { ChartTheme } from './theme';

const POINTS = 'funnel_points';

/**
 * Funnel plot: each program's rate against its size, with control limits around the overall rate.
 * Datasets: points { label, n, rate, position, verdict? }, limits { n, lo95, hi95, lo998, hi998 },
 * overall { p }, and, without `yDomain`, bounds { lo, hi }: the rates shown, as data, so that a new
 * cohort's zoom is a data update and not a new chart. A point is named by its `label` (none:
 * unnamed) where the name fits clear of the others (point-labels.ts); `position` colours it.
 */
export function funnelSpec(
  o: {
    width: number;
    yTitle: string;
    xTitle: string;
    yDomain?: [number, number];
    height?: number;
    /** The categories of `position` and their colours (default: within / outside the limits, with shapes). */
    positions?: { domain: string[]; range: string[] };
  },
  theme: ChartTheme,
): TopLevelSpec {
  const x = { field: 'n', type: 'quantitative', title: o.xTitle, scale: { zero: true } };
  const yScale = {
    domain: o.yDomain ?? {
      expr: "length(data('bounds')) ? [data('bounds')[0].lo, data('bounds')[0].hi] : [0, 1]",
    },
    nice: false,
  };
  const flagged = JSON.stringify((o.positions?.domain ?? POSITIONS)[1]);
  const limit = (field: string, dash: number[]) => ({
    data: { name: 'limits' },
    mark: { type: 'line', color: theme.muted, strokeDash: dash, strokeWidth: 1.2, clip: true },
    encoding: { x, y: { field, type: 'quantitative', scale: yScale } },
  });
  return {
    ...topLevel(theme, o.width),
    usermeta: pointLabelsMeta({
      layer: POINTS,
      field: 'label',
      fontSize: 11,
      color: theme.ink,
      priority: 'label_priority',
    }),
    height: o.height ?? 320,
    layer: [
      ...(o.yDomain
        ? []
        : [hiddenLayer('bounds', { y: { field: 'lo', type: 'quantitative', scale: yScale } })]),
      limit('lo95', [4, 3]),
      limit('hi95', [4, 3]),
      limit('lo998', [1, 2]),
      limit('hi998', [1, 2]),
      {
        data: { name: 'overall' },
        mark: { type: 'rule', color: theme.ink, strokeWidth: 1 },
        encoding: { y: { field: 'p', type: 'quantitative', scale: yScale } },
      },
      {
        data: { name: 'points' },
        // the flagged programs are named first, so in a crowd theirs are the names kept
        transform: [{ calculate: `datum.position === ${flagged} ? 1 : 0`, as: 'label_priority' }],
        name: POINTS,
        mark: { type: 'point', filled: true, size: 80, opacity: 0.9 },
        encoding: {
          x,
          ...positionEncoding('position', theme, o.positions),
          y: {
            field: 'rate',
            type: 'quantitative',
            title: o.yTitle,
            axis: { format: '.0%' },
            scale: yScale,
          },
          tooltip: [
            { field: 'label', title: 'Program' },
            { field: 'n', title: o.xTitle, format: ',' },
            { field: 'rate', title: o.yTitle, format: '.1%' },
            { field: 'verdict', title: 'Position' },
          ],
        },
      },
    ],
  } as TopLevelSpec;
}
