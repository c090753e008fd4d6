import type { TopLevelSpec } from 'vega-lite';
import { confidenceEllipse } from '../comparative/cost-effectiveness';
import { OUTCOMES } from '../comparative/outcomes';
import { HISTOGRAM_BINS } from '../comparative/propensity';
import type { Comparative } from '../comparative/types';
import { ARM_COLORS, renderSvg } from './charts';
import { isEstimated } from './comparative';
import { COMPARATIVE_LABELS, levelName } from '../catalogue';
import type { Study } from './types';

/** The adjusted comparison's pictures (comparative-effectiveness.md §2, §4, §5), as static SVG. */
export interface ComparativeCharts {
  positivity: string | null;
  balance: string | null;
  forest: string | null;
  plane: string | null;
  ceac: string | null;
}

const SCHEMA = 'https://vega.github.io/schema/vega-lite/v6.json';
const CONFIG = {
  font: 'Helvetica, Arial, sans-serif',
  view: { stroke: null },
  axis: { labelFontSize: 11, titleFontSize: 12, grid: true, gridColor: '#e6e6e6' },
  axisY: { labelLimit: 320 },
  legend: { labelFontSize: 11, titleFontSize: 11, orient: 'bottom' as const, labelLimit: 320 },
};

const armScale = (c: Comparative) => ({
  domain: [levelName(c.treatment_level), levelName(c.control_level)],
  range: [ARM_COLORS.program, ARM_COLORS.comparator],
});

export function positivitySpec(c: Comparative): TopLevelSpec {
  const rows = (['treated', 'control'] as const).flatMap((arm) =>
    c.propensity.histogram[arm].map((n, i) => ({
      arm: levelName(arm === 'treated' ? c.treatment_level : c.control_level),
      from: i / HISTOGRAM_BINS,
      to: (i + 1) / HISTOGRAM_BINS,
      n: typeof n === 'number' ? n : null,
    })),
  );
  return {
    $schema: SCHEMA,
    width: 560,
    height: 110,
    config: CONFIG,
    data: { values: rows },
    mark: { type: 'bar', opacity: 0.85 },
    encoding: {
      row: { field: 'arm', type: 'nominal', title: null, sort: armScale(c).domain },
      x: {
        field: 'from',
        type: 'quantitative',
        bin: { binned: true, step: 1 / HISTOGRAM_BINS },
        title: `Propensity score (probability of ${levelName(c.treatment_level)} given case-mix)`,
        scale: { domain: [0, 1] },
      },
      x2: { field: 'to' },
      y: { field: 'n', type: 'quantitative', title: 'Entry episodes' },
      color: { field: 'arm', type: 'nominal', title: null, scale: armScale(c), legend: null },
    },
  };
}

export function balanceSpec(c: Comparative): TopLevelSpec {
  const rows = c.balance.flatMap((b) => [
    { covariate: b.covariate, smd: b.smd_before, when: 'before weighting' },
    { covariate: b.covariate, smd: b.smd_after, when: 'after overlap weighting' },
  ]);
  const max = Math.max(0.25, ...rows.map((r) => Math.abs(r.smd)));
  const x = {
    field: 'smd',
    type: 'quantitative' as const,
    title: `Standardised difference (${levelName(c.treatment_level)} − ${levelName(c.control_level)})`,
    scale: { domain: [-max, max] },
  };
  return {
    $schema: SCHEMA,
    width: 460,
    height: { step: 14 },
    config: CONFIG,
    layer: [
      {
        data: { values: [{ v: -0.1 }, { v: 0.1 }] },
        mark: { type: 'rule', strokeDash: [4, 3], color: '#999' },
        encoding: { x: { field: 'v', type: 'quantitative' } },
      },
      {
        data: { values: rows },
        mark: { type: 'point', filled: true, size: 40 },
        encoding: {
          y: { field: 'covariate', type: 'nominal', title: null, sort: null, axis: { labelLimit: 240 } },
          x,
          shape: {
            field: 'when',
            type: 'nominal',
            title: null,
            scale: { domain: ['before weighting', 'after overlap weighting'], range: ['circle', 'diamond'] },
          },
          color: {
            field: 'when',
            type: 'nominal',
            title: null,
            scale: { domain: ['before weighting', 'after overlap weighting'], range: ['#c2571a', '#1f5fa8'] },
          },
        },
      },
    ],
  };
}

