import { parse, View } from 'vega';
import { expressionInterpreter } from 'vega-interpreter';
import { compile, type TopLevelSpec } from 'vega-lite';
import { isSuppressed } from '../privacy/small-cell';
import type { StudyFunnelPoint, Study } from './types';

/** The study's charts as vega-lite specs, rendered to static SVG (no canvas, no network). */

export const ARM_COLORS = { program: '#1f5fa8', comparator: '#c2571a' } as const;
const FONT = 'Helvetica, Arial, sans-serif';
const CONFIG = {
  font: FONT,
  view: { stroke: null },
  axis: { labelFontSize: 11, titleFontSize: 12, grid: true, gridColor: '#e6e6e6' },
  legend: { labelFontSize: 11, titleFontSize: 11, orient: 'bottom' as const },
};

export async function renderSvg(spec: TopLevelSpec): Promise<string> {
  // Interpreted expressions (no new Function): the app's Content-Security-Policy has no unsafe-eval.
  const view = new View(parse(compile(spec).spec, undefined, { ast: true }), {
    renderer: 'none',
    expr: expressionInterpreter,
  });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}

/** The y-axis titles of the two Kaplan–Meier curves of the study (measures.md §2, v1.1). */
export const CURVE_TITLES = {
  curves: 'Not dropped out (retained or completed)',
  inTreatment: 'Still in treatment',
} as const;

export function retentionSpec(s: Study, which: keyof typeof CURVE_TITLES = 'curves'): TopLevelSpec | null {
  const rows = (['program', 'comparator'] as const).flatMap((arm) =>
    (s.retention[which][arm] ?? []).map((p) => ({
      arm: arm === 'program' ? s.meta.programLabel : s.meta.comparatorLabel,
      time: p.time,
      surv: p.surv,
      lower: p.lower ?? p.surv,
      upper: p.upper ?? p.surv,
    })),
  );
  if (!rows.length) return null;
  const domain = [
    s.meta.programLabel,
    ...(s.retention[which].comparator?.length ? [s.meta.comparatorLabel] : []),
  ];
  const scale = { domain, range: [ARM_COLORS.program, ARM_COLORS.comparator] };
  const color = {
    field: 'arm',
    type: 'nominal' as const,
    title: null,
    scale,
    legend: { labelLimit: 400, symbolType: 'stroke', symbolStrokeWidth: 3 },
  };
  const x = {
    field: 'time',
    type: 'quantitative' as const,
    title: 'Days since admission',
    scale: { domain: [0, 180] },
  };
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    width: 560,
    height: 260,
    config: CONFIG,
    data: { values: rows },
    layer: [
      // One band per arm with a fixed colour, so the legend shows the lines only.
      ...domain.map((arm, i) => ({
        transform: [{ filter: { field: 'arm', equal: arm } }],
        mark: {
          type: 'area' as const,
          interpolate: 'step-after' as const,
          opacity: 0.14,
          color: scale.range[i],
        },
        encoding: { x, y: { field: 'lower', type: 'quantitative' as const }, y2: { field: 'upper' } },
      })),
      {
        mark: { type: 'line', interpolate: 'step-after', strokeWidth: 2 },
        encoding: {
          x,
          y: {
            field: 'surv',
            type: 'quantitative',
            title: CURVE_TITLES[which],
            scale: { domain: [0, 1] },
            axis: { format: '.0%' },
          },
          color,
        },
      },
    ],
  };
}

