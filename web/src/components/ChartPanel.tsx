import { memo, useCallback, useMemo, type ComponentProps, type ReactNode } from 'react';
import type { TopLevelSpec } from 'vega-lite';
import { DASHBOARD_THEME, type ChartTheme } from '../../../core';
import { Chart } from './Chart';
import { samePanelProps } from './same-props';
import { SummaryTable } from './ViewFrame';

export type PanelProps = Omit<ComponentProps<typeof Chart>, 'spec' | 'summary'>;

/**
 * A chart of the dashboard: title, "What is this?", one of the render layer's spec builders with
 * its options (in the dashboard theme, at the panel's width), its data, and the numbers behind it
 * (`table`, or a `summary` of its own).
 */
function ChartPanelOf<O extends { width: number }>({
  build,
  options,
  table,
  summary,
  ...chart
}: PanelProps & {
  build: (o: O, theme: ChartTheme) => TopLevelSpec;
  /** Plain data (labels, numbers): the spec is rebuilt only when they change. */
  options: Omit<O, 'width'>;
  table?: { headers: string[]; rows: (string | number)[][] };
  summary?: ReactNode;
}) {
  const key = JSON.stringify(options);
  const stable = useMemo(() => JSON.parse(key) as Omit<O, 'width'>, [key]);
  const spec = useCallback(
    (width: number) => build({ ...stable, width } as O, DASHBOARD_THEME),
    [build, stable],
  );
  return <Chart {...chart} spec={spec} summary={summary ?? (table && <SummaryTable {...table} />)} />;
}

export const ChartPanel = memo(ChartPanelOf, samePanelProps) as typeof ChartPanelOf;
