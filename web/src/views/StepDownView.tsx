import { useMemo } from 'react';
import { formatPercent, stepChanges, stepCurveSpec, TRANSITIONS, type SeriesPart } from '../../../core';
import { useEngineQuery } from '../app/use-engine-query';
import { useViewContext } from '../app/use-view-context';
import { ChartPanel } from '../components/ChartPanel';
import { IntervalChart } from '../components/IntervalChart';
import { MeasureCards } from '../components/MeasureCards';
import { ShareChart } from '../components/ShareChart';
import type { CardSpec } from '../components/card-spec';
import { Loading, ViewFrame } from '../components/ViewFrame';

const MAX_DAY = 180;
const SERIES = ['Step-down', 'Other discharge'];
const CARDS: CardSpec[] = [
  { name: 'step_down_rate' },
  { name: 'step_down_rate_completers' },
  { name: 'days_to_step_down' },
  { name: 'step_down_cif_30', unit: 'percent' },
  { name: 'step_down_cif_60', unit: 'percent' },
  { name: 'step_down_cif_90', unit: 'percent' },
];
const CONTINUITY = [
  { name: 'step_down_rate', label: 'Stepped down (of discharged)' },
  { name: 'step_down_rate_completers', label: 'Stepped down (of completers)' },
  { name: 'continuity_7', label: 'Seen within 7 days' },
  { name: 'continuity_14', label: 'Seen within 14 days' },
  { name: 'step_up_90', label: 'Stepped up within 90 days' },
  { name: 'stepped_down_into_iop', label: 'Came from a higher level' },
];
const TRANSITION_LABELS: Record<(typeof TRANSITIONS)[number], string> = {
  step_down: 'Step-down',
  step_up: 'Step-up',
  readmission: 'Readmission',
  none: 'None',
};
const TRANSITION_PARTS = TRANSITIONS.map((t) => TRANSITION_LABELS[t]);
const FOLLOW_UP_CARDS: CardSpec[] = [{ name: 'continuity_7_all' }, { name: 'continuity_30_all' }];
const CONTINUITY_CARDS: CardSpec[] = [
  { name: 'continuity_7' },
  { name: 'continuity_14' },
  { name: 'stepped_down_into_iop' },
  { name: 'step_up_90' },
];

const SERIES_SHOWN: SeriesPart[] = ['step_down_cif', 'transitions_after_discharge'];
/** The measures the view shows, so a filter computes nothing else. */
const SHOWN = [
  ...new Set([...CARDS, ...CONTINUITY, ...CONTINUITY_CARDS, ...FOLLOW_UP_CARDS].map((c) => c.name)),
];

export function StepDownView() {
  const { cohort, grouping, label } = useViewContext();
  const grouped = useEngineQuery('grouped', cohort, grouping, SHOWN);
  const series = useEngineQuery('series', cohort, grouping, MAX_DAY, SERIES_SHOWN);
  const groups = useMemo(
    () => series.data?.step_down_cif?.map((c) => label(c.grp)) ?? [],
    [series.data, label],
  );

  const cif = useMemo(
    () => ({
      curve: stepChanges(
        (series.data?.step_down_cif ?? []).flatMap((c) =>
          c.points.flatMap((p) => [
            { group: label(c.grp), series: SERIES[0], t: p.day, value: p.step_down },
            { group: label(c.grp), series: SERIES[1], t: p.day, value: p.other },
          ]),
        ),
        (r) => `${r.group}\u0000${r.series}`,
        ['value'],
      ),
    }),
    [series.data, label],
  );
  const transitionsResult = series.data?.transitions_after_discharge;
  const transitions = useMemo(
    () => ({
      table:
        transitionsResult && 'rows' in transitionsResult
          ? transitionsResult.rows.map((r) => ({
              group: label(r.grp),
              part: TRANSITION_LABELS[r.transition],
              count: r.episodes,
              order: TRANSITIONS.indexOf(r.transition),
            }))
          : [],
    }),
    [transitionsResult, label],
  );
  const cifDays = [30, 60, 90, 180];

  return (
    <ViewFrame
      id="step-down"
      title="Step-down and continuity"
      intro="A step-down is a discharge followed within 30 days by the same client's admission at a lower level of care (for IOP: outpatient). Continuity counts days from discharge to the first attended service of that next episode."
      error={grouped.error ?? series.error}
    >
      {grouped.data ? (
        <MeasureCards data={grouped.data} cards={CARDS} label={label} />
      ) : (
        <Loading what="step-down" />
      )}
      <div className="chart-grid">
        <ChartPanel
          title="Step-down versus other exits"
          description="Cumulative incidence (Aalen–Johansen) by day since admission: step-down, with every other discharge as the competing event; open episodes censored."
          build={stepCurveSpec}
          options={{
            groups,
            xTitle: 'Days since admission',
            yTitle: 'Cumulative incidence',
            maxT: MAX_DAY,
            atRisk: false,
            series: SERIES,
            band: false,
          }}
          datasets={cif}
          testId="chart-cif"
          definition={{ measure: 'step_down_cif_30' }}
          table={{
            headers: ['Group', 'Curve', 'Day', 'Cumulative incidence'],
            rows: cif.curve
              .filter((r) => cifDays.includes(r.t))
              .map((r) => [r.group, r.series, r.t, formatPercent(r.value)]),
          }}
        />
        <IntervalChart
          title="Transitions and continuity of care"
          description="After discharge: step-down, continuing care within 7 and 14 days of a step-down, step-up within 90 days; and admissions that stepped down into this level."
          data={grouped.data}
          measures={CONTINUITY}
          label={label}
          valueTitle="Share with 95% interval"
          testId="chart-continuity"
          definition={{ measure: 'continuity_7' }}
        />
        {transitionsResult && !('rows' in transitionsResult) ? (
          <figure className="chart" data-testid="chart-transitions">
            <figcaption>
              <span className="chart-title">What came after discharge</span>
            </figcaption>
            <p className="chart-empty">
              Not available: {transitionsResult.reason.replace(/^not available: /, '')}.
            </p>
          </figure>
        ) : (
          <ShareChart
            title="What came after discharge"
            description="Discharged episodes by the same client's next admission within 30 days: at a lower level (step-down), a higher level (step-up), the same level (readmission), or none."
            datasets={transitions}
            groups={groups}
            parts={TRANSITION_PARTS}
            partTitle="After discharge"
            testId="chart-transitions"
            definition={{ measure: 'transitions' }}
          />
        )}
      </div>
      <h3 className="section-title">Continuity</h3>
      {grouped.data && <MeasureCards data={grouped.data} cards={CONTINUITY_CARDS} label={label} />}
      <h3 className="section-title">Follow-up after discharge (payers' view)</h3>
      <p className="muted">
        Continuity above counts step-downs only; payers count every discharge. Here the denominator is all
        discharged episodes, and any next episode counts, at any level.
      </p>
      {grouped.data && <MeasureCards data={grouped.data} cards={FOLLOW_UP_CARDS} label={label} />}
    </ViewFrame>
  );
}
