import { useMemo } from 'react';
import { useEngineQuery, useEngineQueryWhen } from '../app/use-engine-query';
import { useViewContext } from '../app/use-view-context';
import { ChartPanel } from '../components/ChartPanel';
import { MeasureCards } from '../components/MeasureCards';
import { Loading, SummaryTable, ViewFrame } from '../components/ViewFrame';
import {
  formatCount,
  formatNumber2,
  formatP,
  formatPercent,
  type KmPoint,
  type SeriesPart,
  stepChanges,
  stepCurveSpec,
} from '../../../core';
import {
  CURVES,
  curveOptions,
  IN_TREATMENT_CARDS,
  MAX_DAY,
  RETENTION_CARDS,
  RETENTION_SHOWN,
} from './retention-charts';
import { RetentionDifferences } from './RetentionDifferences';

const AT_RISK_DAYS_SET = new Set<number>([0, 30, 60, 90, 120, 150, 180]);

/** One curve's chart rows and its numbers at risk, per group. */
function curveRows(curves: { grp: string; points: KmPoint[] }[], label: (g: string) => string) {
  return {
    curve: stepChanges(
      curves.flatMap((c) =>
        c.points.map((p) => ({
          group: label(c.grp),
          t: p.day,
          value: p.surv,
          lower: p.lower,
          upper: p.upper,
        })),
      ),
      (r) => r.group,
      ['value', 'lower', 'upper'],
    ),
    atrisk: curves.flatMap((c) =>
      c.points
        .filter((p) => AT_RISK_DAYS_SET.has(p.day))
        .map((p) => ({ group: label(c.grp), t: p.day, n: p.at_risk })),
    ),
  };
}

function curveTable(
  curves: { grp: string; points: KmPoint[] }[],
  label: (g: string) => string,
  what: string,
) {
  return (
    <SummaryTable
      headers={['Group', 'Day', what, 'Lower', 'Upper', 'At risk']}
      rows={curves.flatMap((c) =>
        c.points
          .filter((p) => AT_RISK_DAYS_SET.has(p.day))
          .map((p) => [
            label(c.grp),
            p.day,
            formatPercent(p.surv),
            formatPercent(p.lower),
            formatPercent(p.upper),
            formatCount(p.at_risk),
          ]),
      )}
    />
  );
}

const SERIES: SeriesPart[] = ['retention_curve'];

export function RetentionView() {
  const { state, cohort, grouping, label } = useViewContext();
  const grouped = useEngineQuery('grouped', cohort, grouping, RETENTION_SHOWN);
  const series = useEngineQuery('series', cohort, grouping, MAX_DAY, SERIES);
  const comparing = state.compare.kind !== 'none';
  const logRank = useEngineQueryWhen(comparing, 'logRank', cohort, grouping);
  const differences = useEngineQueryWhen(comparing, 'retentionDifferences', cohort, grouping);

  const groups = useMemo(
    () => series.data?.retention_curve?.map((c) => label(c.grp)) ?? [],
    [series.data, label],
  );
  const datasets = useMemo(() => curveRows(series.data?.retention_curve ?? [], label), [series.data, label]);
  const inTreatment = useEngineQuery('kmCurves', cohort, grouping, MAX_DAY, 'in_treatment');
  const inTreatmentCurves = useMemo(
    () => [...(inTreatment.data ?? new Map<string, KmPoint[]>())].map(([grp, points]) => ({ grp, points })),
    [inTreatment.data],
  );
  const inTreatmentData = useMemo(() => curveRows(inTreatmentCurves, label), [inTreatmentCurves, label]);
  // Kept between renders, so a chart whose curve did not change is not rendered again (ChartPanel
  // is memoised) when another of the view's three queries answers.
  const summaries = useMemo(
    () => [
      curveTable(series.data?.retention_curve ?? [], label, CURVES[0].title),
      curveTable(inTreatmentCurves, label, CURVES[1].title),
    ],
    [series.data, inTreatmentCurves, label],
  );
  const lr = logRank.data;
  const lrText = comparing
    ? lr
      ? `Log-rank test of equal not-dropped-out curves: χ² = ${formatNumber2(lr.chisq)}, df = ${lr.df}, ${formatP(lr.p)}.`
      : 'Log-rank test: needs at least two groups with episodes.'
    : null;

  return (
    <ViewFrame
      id="retention"
      title="Retention"
      intro="Not dropped out: Kaplan–Meier from admission with a premature discharge (dropped out, terminated) as the event; completers, transfers, neutral exits and open episodes stay in the curve until the extract date, so it counts those retained or completed, not those still attending. Beside it, still in treatment: any discharge ends it. Bands are 95% intervals (log(−log) Greenwood)."
      error={series.error ?? grouped.error ?? logRank.error ?? inTreatment.error ?? differences.error}
    >
      {grouped.data ? (
        <MeasureCards data={grouped.data} cards={RETENTION_CARDS} label={label} />
      ) : (
        <Loading what="retention" />
      )}
      <div className="chart-grid">
        {[
          { ...CURVES[0], datasets, summary: summaries[0] },
          { ...CURVES[1], datasets: inTreatmentData, summary: summaries[1] },
        ].map((k) => (
          <ChartPanel
            key={k.testId}
            title={k.title}
            description={`${k.description}, by day since admission, to day ${MAX_DAY}, with the number at risk below.`}
            build={stepCurveSpec}
            options={curveOptions(groups, k.title)}
            datasets={k.datasets}
            testId={k.testId}
            definition={{ measure: k.measure }}
            summary={k.summary}
          />
        ))}
      </div>
      {grouped.data && <MeasureCards data={grouped.data} cards={IN_TREATMENT_CARDS} label={label} />}
      {comparing && differences.data && <RetentionDifferences rows={differences.data} label={label} />}
      {lrText && (
        <p className="chart-stat" data-testid="logrank">
          {lrText}
        </p>
      )}
    </ViewFrame>
  );
}
