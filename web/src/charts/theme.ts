import type { Config } from 'vega-lite';

/**
 * Okabe–Ito hues, ordered so the first colours stay distinct for every common colour-vision
 * deficiency; the light ones (orange, sky blue, yellow) darkened or replaced so every series has at
 * least 3:1 contrast on white.
 */
export const PALETTE = [
  '#0072B2',
  '#B36B00',
  '#009E73',
  '#CC79A7',
  '#8E5BB5',
  '#D55E00',
  '#000000',
  '#6F7D00',
];

export const FONT = 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif';
const TEXT = '#1f2933';
const MUTED = '#52606d';
const GRID = '#e4e7eb';

export const CHART_CONFIG: Config = {
  font: FONT,
  background: 'transparent',
  padding: { left: 4, right: 12, top: 8, bottom: 4 },
  aria: false,
  view: { stroke: null },
  range: { category: PALETTE },
  axis: {
    labelColor: MUTED,
    titleColor: TEXT,
    labelFontSize: 12,
    titleFontSize: 12,
    titleFontWeight: 600,
    gridColor: GRID,
    domainColor: '#9aa5b1',
    tickColor: '#9aa5b1',
  },
  legend: {
    labelColor: TEXT,
    titleColor: TEXT,
    labelFontSize: 12,
    titleFontSize: 12,
    orient: 'top',
    labelLimit: 260,
  },
  header: { labelColor: TEXT, titleColor: TEXT, labelFontSize: 12 },
  title: { color: TEXT, fontSize: 13, anchor: 'start' },
  text: { color: TEXT, fontSize: 12 },
};
