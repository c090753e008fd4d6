import { useMemo } from 'react';
import {
  formatCount,
  formatMeasure,
  formatPercent,
  kindedMeasure,
  lineSpec,
  sectionAnchor,
  type GroupedMeasures,
  type Proportion,
  type SeriesPart,
} from '../../../core';
import { useEngineQuery } from '../app/use-engine-query';
import { useViewContext } from '../app/use-view-context';
import { ChartPanel } from '../components/ChartPanel';
import { IntervalChart } from '../components/IntervalChart';
import { MeasureCards } from '../components/MeasureCards';
import type { CardSpec } from '../components/card-spec';
import { Loading, ViewFrame } from '../components/ViewFrame';

const FINAL30 = [
  { name: 'abstinent_final30_cc', label: 'Complete case' },
  { name: 'abstinent_final30_mip', label: 'Missing = positive' },
];
const FOLLOWUP = [30, 90, 180].flatMap((k) => [
  { name: `followup_reached_${k}`, label: `Reached at ${k} days` },
  { name: `abstinent_followup_${k}_cc`, label: `No use at ${k} days (answered only)` },
  { name: `abstinent_followup_${k}_mip`, label: `No use at ${k} days (missing = using)` },
]);
const SELF_REPORT: CardSpec[] = [
  { name: 'abstinent_at_discharge_cc' },
  { name: 'abstinent_at_discharge_mip' },
  { name: 'use_days_change', label: 'Fewer use days in the past 30, admission → discharge (mean)' },
];
const SCREEN_CARDS: CardSpec[] = [
  { name: 'negative_screen_rate' },
  ...FINAL30.map((f) => ({ name: f.name })),
  { name: 'longest_negative_run' },
];

/** Why the two final-30-day conventions differ, in this cohort's own numbers. */
function GapExplanation({ data, label }: { data: GroupedMeasures; label: (g: string) => string }) {
  return (
    <div className="note" data-testid="abstinence-gap">
      <p>
        <strong>Why two figures?</strong> Complete case counts only discharged episodes with at least one
        resulted screen in their last 30 days and ignores missed screens; missing = positive counts every
        discharged episode and treats no screen, or any missed screen, as not abstinent. The truth usually
        lies between them.
      </p>
      {data.groups.map((g) => {
        const m = data.measures.get(g);
        if (!m?.abstinent_final30_cc || !m.abstinent_final30_mip) return null;
        const cc = kindedMeasure('abstinent_final30_cc', m.abstinent_final30_cc);
        const mip = kindedMeasure('abstinent_final30_mip', m.abstinent_final30_mip);
        if (cc.kind !== 'proportion' || mip.kind !== 'proportion') return null;
        const noScreen = mip.v.denominator - cc.v.denominator;
        const missed = cc.v.numerator - mip.v.numerator;
        return (
          <p key={g}>
            {data.groups.length > 1 && <strong>{label(g)}: </strong>}
            {gapSentence(cc.v, mip.v, noScreen, missed)}
          </p>
        );
      })}
    </div>
  );
}

function gapSentence(cc: Proportion, mip: Proportion, noScreen: number, missed: number): string {
  const gap =
    cc.value != null && mip.value != null
      ? ` The gap is ${((cc.value - mip.value) * 100).toFixed(1)} percentage points:`
      : '';
  return (
    `Complete case ${formatPercent(cc.value)} = ${formatCount(cc.numerator)} of ${formatCount(cc.denominator)} episodes with a resulted screen; ` +
    `missing = positive ${formatPercent(mip.value)} = ${formatCount(mip.numerator)} of all ${formatCount(mip.denominator)} discharged.${gap} ` +
    `${formatCount(noScreen)} discharged episodes had no resulted screen in their final 30 days, and ${formatCount(missed)} with only negative results also had a missed screen.`
  );
}

