import { useMemo } from 'react';
import {
  formatCount,
  formatPercent,
  isUnavailable,
  measureEntry,
  pChart,
  type Grouping,
  type PChartPoint,
  type QuarterRate,
  pChartSpec,
} from '../../../core';
import { useEngineQuery } from '../app/use-engine-query';
import { useViewContext } from '../app/use-view-context';
import { ChartPanel } from '../components/ChartPanel';
import { Loading, ViewFrame } from '../components/ViewFrame';

const MEASURE = 'completion_by_quarter';
const BY_PROGRAM: Grouping = { kind: 'by', column: 'program_id' };
const SHOWN = [MEASURE];

const status = (outside: boolean) => (outside ? 'outside the limits' : 'within the limits');

/** A program's p-chart (core's pChart) with each point's quarter. */
interface QuarterChart {
  centre: number | null;
  points: (PChartPoint & { quarter: string })[];
}

function quarterChart(series: QuarterRate[]): QuarterChart {
  const c = pChart(series);
  return { centre: c.centre, points: c.points.map((p, i) => ({ ...p, quarter: series[i].quarter })) };
}

function verdict(chart: QuarterChart): string {
  const out = chart.points.filter((p) => p.signal).map((p) => `${p.quarter} (${formatPercent(p.value)})`);
  return out.length === 0
    ? 'Every quarter lies within the 3-sigma limits: no sign of a change beyond chance.'
    : `Outside the 3-sigma limits: ${out.join(', ')}.`;
}

function ProgramPChart({ name, chart, quarters }: { name: string; chart: QuarterChart; quarters: string[] }) {
  const datasets = useMemo(
    () => ({
      points: chart.points.map((p) => ({ ...p, rate: p.value, status: status(p.signal) })),
      centre: chart.centre == null ? [] : [{ p: chart.centre }],
    }),
    [chart],
  );
  const n = chart.points.reduce((s, p) => s + p.n, 0);
  return (
    <ChartPanel
      title={name}
      description={`Completion among episodes discharged in each quarter; the line is ${name}'s rate over all quarters (${formatPercent(chart.centre)} of ${formatCount(n)} discharges), the band its 3-sigma limits for each quarter's number of discharges. ${verdict(chart)}`}
      build={pChartSpec}
      options={{ quarters, yTitle: 'Completion' }}
      datasets={datasets}
      testId="chart-p"
      definition={{ measure: MEASURE }}
      table={{
        headers: ['Quarter', 'Completion', 'Discharged', 'Lower limit', 'Upper limit', 'Position'],
        rows: chart.points.map((p) => [
          p.quarter,
          formatPercent(p.value),
          formatCount(p.n),
          formatPercent(p.lower),
          formatPercent(p.upper),
          status(p.signal),
        ]),
      }}
    />
  );
}

/** Completion by discharge quarter, one p-chart per program of the cohort (measures.md §11). */
export function TrendsView() {
  const { cohort, summary } = useViewContext();
  const grouped = useEngineQuery('grouped', cohort, BY_PROGRAM, SHOWN);
  const names = useMemo(
    () => new Map(summary.options.programs.map((p) => [p.program_id, p.program_name])),
    [summary.options.programs],
  );
  const charts = useMemo(() => {
    const data = grouped.data;
    if (!data) return [];
    return data.groups.flatMap((g) => {
      const v = data.measures.get(g)?.[MEASURE];
      if (!Array.isArray(v) || v.length === 0) return [];
      return [{ id: g, name: names.get(g) ?? g, chart: quarterChart(v as QuarterRate[]) }];
    });
  }, [grouped.data, names]);
  const quarters = useMemo(
    () => [...new Set(charts.flatMap((c) => c.chart.points.map((p) => p.quarter)))].sort(),
    [charts],
  );
  const unavailable = grouped.data?.groups
    .map((g) => grouped.data!.measures.get(g)?.[MEASURE])
    .find((v) => v !== undefined && isUnavailable(v));
  return (
    <ViewFrame
      id="trends"
      title="Trends"
      intro={`${measureEntry(MEASURE).label}, one p-chart per program: each point is the share of that quarter's discharges that completed; the centre line is the program's rate over all quarters and the band its 3-sigma limits (p ± 3·√(p(1 − p)/n), n the quarter's discharges). A point outside the band is a change beyond chance; a small quarter has a wide band.`}
      error={grouped.error}
    >
      {!grouped.data ? (
        <Loading what="the quarterly trends" />
      ) : unavailable && isUnavailable(unavailable) ? (
        <p className="muted">Not available: {unavailable.reason}</p>
      ) : charts.length === 0 ? (
        <p className="muted">No discharges in this cohort.</p>
      ) : (
        <div className="chart-grid">
          {charts.map((c) => (
            <ProgramPChart key={c.id} name={c.name} chart={c.chart} quarters={quarters} />
          ))}
        </div>
      )}
    </ViewFrame>
  );
}
