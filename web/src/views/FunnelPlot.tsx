import { useCallback, useMemo } from 'react';
import { useEngineQuery } from '../app/use-engine-query';
import { useViewContext } from '../app/use-view-context';
import { funnelSpec } from '../charts/specs';
import { Chart } from '../components/Chart';
import { SummaryTable } from '../components/ViewFrame';
import { formatCount, formatPercent } from '../../../core';

/** Keeps about 150 limit points, spaced evenly on a log scale of n (the curves are smooth). */
function thin<T extends { n: number }>(limits: T[]): T[] {
  if (limits.length <= 150) return limits;
  const keep = new Set<number>();
  for (let i = 0; i <= 150; i++) keep.add(Math.round(Math.exp((Math.log(limits.length) * i) / 150)));
  return limits.filter((l) => keep.has(l.n));
}

/** Completion by program against its number of discharges, with 95% and 99.8% limits around the cohort's rate. */
export function FunnelPlot({ names }: { names: Map<string, string> }) {
  const { cohort } = useViewContext();
  const funnel = useEngineQuery('funnel', cohort);
  const datasets = useMemo(() => {
    const f = funnel.data;
    if (!f) return { points: [], limits: [], overall: [] };
    return {
      points: f.points
        .filter((p) => p.rate != null)
        .sort((a, b) => a.n - b.n)
        .map((p, i) => ({
          program: names.get(p.program) ?? p.program,
          n: p.n,
          rate: p.rate,
          above: i % 2 === 0,
        })),
      limits: thin(f.limits).map((l) => ({
        n: l.n,
        lo95: l.lower95,
        hi95: l.upper95,
        lo998: l.lower998,
        hi998: l.upper998,
      })),
      overall: f.overall.rate == null ? [] : [{ p: f.overall.rate }],
    };
  }, [funnel.data, names]);
  // Zoomed on the programs and the limits at their sizes, so close rates stay apart.
  const yDomain = useMemo((): [number, number] => {
    const f = funnel.data;
    const rates = (f?.points ?? []).flatMap((p) => (p.rate == null ? [] : [p.rate]));
    const nMin = Math.min(...(f?.points ?? []).map((p) => p.n).filter((n) => n > 0));
    const at = f?.limits.find((l) => l.n === nMin);
    const lo = Math.min(...rates, at?.lower998 ?? 1);
    const hi = Math.max(...rates, at?.upper998 ?? 0);
    if (!Number.isFinite(lo) || !Number.isFinite(hi)) return [0, 1];
    return [Math.max(0, Math.floor((lo - 0.05) * 20) / 20), Math.min(1, Math.ceil((hi + 0.05) * 20) / 20)];
  }, [funnel.data]);
  const spec = useCallback(
    (w: number) => funnelSpec({ width: w, yTitle: 'Completion', xTitle: 'Discharged episodes', yDomain }),
    [yDomain],
  );
  const overall = funnel.data?.overall;
  if (funnel.error)
    return <p className="muted">The funnel plot could not be computed: {funnel.error.message}</p>;
  return (
    <div className="chart-grid">
      <Chart
        wide
        title="Funnel plot: completion by program"
        description={`Each program's observed completion against its number of discharges; the line is the cohort's rate${
          overall?.rate != null
            ? ` (${formatPercent(overall.rate)}, ${formatCount(overall.observed)} of ${formatCount(overall.n)})`
            : ''
        }, dashed curves the 95% and dotted the 99.8% limits. A program outside the limits differs by more than chance.`}
        spec={spec}
        datasets={datasets}
        testId="chart-funnel"
        definition={{ measure: 'funnel' }}
        summary={
          <SummaryTable
            headers={['Program', 'Discharged', 'Completion']}
            rows={datasets.points.map((p) => [p.program, formatCount(p.n), formatPercent(p.rate)])}
          />
        }
      />
    </div>
  );
}
