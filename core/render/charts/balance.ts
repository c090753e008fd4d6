import type { TopLevelSpec } from 'vega-lite';
import { hiddenLayer, symmetricDomain, topLevel } from './base';
import { axisTitle, mostLines, wrappedLabels } from './legend';
import type { ChartTheme } from './theme';

export const BALANCE_STAGES = ['before weighting', 'after overlap weighting'];

/**
 * Standardised differences of each covariate before and after weighting, with the ±0.1 marks:
 * dataset `table`, rows { covariate, smd, when } (`when` one of BALANCE_STAGES), and `span`
 * { max }: the x axis runs from −max to max.
 */
export function balanceSpec(
  o: { width: number; xTitle: string; covariates: readonly string[] },
  theme: ChartTheme,
): TopLevelSpec {
  const narrow = theme.fit && o.width < 500;
  const legend = { title: null, ...(narrow ? { direction: 'vertical' } : {}) };
  const labelWidth = narrow ? 150 : 240;
  const chars = Math.floor(labelWidth / 7);
  const xScale = { domain: symmetricDomain('span', 'max') };
  return {
    ...topLevel(theme, o.width),
    height: { step: Math.max(14, 13 * mostLines(o.covariates, chars) + 8) },
    layer: [
      hiddenLayer('span', { x: { field: 'max', type: 'quantitative', scale: xScale } }),
      {
        data: { values: [{ v: -0.1 }, { v: 0.1 }] },
        mark: { type: 'rule', strokeDash: [4, 3], color: theme.muted },
        encoding: { x: { field: 'v', type: 'quantitative', scale: xScale } },
      },
      {
        data: { name: 'table' },
        mark: { type: 'point', filled: true, size: 40 },
        encoding: {
          y: {
            field: 'covariate',
            type: 'nominal',
            title: null,
            sort: null,
            axis: { labelLimit: labelWidth, labelExpr: wrappedLabels(o.covariates, chars) },
          },
          x: {
            field: 'smd',
            type: 'quantitative',
            title: axisTitle(o.xTitle, o.width, theme.fit),
            scale: xScale,
            axis: { format: '.2f' },
          },
          shape: {
            field: 'when',
            type: 'nominal',
            scale: { domain: BALANCE_STAGES, range: ['circle', 'diamond'] },
            legend,
          },
          color: {
            field: 'when',
            type: 'nominal',
            scale: { domain: BALANCE_STAGES, range: [theme.arms[1], theme.arms[0]] },
            legend,
          },
          tooltip: [
            { field: 'covariate', title: 'Covariate' },
            { field: 'when', title: 'When' },
            { field: 'smd', title: 'Standardised difference', format: '.3f' },
          ],
        },
      },
    ],
  } as TopLevelSpec;
}
