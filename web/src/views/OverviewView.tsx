import { useCallback, useMemo } from 'react';
import { DISCHARGE_REASONS, formatCount, humanize, lineSpec } from '../../../core';
import { useEngineQuery } from '../app/use-engine-query';
import { useViewContext } from '../app/use-view-context';
import { ChartPanel } from '../components/ChartPanel';
import { IntervalChart } from '../components/IntervalChart';
import { MeasureCards } from '../components/MeasureCards';
import { ShareChart } from '../components/ShareChart';
import { Loading, ViewFrame } from '../components/ViewFrame';
import { OVERVIEW_CARDS, overviewQueries } from './overview-queries';
import { retentionChartSpecs } from './retention-charts';

const CARDS = OVERVIEW_CARDS;

const CHART_MEASURES = [
  { name: 'completion_rate', label: 'Completion' },
  { name: 'retention_30', label: 'Not dropped out, day 30' },
  { name: 'retention_60', label: 'Not dropped out, day 60' },
  { name: 'retention_90', label: 'Not dropped out, day 90' },
  { name: 'attendance_rate', label: 'Attendance' },
  { name: 'abstinent_final30_cc', label: 'Abstinent, final 30 days (screened only)' },
  { name: 'abstinent_final30_mip', label: 'Abstinent, final 30 days (missing = positive)' },
  { name: 'step_down_rate', label: 'Step-down to a lower level' },
];
const REASON_PARTS = DISCHARGE_REASONS.map(humanize);

export function OverviewView() {
  const { cohort, grouping, label } = useViewContext();
  const asked = overviewQueries(cohort, grouping);
  const grouped = useEngineQuery(...asked.grouped);
  const series = useEngineQuery(...asked.series);
  const groups = useMemo(() => grouped.data?.groups.map(label) ?? [], [grouped.data, label]);
  // Retention is the view most opened next; its curves are as wide as the headline chart.
  const retentionAhead = useCallback(
    (width: number) => (groups.length ? retentionChartSpecs(groups, width) : []),
    [groups],
  );

  const reasons = useMemo(
    () => ({
      table: (series.data?.discharge_reasons ?? []).map((r) => ({
        group: label(r.grp),
        part: humanize(r.reason),
        count: r.episodes,
        order: DISCHARGE_REASONS.indexOf(r.reason as (typeof DISCHARGE_REASONS)[number]),
      })),
    }),
    [series.data, label],
  );
  const admissions = useMemo(
    () => ({
      table: (series.data?.admissions_by_month ?? []).map((r) => ({
        x: `${r.month}-01`,
        group: label(r.grp),
        value: r.admissions,
        n: r.admissions,
      })),
    }),
    [series.data, label],
  );

  const episodes = grouped.data
    ? grouped.data.groups.map((g) => `${label(g)}: ${formatCount(grouped.data!.episodes.get(g))} episodes`)
    : [];
  return (
    <ViewFrame
      id="overview"
      title="Overview"
      intro={
        grouped.data
          ? `${episodes.join(' · ')}. Figures in brackets are 95% intervals, or the quartiles (IQR) of a median; n is the number of episodes a share is taken of. A figure without brackets has no interval.`
          : 'Headline outcomes of the cohort.'
      }
      error={grouped.error ?? series.error}
    >
      {grouped.data ? (
        <MeasureCards data={grouped.data} cards={CARDS} label={label} />
      ) : (
        <Loading what="the headline measures" />
      )}
      <div className="chart-grid">
        <IntervalChart
          title="Headline outcomes"
          description="Point estimates with 95% intervals (Wilson for proportions, log(−log) Greenwood for retention)."
          definition={{ anchor: 'definitions-h' }}
          data={grouped.data}
          measures={CHART_MEASURES}
          label={label}
          valueTitle="Estimate with 95% interval"
          testId="chart-headline"
          ahead={retentionAhead}
        />
        <ShareChart
          title="Discharge reasons"
          description="Share of discharged episodes by reason."
          definition={{ measure: 'discharge_reasons' }}
          datasets={reasons}
          groups={groups}
          parts={REASON_PARTS}
          partTitle="Discharge reason"
          testId="chart-reasons"
        />
        <ChartPanel
          title="Admissions over time"
          description="Cohort admissions per calendar month."
          build={lineSpec}
          options={{
            groups,
            xTitle: 'Admission month',
            yTitle: 'Admissions',
            xType: 'temporal',
            kind: 'number',
          }}
          datasets={admissions}
          testId="chart-admissions"
          definition={{ anchor: 'definitions-h' }}
          wide
          table={{
            headers: ['Month', 'Group', 'Admissions'],
            rows: admissions.table.map((r) => [r.x.slice(0, 7), r.group, r.value]),
          }}
        />
      </div>
    </ViewFrame>
  );
}
