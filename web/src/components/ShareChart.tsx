import { memo } from 'react';
import { formatCount, formatPercent, stackedShareSpec } from '../../../core';
import { ChartPanel, type PanelProps } from './ChartPanel';
import { samePanelProps } from './same-props';

export interface ShareRow {
  group: string;
  part: string;
  count: number;
  /** The part's place in the stack. */
  order: number;
}

/** Each group's episodes split into parts, as 100% bars, with the counts and shares in its table. */
function ShareChartOf({
  datasets,
  groups,
  parts,
  partTitle,
  ...panel
}: Omit<PanelProps, 'datasets'> & {
  datasets: { table: ShareRow[] };
  groups: string[];
  parts: string[];
  partTitle: string;
}) {
  const total = (group: string) =>
    datasets.table.filter((x) => x.group === group).reduce((s, x) => s + x.count, 0);
  return (
    <ChartPanel
      {...panel}
      build={stackedShareSpec}
      options={{ groups, parts, partTitle }}
      datasets={datasets}
      table={{
        headers: ['Group', partTitle, 'Episodes', 'Share'],
        rows: datasets.table.map((r) => [
          r.group,
          r.part,
          formatCount(r.count),
          formatPercent(total(r.group) ? r.count / total(r.group) : null),
        ]),
      }}
    />
  );
}

export const ShareChart = memo(ShareChartOf, samePanelProps);
