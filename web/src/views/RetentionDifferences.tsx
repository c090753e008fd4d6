import {
  formatDecimal,
  formatPercentBare,
  NO_VALUE,
  type Difference,
  type RetentionDifference,
} from '../../../core';
import { ScrollRegion } from '../components/ScrollRegion';
import { SummaryTable } from '../components/ViewFrame';

const points = (d: Difference | null) =>
  d
    ? `${formatPercentBare(d.value)} points (${formatPercentBare(d.lower)} to ${formatPercentBare(d.upper)})`
    : NO_VALUE;
const days = (d: Difference | null) =>
  d
    ? `${formatDecimal(d.value, 1)} days (${formatDecimal(d.lower, 1)} to ${formatDecimal(d.upper, 1)})`
    : NO_VALUE;

/** Each group against the first: not dropped out at day 90 and days not dropped out in the first 90, with 95% intervals. */
export function RetentionDifferences({
  rows,
  label,
}: {
  rows: RetentionDifference[];
  label: (g: string) => string;
}) {
  if (rows.length === 0) return null;
  const crossing = rows.filter((r) => r.curvesCross);
  return (
    <section className="data-table" aria-label="Differences in retention" data-testid="retention-differences">
      <h3>Differences against {label(rows[0].reference)}</h3>
      <ScrollRegion label="Differences in retention, table">
        <SummaryTable
          headers={['Group', 'Not dropped out at day 90', 'Days not dropped out, first 90 (RMST)']}
          rows={rows.map((r) => [label(r.grp), points(r.difference90), days(r.rmstDifference)])}
        />
      </ScrollRegion>
      <p className="muted">
        Differences are the group minus {label(rows[0].reference)}, with 95% intervals (Greenwood standard
        errors on the plain scale).{' '}
        {crossing.length > 0
          ? `The curves of ${crossing.map((r) => label(r.grp)).join(', ')} and ${label(rows[0].reference)} cross before day 90, so no single difference tells the whole story: read the curves.`
          : 'The curves do not cross before day 90.'}
      </p>
    </section>
  );
}
