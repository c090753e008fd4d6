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

/** How a chart looks where it is shown: the dashboard's screen or the study's printed page. */
export interface ChartTheme {
  config: Config;
  /** The colour of a chart with one series. */
  accent: string;
  /** A point outside control limits. */
  flag: string;
  /** Reference lines and limits. */
  ink: string;
  muted: string;
  /** The two arms of a comparison (program and comparator, treatment and control). */
  arms: readonly [string, string];
  /** Fills the given width exactly, axes and labels included (screen); else the plot is that wide (print). */
  fit: boolean;
}

const FONT = 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif';
const TEXT = '#1f2933';
const MUTED = '#52606d';

export const DASHBOARD_THEME: ChartTheme = {
  config: {
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
      gridColor: '#e4e7eb',
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
  },
  accent: PALETTE[0],
  flag: '#D55E00',
  ink: TEXT,
  muted: MUTED,
  arms: [PALETTE[0], PALETTE[1]],
  fit: true,
};

export const PRINT_THEME: ChartTheme = {
  config: {
    font: 'Helvetica, Arial, sans-serif',
    view: { stroke: null },
    range: { category: ['#1f5fa8', '#c2571a', ...PALETTE.slice(2)] },
    axis: { labelFontSize: 11, titleFontSize: 12, grid: true, gridColor: '#e6e6e6' },
    axisY: { labelLimit: 320 },
    legend: { labelFontSize: 11, titleFontSize: 11, orient: 'bottom', labelLimit: 320 },
    text: { fontSize: 11 },
  },
  accent: '#1f5fa8',
  flag: '#c2571a',
  ink: '#444',
  muted: '#777',
  arms: ['#1f5fa8', '#c2571a'],
  fit: false,
};
