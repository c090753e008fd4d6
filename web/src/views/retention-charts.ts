import type { VisualizationSpec } from 'vega-embed';
import { DASHBOARD_THEME, stepCurveSpec } from '../../../core';
import type { CardSpec } from '../components/card-spec';

export const MAX_DAY = 180;

/** The Retention view's cards: the not-dropped-out curve's, then the still-in-treatment curve's. */
export const RETENTION_CARDS: CardSpec[] = [
  { name: 'retention_30' },
  { name: 'retention_60' },
  { name: 'retention_90' },
  { name: 'rmst_retention_90' },
  { name: 'los_median' },
  { name: 'completion_rate' },
];
export const IN_TREATMENT_CARDS: CardSpec[] = [
  { name: 'in_treatment_30' },
  { name: 'in_treatment_60' },
  { name: 'in_treatment_90' },
];
/** Every measure the Retention view shows. */
export const RETENTION_SHOWN = [...RETENTION_CARDS, ...IN_TREATMENT_CARDS].map((c) => c.name);

/** The Retention view's two Kaplan–Meier curves, side by side. */
export const CURVES = [
  {
    title: 'Not dropped out',
    description: 'Share of episodes not discharged prematurely (retained or completed)',
    testId: 'chart-km',
    measure: 'retention_90',
  },
  {
    title: 'Still in treatment',
    description: 'Share of episodes not yet discharged for any reason',
    testId: 'chart-in-treatment',
    measure: 'in_treatment_90',
  },
];

/** A curve's chart options (`stepCurveSpec`'s, but the width). */
export const curveOptions = (groups: string[], title: string) => ({
  groups,
  xTitle: 'Days since admission',
  yTitle: title,
  maxT: MAX_DAY,
  atRisk: true,
});

/** The curves' specs at a width, as the view builds them: what the Overview compiles ahead for it. */
export const retentionChartSpecs = (groups: string[], width: number): VisualizationSpec[] =>
  CURVES.map((c) => stepCurveSpec({ ...curveOptions(groups, c.title), width }, DASHBOARD_THEME));
