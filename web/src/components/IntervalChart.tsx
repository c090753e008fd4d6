import { memo, useMemo } from 'react';
import { intervalSpec, measureEntry, type GroupedMeasures, type ScaleKind } from '../../../core';
import { intervalRows } from '../charts/rows';
import { ChartPanel, type PanelProps } from './ChartPanel';
import { IntervalSummary } from './IntervalSummary';
import { samePanelProps } from './same-props';

/** Named measures of every group as estimates with 95% intervals, and the table of them. */
function IntervalChartOf({
  data,
  measures,
  label,
  valueTitle,
  kind = 'percent',
  domain = [0, 1],
  first,
  ...panel
}: Omit<PanelProps, 'datasets'> & {
  data: GroupedMeasures | undefined;
  /** A stable list (a module constant): the measures and, where the catalogue's is too long, their label. */
  measures: readonly { name: string; label?: string }[];
  label: (g: string) => string;
  valueTitle: string;
  kind?: ScaleKind;
  /** The value axis; null: from zero to the data. */
  domain?: [number, number] | null;
  /** The heading of the table's first column. */
  first?: string;
}) {
  const datasets = useMemo(
    () => ({ table: data ? intervalRows(data, [...measures], label) : [] }),
    [data, measures, label],
  );
  const options = {
    categories: measures.map((m) => m.label ?? measureEntry(m.name).label),
    groups: data?.groups.map(label) ?? [],
    kind,
    valueTitle,
    ...(domain ? { domain } : {}),
  };
  return (
    <ChartPanel
      {...panel}
      build={intervalSpec}
      options={options}
      datasets={datasets}
      summary={<IntervalSummary rows={datasets.table} first={first} />}
    />
  );
}

export const IntervalChart = memo(IntervalChartOf, samePanelProps);
