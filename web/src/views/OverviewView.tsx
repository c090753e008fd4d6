import { useCallback, useMemo } from 'react';
import { useEngineQuery } from '../app/use-engine-query';
import { useViewContext } from '../app/use-view-context';
import { intervalRows } from '../charts/rows';
import { Chart } from '../components/Chart';
import { MeasureCards } from '../components/MeasureCards';
import type { CardSpec } from '../components/card-spec';
import { IntervalSummary } from '../components/IntervalSummary';
import { Loading, SummaryTable, ViewFrame } from '../components/ViewFrame';
import {
  DISCHARGE_REASONS,
  formatCount,
  humanize,
  intervalSpec,
  lineSpec,
  stackedShareSpec,
  DASHBOARD_THEME,
} from '../../../core';

const CARDS: CardSpec[] = [
  { name: 'completion_rate' },
  { name: 'retention_30' },
  { name: 'retention_60' },
  { name: 'retention_90' },
  { name: 'attendance_rate' },
  { name: 'abstinent_final30_cc' },
  { name: 'abstinent_final30_mip' },
  { name: 'step_down_rate' },
  { name: 'cost_per_completer' },
];

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
const CATEGORIES = CHART_MEASURES.map((m) => m.label);
const REASON_PARTS = DISCHARGE_REASONS.map(humanize);

export function OverviewView() {
  const { cohort, grouping, label } = useViewContext();
  const grouped = useEngineQuery('grouped', cohort, grouping);
  const series = useEngineQuery('series', cohort, grouping, 180);
  const groups = useMemo(() => grouped.data?.groups.map(label) ?? [], [grouped.data, label]);

  const headline = useMemo(
    () => (grouped.data ? { table: intervalRows(grouped.data, CHART_MEASURES, label) } : { table: [] }),
    [grouped.data, label],
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

  const headlineSpec = useCallback(
    (w: number) =>
      intervalSpec(
        {
          width: w,
          categories: CATEGORIES,
          groups,
          kind: 'percent',
          valueTitle: 'Estimate with 95% interval',
          domain: [0, 1],
        },
        DASHBOARD_THEME,
      ),
    [groups],
  );
  const reasonSpec = useCallback(
    (w: number) =>
      stackedShareSpec(
        { width: w, groups, parts: REASON_PARTS, partTitle: 'Discharge reason' },
        DASHBOARD_THEME,
      ),
    [groups],
  );
  const admissionSpec = useCallback(
    (w: number) =>
      lineSpec(
        {
          width: w,
          groups,
          xTitle: 'Admission month',
          yTitle: 'Admissions',
          xType: 'temporal',
          kind: 'number',
        },
        DASHBOARD_THEME,
      ),
    [groups],
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
        <Chart
          title="Headline outcomes"
          description="Point estimates with 95% intervals (Wilson for proportions, log(−log) Greenwood for retention)."
          definition={{ anchor: 'definitions-h' }}
          spec={headlineSpec}
          datasets={headline}
          testId="chart-headline"
          summary={<IntervalSummary rows={headline.table} />}
        />
        <Chart
          title="Discharge reasons"
          description="Share of discharged episodes by reason."
          definition={{ measure: 'discharge_reasons' }}
          spec={reasonSpec}
          datasets={reasons}
          testId="chart-reasons"
          summary={
            <SummaryTable
              headers={['Group', 'Reason', 'Episodes']}
              rows={reasons.table.map((r) => [r.group, r.part, r.count])}
            />
          }
        />
        <Chart
          title="Admissions over time"
          description="Cohort admissions per calendar month."
          spec={admissionSpec}
          datasets={admissions}
          testId="chart-admissions"
          definition={{ anchor: 'definitions-h' }}
          wide
          summary={
            <SummaryTable
              headers={['Month', 'Group', 'Admissions']}
              rows={admissions.table.map((r) => [r.x.slice(0, 7), r.group, r.value])}
            />
          }
        />
      </div>
    </ViewFrame>
  );
}