export function forestSpec(c: Comparative): TopLevelSpec | null {
  const rows = OUTCOMES.filter((o) => o.binary).flatMap((o) => {
    const e = c.outcomes[o.name];
    if (!isEstimated(e)) return [];
    const label = COMPARATIVE_LABELS[o.name].short;
    const unadj =
      typeof e.treated.unweighted === 'number' && typeof e.control.unweighted === 'number'
        ? e.treated.unweighted - e.control.unweighted
        : null;
    return [
      {
        outcome: label,
        estimate: 'adjusted (95% CI)',
        d: e.difference.value * 100,
        lo: e.difference.lower * 100,
        hi: e.difference.upper * 100,
      },
      ...(unadj === null
        ? []
        : [{ outcome: label, estimate: 'unadjusted', d: unadj * 100, lo: null, hi: null }]),
    ];
  });
  if (!rows.length) return null;
  const order = [...new Set(rows.map((r) => r.outcome))];
  const y = {
    field: 'outcome',
    type: 'nominal' as const,
    title: null,
    sort: order,
    axis: { labelLimit: 260 },
  };
  const x = {
    field: 'd',
    type: 'quantitative' as const,
    title: `Difference, percentage points (${levelName(c.treatment_level)} − ${levelName(c.control_level)})`,
  };
  const estimate = {
    field: 'estimate',
    type: 'nominal' as const,
    title: null,
    scale: { domain: ['adjusted (95% CI)', 'unadjusted'], range: ['#1f5fa8', '#999'] },
  };
  return {
    $schema: SCHEMA,
    width: 460,
    height: { step: 30 },
    config: CONFIG,
    layer: [
      {
        data: { values: [{ v: 0 }] },
        mark: { type: 'rule', color: '#444' },
        encoding: { x: { field: 'v', type: 'quantitative' } },
      },
      {
        data: { values: rows.filter((r) => r.lo !== null) },
        mark: { type: 'rule', strokeWidth: 2, color: '#1f5fa8' },
        encoding: { y, x: { field: 'lo', type: 'quantitative' }, x2: { field: 'hi' } },
      },
      {
        data: { values: rows },
        mark: { type: 'point', size: 70, filled: true },
        encoding: {
          y,
          x,
          color: estimate,
          shape: { field: 'estimate', type: 'nominal', scale: { range: ['square', 'circle'] }, legend: null },
        },
      },
    ],
  };
}

export function planeSpec(c: Comparative): TopLevelSpec | null {
  const ce = c.cost_effectiveness;
  if (!isEstimated(ce)) return null;
  const point = {
    dE: ce.delta_effect,
    dC: ce.delta_cost,
    vE: ce.variance_effect,
    vC: ce.variance_cost,
    cov: ce.covariance,
  };
  const ellipse = confidenceEllipse(point).map((p, i) => ({ i, dE: p.dE * 100, dC: p.dC }));
  const spanE = Math.max(...ellipse.map((p) => Math.abs(p.dE)), 1) * 1.1;
  const spanC = Math.max(...ellipse.map((p) => Math.abs(p.dC)), 1) * 1.1;
  const x = {
    field: 'dE',
    type: 'quantitative' as const,
    title: `Difference in ${COMPARATIVE_LABELS[ce.outcome].short.toLowerCase()} (points)`,
    scale: { domain: [-spanE, spanE] },
  };
  const y = {
    field: 'dC',
    type: 'quantitative' as const,
    title: 'Difference in cost per episode ($)',
    scale: { domain: [-spanC, spanC] },
  };
  return {
    $schema: SCHEMA,
    width: 420,
    height: 300,
    config: CONFIG,
    layer: [
      {
        data: { values: [{ v: 0 }] },
        mark: { type: 'rule', color: '#444' },
        encoding: { x: { field: 'v', type: 'quantitative' } },
      },
      {
        data: { values: [{ v: 0 }] },
        mark: { type: 'rule', color: '#444' },
        encoding: { y: { field: 'v', type: 'quantitative' } },
      },
      {
        data: { values: ellipse },
        mark: { type: 'line', color: '#1f5fa8', strokeDash: [4, 3] },
        encoding: { x, y, order: { field: 'i', type: 'quantitative' } },
      },
      {
        data: { values: [{ dE: ce.delta_effect * 100, dC: ce.delta_cost }] },
        mark: { type: 'point', filled: true, size: 90, color: '#1f5fa8' },
        encoding: { x, y },
      },
    ],
  };
}

export function ceacSpec(c: Comparative): TopLevelSpec | null {
  const ce = c.cost_effectiveness;
  if (!isEstimated(ce)) return null;
  return {
    $schema: SCHEMA,
    width: 420,
    height: 220,
    config: CONFIG,
    data: { values: ce.ceac },
    mark: { type: 'line', color: '#1f5fa8', strokeWidth: 2 },
    encoding: {
      x: {
        field: 'wtp',
        type: 'quantitative',
        title: `Willingness to pay per additional ${COMPARATIVE_LABELS[ce.outcome].success} ($)`,
        axis: { format: '$,.0f' },
      },
      y: {
        field: 'p',
        type: 'quantitative',
        title: `Probability ${levelName(c.treatment_level)} is cost-effective`,
        scale: { domain: [0, 1] },
        axis: { format: '.0%' },
      },
    },
  };
}

export async function comparativeCharts(s: Study): Promise<ComparativeCharts | null> {
  const c = s.comparative;
  if (!c || !isEstimated(c)) return null;
  const render = async (spec: TopLevelSpec | null) => (spec ? renderSvg(spec) : null);
  return {
    positivity: await render(positivitySpec(c)),
    balance: await render(balanceSpec(c)),
    forest: await render(forestSpec(c)),
    plane: await render(planeSpec(c)),
    ceac: await render(ceacSpec(c)),
  };
}
