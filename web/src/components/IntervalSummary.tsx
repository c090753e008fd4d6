import type { IntervalRow } from '../charts/rows';
import { formatCount, formatPercent } from '../../../core';
import { SummaryTable } from './ViewFrame';

/** The numbers behind an estimates-with-intervals chart: one row per measure and group. */
export function IntervalSummary({
  rows,
  first = 'Measure',
  format = formatPercent,
}: {
  rows: readonly IntervalRow[];
  /** The heading of the first column (what the categories are). */
  first?: string;
  format?: (x: number | null | undefined) => string;
}) {
  return (
    <SummaryTable
      headers={[first, 'Group', 'Estimate', 'Lower 95%', 'Upper 95%', 'n']}
      rows={rows.map((r) => [
        r.category,
        r.group,
        format(r.value),
        format(r.lower),
        format(r.upper),
        formatCount(r.n),
      ])}
    />
  );
}
