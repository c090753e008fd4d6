import { useCallback, useMemo } from 'react';
import { useEngineQuery, useEngineQueryWhen } from '../app/use-engine-query';
import { useViewContext } from '../app/use-view-context';
import { stepCurveSpec } from '../charts/specs';
import { Chart } from '../components/Chart';
import { MeasureCards } from '../components/MeasureCards';
import type { CardSpec } from '../components/card-spec';
import { Loading, SummaryTable, ViewFrame } from '../components/ViewFrame';
import { formatCount, formatNumber2, formatP, formatPercent } from '../../../core';

const CARDS: CardSpec[] = [
  { name: 'retention_30' },
  { name: 'retention_60' },
  { name: 'retention_90' },
  { name: 'los_median' },
  { name: 'completion_rate' },
];
const MAX_DAY = 180;
const AT_RISK_DAYS = [0, 30, 60, 90, 120, 150, 180];

export function RetentionView() {
  const { state, cohort, grouping, label } = useViewContext();
  const grouped = useEngineQuery('grouped', cohort, grouping);
  const series = useEngineQuery('series', cohort, grouping, MAX_DAY);
  const comparing = state.compare.kind !== 'none';
  const logRank = useEngineQueryWhen(comparing, 'logRank', cohort, grouping);

  const groups = useMemo(
    () => series.data?.retention_curve.map((c) => label(c.grp)) ?? [],
    [series.data, label],
  );
  const datasets = useMemo(() => {
    const curves = series.data?.retention_curve ?? [];
    return {
      curve: curves.flatMap((c) =>
        c.points.map((p) => ({
          group: label(c.grp),
          t: p.day,
          value: p.surv,
          lower: p.lower,
          upper: p.upper,
        })),
      ),
      atrisk: curves.flatMap((c) =>
        c.points
          .filter((p) => AT_RISK_DAYS.includes(p.day))
          .map((p) => ({ group: label(c.grp), t: p.day, n: p.at_risk })),
      ),
    };
  }, [series.data, label]);
  const spec = useCallback(
    (w: number) =>
      stepCurveSpec({
        width: w,
        groups,
        xTitle: 'Days since admission',
        yTitle: 'Retained (not dropped out)',
        maxT: MAX_DAY,
        atRisk: true,
      }),
    [groups],
  );
  const lr = logRank.data;
  const lrText = comparing
    ? lr
      ? `Log-rank test of equal retention: χ² = ${formatNumber2(lr.chisq)}, df = ${lr.df}, ${formatP(lr.p)}.`
      : 'Log-rank test: needs at least two groups with episodes.'
    : null;

  return (
    <ViewFrame
      id="retention"
      title="Retention"
      intro="Kaplan–Meier retention from admission: a premature discharge (dropped out, terminated) is the event; completed, transferred, neutral exits and open episodes are censored. Bands are 95% intervals (log(−log) Greenwood)."
      error={series.error ?? grouped.error ?? logRank.error}
    >
      {grouped.data ? (
        <MeasureCards data={grouped.data} cards={CARDS} label={label} />
      ) : (
        <Loading what="retention" />
      )}
      <div className="chart-grid">
        <Chart
          wide
          title="Retention curve"
          description={`Share of episodes not discharged prematurely, by day since admission, to day ${MAX_DAY}, with the number at risk below.`}
          spec={spec}
          datasets={datasets}
          testId="chart-km"
          definition={{ measure: 'retention_90' }}
          summary={
            <SummaryTable
              headers={['Group', 'Day', 'Retained', 'Lower', 'Upper', 'At risk']}
              rows={(series.data?.retention_curve ?? []).flatMap((c) =>
                c.points
                  .filter((p) => AT_RISK_DAYS.includes(p.day))
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
          }
        />
      </div>
      {lrText && (
        <p className="chart-stat" data-testid="logrank">
          {lrText}
        </p>
      )}
    </ViewFrame>
  );
}
