import { confidenceEllipse } from '../comparative/cost-effectiveness';
import { OUTCOMES } from '../comparative/outcomes';
import { HISTOGRAM_BINS } from '../comparative/propensity';
import type { Comparative } from '../comparative/types';
import { COMPARATIVE_LABELS, levelName } from '../catalogue';
import {
  BALANCE_STAGES,
  balanceSpec,
  cePlaneSpec,
  histogramSpec,
  intervalSpec,
  lineSpec,
  type Figure,
} from '../render/charts';
import { printSvg } from './charts';
import { isEstimated } from './comparative';
import type { Study } from './types';

/** The adjusted comparison's pictures (comparative-effectiveness.md §2, §4, §5), for the dashboard and the study. */
export interface ComparativeFigures {
  positivity: Figure;
  balance: Figure;
  forest: Figure | null;
  plane: Figure | null;
  ceac: Figure | null;
}

const arms = (c: Comparative) => [levelName(c.treatment_level), levelName(c.control_level)];
const versus = (c: Comparative) => `${levelName(c.treatment_level)} − ${levelName(c.control_level)}`;

function positivityFigure(c: Comparative): Figure {
  const table = (['treated', 'control'] as const).flatMap((arm) =>
    c.propensity.histogram[arm].map((n, i) => ({
      group: levelName(arm === 'treated' ? c.treatment_level : c.control_level),
      from: i / HISTOGRAM_BINS,
      to: (i + 1) / HISTOGRAM_BINS,
      n: typeof n === 'number' ? n : null,
    })),
  );
  return {
    data: { table },
    spec: (width, theme) =>
      histogramSpec(
        {
          width,
          groups: arms(c),
          step: 1 / HISTOGRAM_BINS,
          xTitle: `Propensity score (probability of ${levelName(c.treatment_level)} given case-mix)`,
          yTitle: 'Entry episodes',
        },
        theme,
      ),
  };
}

function balanceFigure(c: Comparative): Figure {
  const table = c.balance.flatMap((b) => [
    { covariate: b.covariate, smd: b.smd_before, when: BALANCE_STAGES[0] },
    { covariate: b.covariate, smd: b.smd_after, when: BALANCE_STAGES[1] },
  ]);
  const max = Math.max(0.25, ...table.map((r) => Math.abs(r.smd)));
  return {
    data: { table, span: [{ max }] },
    spec: (width, theme) =>
      balanceSpec(
        {
          width,
          covariates: c.balance.map((b) => b.covariate),
          xTitle: `Standardised difference (${versus(c)})`,
        },
        theme,
      ),
  };
}

const ESTIMATES = ['adjusted (95% CI)', 'unadjusted'];

function forestFigure(c: Comparative): Figure | null {
  const table = OUTCOMES.filter((o) => o.binary).flatMap((o) => {
    const e = c.outcomes[o.name];
    if (!isEstimated(e)) return [];
    const category = COMPARATIVE_LABELS[o.name].short;
    const unadjusted =
      typeof e.treated.unweighted === 'number' && typeof e.control.unweighted === 'number'
        ? e.treated.unweighted - e.control.unweighted
        : null;
    return [
      {
        category,
        group: ESTIMATES[0],
        value: e.difference.value * 100,
        lower: e.difference.lower * 100,
        upper: e.difference.upper * 100,
      },
      ...(unadjusted === null
        ? []
        : [{ category, group: ESTIMATES[1], value: unadjusted * 100, lower: null, upper: null }]),
    ];
  });
  if (!table.length) return null;
  const categories = [...new Set(table.map((r) => r.category))];
  return {
    data: { table },
    spec: (width, theme) =>
      intervalSpec(
        {
          width,
          categories,
          groups: ESTIMATES,
          colours: [theme.accent, theme.muted],
          shapes: ['square', 'circle'],
          overlay: true,
          kind: 'points',
          valueTitle: `Difference, percentage points (${versus(c)})`,
          reference: 0,
        },
        theme,
      ),
  };
}

function planeFigure(c: Comparative): Figure | null {
  const ce = c.cost_effectiveness;
  if (!isEstimated(ce)) return null;
  const ellipse = confidenceEllipse({
    dE: ce.delta_effect,
    dC: ce.delta_cost,
    vE: ce.variance_effect,
    vC: ce.variance_cost,
    cov: ce.covariance,
  }).map((p, i) => ({ i, dE: p.dE * 100, dC: p.dC }));
  const spanE = Math.max(...ellipse.map((p) => Math.abs(p.dE)), 1) * 1.1;
  const spanC = Math.max(...ellipse.map((p) => Math.abs(p.dC)), 1) * 1.1;
  return {
    data: {
      ellipse,
      point: [{ dE: ce.delta_effect * 100, dC: ce.delta_cost }],
      span: [{ e: spanE, c: spanC }],
    },
    spec: (width, theme) =>
      cePlaneSpec(
        {
          width,
          xTitle: `Difference in ${COMPARATIVE_LABELS[ce.outcome].short.toLowerCase()} (points)`,
          yTitle: 'Difference in cost per episode ($)',
        },
        theme,
      ),
  };
}

function ceacFigure(c: Comparative): Figure | null {
  const ce = c.cost_effectiveness;
  if (!isEstimated(ce)) return null;
  return {
    data: { table: ce.ceac.map((p) => ({ x: p.wtp, value: p.p })) },
    spec: (width, theme) =>
      lineSpec(
        {
          width,
          groups: [],
          xType: 'quantitative',
          xFormat: '$,.0f',
          xTitle: `Willingness to pay per additional ${COMPARATIVE_LABELS[ce.outcome].success} ($)`,
          yTitle: `Probability ${levelName(c.treatment_level)} is cost-effective`,
          kind: 'percent',
          yDomain: [0, 1],
          points: false,
          height: 220,
        },
        theme,
      ),
  };
}

export function comparativeFigures(c: Comparative): ComparativeFigures {
  return {
    positivity: positivityFigure(c),
    balance: balanceFigure(c),
    forest: forestFigure(c),
    plane: planeFigure(c),
    ceac: ceacFigure(c),
  };
}

export type ComparativeCharts = Record<keyof ComparativeFigures, string | null>;

/** The study's drawings of the comparison (print theme, plot widths as printed). */
export async function comparativeCharts(s: Study): Promise<ComparativeCharts | null> {
  const c = s.comparative;
  if (!c || !isEstimated(c)) return null;
  const f = comparativeFigures(c);
  return {
    positivity: await printSvg(f.positivity, 560),
    balance: await printSvg(f.balance, 460),
    forest: await printSvg(f.forest, 460),
    plane: await printSvg(f.plane, 420),
    ceac: await printSvg(f.ceac, 420),
  };
}