const SERIES: SeriesPart[] = ['negative_rate_by_week'];
/** The measures the view shows (the follow-up reach table reads followup_reached_k of FOLLOWUP). */
const SHOWN = [...new Set([...SCREEN_CARDS, ...FINAL30, ...SELF_REPORT, ...FOLLOWUP].map((c) => c.name))];

export function AbstinenceView() {
  const { cohort, grouping, label } = useViewContext();
  const grouped = useEngineQuery('grouped', cohort, grouping, SHOWN);
  const series = useEngineQuery('series', cohort, grouping, 180, SERIES);
  const groups = useMemo(() => grouped.data?.groups.map(label) ?? [], [grouped.data, label]);

  const weekly = useMemo(
    () => ({
      table: (series.data?.negative_rate_by_week ?? [])
        .filter((r) => r.rate != null)
        .map((r) => ({ x: r.week + 1, group: label(r.grp), value: r.rate, n: r.resulted })),
    }),
    [series.data, label],
  );
  const reach = grouped.data
    ? grouped.data.groups.flatMap((g) =>
        [30, 90, 180].map((k) => [
          label(g),
          `${k} days`,
          formatMeasure(grouped.data!.measures.get(g)?.[`followup_reached_${k}`], `followup_reached_${k}`),
        ]),
      )
    : [];

  return (
    <ViewFrame
      id="abstinence"
      title="Abstinence"
      intro="Drug screens during treatment (dilute and refused count as positive, missed as missing), self-reported use, and use after discharge at follow-up."
      error={grouped.error ?? series.error}
    >
      {grouped.data ? (
        <MeasureCards data={grouped.data} cards={SCREEN_CARDS} label={label} />
      ) : (
        <Loading what="abstinence" />
      )}
      <div className="chart-grid">
        <ChartPanel
          title="Negative screens by week in treatment"
          description="Negative among resulted screens, pooled over the cohort, by week since admission."
          build={lineSpec}
          options={{
            groups,
            xTitle: 'Week in treatment',
            yTitle: 'Negative screens',
            xType: 'quantitative',
            kind: 'percent',
            yDomain: [0, 1],
          }}
          datasets={weekly}
          testId="chart-negative-weekly"
          definition={{ measure: 'negative_screen_rate' }}
          table={{
            headers: ['Week', 'Group', 'Negative', 'Resulted screens'],
            rows: weekly.table.map((r) => [r.x, r.group, formatPercent(r.value), r.n]),
          }}
        />
        <IntervalChart
          title="Abstinent in the final 30 days: two conventions"
          description="Complete case and missing = positive side by side, with 95% intervals."
          data={grouped.data}
          measures={FINAL30}
          label={label}
          valueTitle="Abstinent in the final 30 days"
          first="Convention"
          testId="chart-final30"
          definition={{ measure: 'abstinent_final30_mip' }}
          footer={grouped.data && <GapExplanation data={grouped.data} label={label} />}
        />
      </div>
      <h3 className="section-title">Self-reported use</h3>
      {grouped.data && <MeasureCards data={grouped.data} cards={SELF_REPORT} label={label} />}
      <h3 className="section-title">After discharge: follow-up at 30, 90 and 180 days</h3>
      <div className="chart-grid">
        <IntervalChart
          wide
          title="Follow-up reach and abstinence"
          description="Reached among eligible discharged episodes (discharge + k days ≤ extract date); no use among those reached who answered (complete case) or among all eligible, a missing answer counted as use (missing = using)."
          data={grouped.data}
          measures={FOLLOWUP}
          label={label}
          valueTitle="Share with 95% interval"
          testId="chart-followup"
          definition={{ anchor: sectionAnchor('Follow-up after discharge') }}
        />
      </div>
      {reach.length > 0 && (
        <p className="chart-stat muted">
          Reach:{' '}
          {reach
            .map((r) => `${grouped.data!.groups.length > 1 ? `${r[0]}, ` : ''}${r[1]} ${r[2]}`)
            .join(' · ')}
        </p>
      )}
    </ViewFrame>
  );
}
