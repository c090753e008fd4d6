import { isSuppressed } from '../privacy/small-cell';
import {
  PRINT_THEME,
  funnelSpec,
  intervalSpec,
  renderSvg,
  stepCurveSpec,
  type Figure,
} from '../render/charts';
import type { StudyFunnelPoint, Study } from './types';

/** The study's charts: the render layer's figures in the print theme, as static SVG. */

/** The y-axis titles of the two Kaplan–Meier curves of the study (measures.md §2, v1.1). */
export const CURVE_TITLES = {
  curves: 'Not dropped out (retained or completed)',
  inTreatment: 'Still in treatment',
} as const;

export function retentionFigure(s: Study, which: keyof typeof CURVE_TITLES = 'curves'): Figure | null {
  const curve = (['program', 'comparator'] as const).flatMap((arm) =>
    (s.retention[which][arm] ?? []).map((p) => ({
      group: arm === 'program' ? s.meta.programLabel : s.meta.comparatorLabel,
      t: p.time,
      value: p.surv,
      lower: p.lower ?? p.surv,
      upper: p.upper ?? p.surv,
    })),
  );
  if (!curve.length) return null;
  const groups = [
    s.meta.programLabel,
    ...(s.retention[which].comparator?.length ? [s.meta.comparatorLabel] : []),
  ];
  return {
    data: { curve },
    spec: (width, theme) =>
      stepCurveSpec(
        {
          width,
          groups,
          colours: theme.arms,
          xTitle: 'Days since admission',
          yTitle: CURVE_TITLES[which],
          maxT: 180,
          atRisk: false,
          height: 260,
        },
        theme,
      ),
  };
}

export function funnelFigure(s: Study): Figure | null {
  const a = s.adjusted;
  const points = a.points.filter((p): p is StudyFunnelPoint => !isSuppressed(p));
  if (a.overallRate === null || !points.length || !a.limits.length) return null;
  const positions = ['Studied program', 'Other programs'];
  return {
    data: {
      points: points.map((p) => ({
        label: p.studied ? p.label : null,
        n: p.n,
        rate: p.rate,
        position: p.studied ? positions[0] : positions[1],
      })),
      limits: a.limits.map((l) => ({
        n: l.n,
        lo95: l.lower95,
        hi95: l.upper95,
        lo998: l.lower998,
        hi998: l.upper998,
      })),
      overall: [{ p: a.overallRate }],
    },
    spec: (width, theme) =>
      funnelSpec(
        {
          width,
          xTitle: 'Discharged episodes (program size)',
          yTitle: 'Risk-standardised completion rate',
          yDomain: [0, 1],
          height: 260,
          positions: { domain: positions, range: [theme.arms[0], '#a8a8a8'] },
        },
        theme,
      ),
  };
}

export function differencesFigure(s: Study): Figure | null {
  const table = s.outcomes.flatMap((o) =>
    o.difference && !isSuppressed(o.difference) && o.difference.value !== null && o.difference.lower !== null
      ? [
          {
            category: o.short,
            group: s.meta.programLabel,
            value: o.difference.value * 100,
            lower: o.difference.lower * 100,
            upper: (o.difference.upper ?? 0) * 100,
          },
        ]
      : [],
  );
  if (!table.length) return null;
  return {
    data: { table },
    spec: (width, theme) =>
      intervalSpec(
        {
          width,
          categories: table.map((r) => r.category),
          groups: [s.meta.programLabel],
          kind: 'points',
          valueTitle: 'Program minus comparator (percentage points, 95% CI)',
          reference: 0,
        },
        theme,
      ),
  };
}

/** Draws a figure in the study's print theme, `width` px of plot. */
export const printSvg = async (f: Figure | null, width: number) =>
  f ? renderSvg(f.spec(width, PRINT_THEME), f.data) : null;

export interface StudyCharts {
  retention: string | null;
  inTreatment: string | null;
  funnel: string | null;
  differences: string | null;
}

export async function studyCharts(s: Study): Promise<StudyCharts> {
  return {
    retention: await printSvg(retentionFigure(s), 560),
    inTreatment: await printSvg(retentionFigure(s, 'inTreatment'), 560),
    funnel: await printSvg(funnelFigure(s), 560),
    differences: await printSvg(differencesFigure(s), 300),
  };
}
