import { useCallback, useMemo, useState } from 'react';
import {
  comparativeFigures,
  DASHBOARD_THEME,
  COMPARATIVE_LABELS,
  COMPARATIVE_OUTCOMES as OUTCOMES,
  comparativeSentences,
  formatDecimal,
  formatCount,
  formatMoney,
  formatPercent,
  isEstimated,
  LEVEL_LABELS,
  levelName,
  NO_VALUE,
  type Comparative,
  type ComparativeFigures,
  type Figure,
  type ComparativeRequest,
  type LevelOfCare,
  type NotEstimated,
} from '../../../core';
import { useEngineQuery } from '../app/use-engine-query';
import { useViewContext } from '../app/use-view-context';
import { Chart } from '../components/Chart';
import { ScrollRegion } from '../components/ScrollRegion';
import { Loading, SummaryTable, ViewFrame } from '../components/ViewFrame';

/** A figure of the adjusted comparison (the study draws the same ones), live in the dashboard theme. */
function ComparativeChart({
  title,
  description,
  figure,
  testId,
}: {
  title: string;
  description: string;
  figure: Figure | null;
  testId: string;
}) {
  const spec = useCallback((w: number) => figure!.spec(w, DASHBOARD_THEME), [figure]);
  if (!figure) return null;
  const rows = Object.values(figure.data)[0] ?? [];
  const headers = rows.length ? Object.keys(rows[0]) : [];
  const cell = (v: unknown) => (typeof v === 'number' ? formatDecimal(v, 3) : String(v ?? NO_VALUE));
  return (
    <Chart
      wide
      title={title}
      description={description}
      spec={spec}
      datasets={figure.data}
      testId={testId}
      summary={
        <SummaryTable
          headers={headers}
          rows={rows.map((r) => headers.map((h) => cell((r as Record<string, unknown>)[h])))}
        />
      }
    />
  );
}

/** The comparison's pictures on the dashboard, in order. */
const PICTURES: { key: keyof ComparativeFigures; title: string; description: string }[] = [
  {
    key: 'forest',
    title: 'Adjusted and unadjusted differences',
    description:
      "Each binary outcome's overlap-weighted difference with its 95% interval (squares), and the unadjusted difference (circles), in percentage points.",
  },
  {
    key: 'plane',
    title: 'Cost-effectiveness plane (95% ellipse)',
    description:
      'The difference in effect (x) against the difference in cost per episode (y), with its 95% confidence ellipse.',
  },
  {
    key: 'ceac',
    title: 'Acceptability curve',
    description:
      'The probability that the treatment level is cost-effective at each willingness to pay for one more success.',
  },
  {
    key: 'balance',
    title: 'Balance before and after weighting',
    description:
      "Each covariate's standardised difference between the arms before and after overlap weighting; within ±0.1 (dashed) counts as balanced.",
  },
  {
    key: 'positivity',
    title: 'Propensity by arm',
    description:
      'How many entry episodes of each arm have each propensity score: the arms overlap where both have episodes.',
  },
];