export function funnelSpec(s: Study): TopLevelSpec | null {
  const a = s.adjusted;
  const points = a.points.filter((p): p is StudyFunnelPoint => !isSuppressed(p));
  if (a.overallRate === null || !points.length || !a.limits.length) return null;
  const limits = a.limits.flatMap((l) => [
    { n: l.n, rate: l.lower95, line: '95% limits', side: 'lower' },
    { n: l.n, rate: l.upper95, line: '95% limits', side: 'upper' },
    { n: l.n, rate: l.lower998, line: '99.8% limits', side: 'lower' },
    { n: l.n, rate: l.upper998, line: '99.8% limits', side: 'upper' },
  ]);
  const x = { field: 'n', type: 'quantitative' as const, title: 'Discharged episodes (program size)' };
  const y = {
    field: 'rate',
    type: 'quantitative' as const,
    title: 'Risk-standardised completion rate',
    axis: { format: '.0%' },
    scale: { domain: [0, 1] },
  };
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    width: 560,
    height: 260,
    config: CONFIG,
    layer: [
      {
        data: { values: limits },
        mark: { type: 'line', color: '#777', strokeWidth: 1 },
        encoding: {
          x,
          y,
          detail: { field: 'side' },
          strokeDash: {
            field: 'line',
            type: 'nominal',
            title: null,
            scale: {
              domain: ['95% limits', '99.8% limits'],
              range: [
                [4, 3],
                [1, 0],
              ],
            },
          },
        },
      },
      { data: { values: [{ rate: a.overallRate }] }, mark: { type: 'rule', color: '#999' }, encoding: { y } },
      {
        data: {
          values: points.map((p) => ({ ...p, who: p.studied ? 'Studied program' : 'Other programs' })),
        },
        mark: { type: 'point', filled: true, size: 70, opacity: 0.9 },
        encoding: {
          x,
          y,
          color: {
            field: 'who',
            type: 'nominal',
            title: null,
            scale: { domain: ['Studied program', 'Other programs'], range: [ARM_COLORS.program, '#a8a8a8'] },
          },
        },
      },
      {
        data: { values: points.filter((p) => p.studied) },
        mark: { type: 'text', align: 'left', dx: 8, fontSize: 11, color: ARM_COLORS.program },
        encoding: { x, y, text: { field: 'label' } },
      },
    ],
  };
}

export function differencesSpec(s: Study): TopLevelSpec | null {
  const rows = s.outcomes.flatMap((o) =>
    o.difference && !isSuppressed(o.difference) && o.difference.value !== null && o.difference.lower !== null
      ? [
          {
            label: o.short,
            value: o.difference.value * 100,
            lower: o.difference.lower * 100,
            upper: (o.difference.upper ?? 0) * 100,
          },
        ]
      : [],
  );
  if (!rows.length) return null;
  const order = rows.map((r) => r.label);
  const y = {
    field: 'label',
    type: 'nominal' as const,
    title: null,
    sort: order,
    axis: { labelLimit: 400, grid: false },
  };
  const xTitle = 'Program minus comparator (percentage points, 95% CI)';
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    width: 300,
    height: { step: 20 },
    config: CONFIG,
    data: { values: rows },
    layer: [
      {
        data: { values: [{ zero: 0 }] },
        mark: { type: 'rule', color: '#555' },
        encoding: { x: { field: 'zero', type: 'quantitative' } },
      },
      {
        mark: { type: 'rule', color: ARM_COLORS.program, strokeWidth: 1.5 },
        encoding: {
          y,
          x: { field: 'lower', type: 'quantitative', title: xTitle, axis: { format: '+.0f' } },
          x2: { field: 'upper' },
        },
      },
      {
        mark: { type: 'point', filled: true, color: ARM_COLORS.program, size: 50 },
        encoding: { y, x: { field: 'value', type: 'quantitative' } },
      },
    ],
  };
}

export interface StudyCharts {
  retention: string | null;
  inTreatment: string | null;
  funnel: string | null;
  differences: string | null;
}

export async function studyCharts(s: Study): Promise<StudyCharts> {
  const render = async (spec: TopLevelSpec | null) => (spec ? renderSvg(spec) : null);
  return {
    retention: await render(retentionSpec(s)),
    inTreatment: await render(retentionSpec(s, 'inTreatment')),
    funnel: await render(funnelSpec(s)),
    differences: await render(differencesSpec(s)),
  };
}