function OutcomeTable({ c }: { c: Comparative }) {
  const T = LEVEL_LABELS[c.treatment_level] ?? c.treatment_level;
  const C = LEVEL_LABELS[c.control_level] ?? c.control_level;
  const caption = `Overlap-weighted outcomes, unadjusted in brackets; differences ${T} − ${C}`;
  return (
    <div className="data-table" data-testid="comparative-outcomes">
      <ScrollRegion label={caption} title={caption}>
        <table>
          <caption className="sr-only">{caption}</caption>
          <thead>
            <tr>
              <th scope="col">Outcome</th>
              <th scope="col">{T}</th>
              <th scope="col">{C}</th>
              <th scope="col">Difference (95% CI)</th>
              <th scope="col">E-value</th>
            </tr>
          </thead>
          <tbody>
            {OUTCOMES.map((o) => {
              const e = c.outcomes[o.name];
              const label = COMPARATIVE_LABELS[o.name].short;
              if (!isEstimated(e))
                return (
                  <tr key={o.name}>
                    <th scope="row">{label}</th>
                    <td colSpan={4}>{e.reason}</td>
                  </tr>
                );
              const f = (v: number) => (o.binary ? formatPercent(v) : formatMoney(v));
              const u = (v: number | object) => (typeof v === 'number' ? f(v) : '<11');
              const d = e.difference;
              const diff = o.binary
                ? `${(d.value * 100).toFixed(1)} (${(d.lower * 100).toFixed(1)} to ${(d.upper * 100).toFixed(1)}) points`
                : `${formatMoney(d.value)} (${formatMoney(d.lower)} to ${formatMoney(d.upper)})`;
              return (
                <tr key={o.name}>
                  <th scope="row">{label}</th>
                  <td className="num">
                    {f(e.treated.value)} ({u(e.treated.unweighted)}) · n {formatCount(e.treated.n)}
                  </td>
                  <td className="num">
                    {f(e.control.value)} ({u(e.control.unweighted)}) · n {formatCount(e.control.n)}
                  </td>
                  <td className="num">{diff}</td>
                  <td className="num">{e.e_value ? e.e_value.value.toFixed(2) : '–'}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </ScrollRegion>
    </div>
  );
}

/**
 * The payer's question on the dashboard: one level of care against another, adjusted for
 * case-mix by overlap weights, with cost-effectiveness (core/comparative, the study's figures).
 */
export function ComparativeView() {
  const { cohort, summary } = useViewContext();
  const levels = summary.options.levels.map((l) => l.level as LevelOfCare);
  const [treatment, setTreatment] = useState<LevelOfCare>(cohort.level === 'op' ? 'iop' : cohort.level);
  const [control, setControl] = useState<LevelOfCare>('op');
  const [sameControlPrograms, setSameControlPrograms] = useState(false);
  const request = useMemo<ComparativeRequest>(
    () => ({
      treatmentLevel: treatment,
      controlLevel: control,
      ...(cohort.programs?.length ? { treatmentPrograms: cohort.programs } : {}),
      ...(sameControlPrograms && cohort.programs?.length ? { controlPrograms: cohort.programs } : {}),
      ...(cohort.from ? { from: cohort.from } : {}),
      ...(cohort.to ? { to: cohort.to } : {}),
      ...(cohort.filters ? { filters: cohort.filters } : {}),
    }),
    [treatment, control, sameControlPrograms, cohort],
  );
  const result = useEngineQuery('comparative', request);
  const c: Comparative | NotEstimated | undefined = result.data;
  const programs = cohort.programs?.length
    ? cohort.programs
        .map((id) => summary.options.programs.find((p) => p.program_id === id)?.program_name ?? id)
        .join(', ')
    : `${levelName(treatment)} in every program`;
  const propensityNote =
    c && isEstimated(c)
      ? `(c-statistic ${c.propensity.c_statistic.toFixed(2)}, ${formatPercent(c.propensity.outside_05_95)} outside 0.05–0.95)`
      : '';
  const figures = useMemo(() => (c && isEstimated(c) ? comparativeFigures(c) : null), [c]);
  const levelSelect = (value: LevelOfCare, set: (l: LevelOfCare) => void, testId: string) => (
    <select value={value} data-testid={testId} onChange={(e) => set(e.currentTarget.value as LevelOfCare)}>
      {levels.map((l) => (
        <option key={l} value={l}>
          {LEVEL_LABELS[l] ?? l}
        </option>
      ))}
    </select>
  );
  return (
    <ViewFrame
      id="comparative"
      title="Adjusted comparison"
      intro="Entry episodes of two levels of care, weighted for case-mix (overlap weights), with cost-effectiveness. The program filter picks the treatment arm's programs; the window and filters apply to both arms."
      error={result.error}
    >
      <div className="comparative-controls">
        <label className="field">
          <span>Treatment</span>
          {levelSelect(treatment, setTreatment, 'comparative-treatment')}
        </label>
        <label className="field">
          <span>Control</span>
          {levelSelect(control, setControl, 'comparative-control')}
        </label>
        <label className="field checkbox">
          <span>Control programs</span>
          <select
            value={sameControlPrograms ? 'same' : 'all'}
            data-testid="comparative-control-programs"
            onChange={(e) => setSameControlPrograms(e.currentTarget.value === 'same')}
          >
            <option value="all">every program</option>
            <option value="same">the filtered programs only</option>
          </select>
        </label>
      </div>
      {!c && <Loading what="the adjusted comparison" />}
      {c && (
        <div className="comparative-summary primary" data-testid="comparative-summary">
          {comparativeSentences(c, programs).map((x) => (
            <p key={x}>{x}</p>
          ))}
        </div>
      )}
      {c && isEstimated(c) && figures && (
        <>
          <OutcomeTable c={c} />
          <div className="chart-grid">
            {PICTURES.map((p) => (
              <ComparativeChart
                key={p.key}
                title={p.key === 'positivity' ? `${p.title} ${propensityNote}` : p.title}
                description={p.description}
                figure={figures[p.key]}
                testId={`comparative-${p.key}`}
              />
            ))}
          </div>
        </>
      )}
    </ViewFrame>
  );
}
