import { useMemo, useState } from 'react';
import { useEngineQuery } from '../app/use-engine-query';
import { useViewContext } from '../app/use-view-context';
import { ChartPanel } from '../components/ChartPanel';
import type { FunnelData } from '../engine/engine-api';
import {
  ADJUSTED_OUTCOMES,
  formatCount,
  formatDecimal,
  formatNumber2,
  formatPercent,
  funnelLimit,
  funnelPosition,
  measureEntry,
  NO_VALUE,
  signed,
  type RiskOutcome,
  funnelSpec,
} from '../../../core';

const OUTCOMES: RiskOutcome[] = ['completion_rate', ...ADJUSTED_OUTCOMES];

const z = (x: number | null) => (x == null ? NO_VALUE : signed(x.toFixed(2)));

type Available = Exclude<FunnelData, { unavailable: string }>;

/** φ, τ² and what they do to the limits, in one sentence; the model's diagnostics in another. */
export function dispersionSentence(f: Available): string {
  const { phi, tau2, k } = f.overdispersion;
  if (phi == null) return 'Over-dispersion cannot be estimated for these programs.';
  const spread = `Over-dispersion of the risk-standardised rates across ${k} programs: φ = ${formatNumber2(phi)}, τ² = ${formatDecimal(tau2, 4)}`;
  return tau2 != null && tau2 > 0
    ? `${spread}. The programs vary more than chance alone allows, so the limits are widened by τ² (Spiegelhalter's additive random effect) and a program is flagged only outside them.`
    : `${spread}. No more variation than chance (φ ≤ 1): the limits are the plain binomial ones.`;
}

export function modelSentence(f: Available): string {
  const m = f.model;
  return `Risk model (logistic, ${formatCount(m.n)} discharged episodes): c-statistic ${formatNumber2(m.c_statistic)}, Brier score ${formatDecimal(m.brier, 3)}.`;
}

/** An outcome's risk-standardised rate by program against its discharges, with limits around the cohort's rate. */
export function FunnelPlot({ names }: { names: Map<string, string> }) {
  const { cohort } = useViewContext();
  const [outcome, setOutcome] = useState<RiskOutcome>('completion_rate');
  const funnel = useEngineQuery('funnel', cohort, outcome);
  const f = funnel.data && 'points' in funnel.data ? funnel.data : undefined;
  const unavailable = funnel.data && 'unavailable' in funnel.data ? funnel.data.unavailable : undefined;
  const outcomeLabel = measureEntry(outcome).label;
  const rows = useMemo(() => {
    if (!f || f.overall.rate == null) return [];
    const p = f.overall.rate;
    const tau2 = f.overdispersion.tau2 ?? 0;
    return f.points
      .filter((pt) => pt.standardized_rate != null)
      .sort((a, b) => a.n - b.n)
      .map((pt) => {
        const verdict = funnelPosition(pt.standardized_rate!, pt.n, p, tau2);
        return {
          program: names.get(pt.program) ?? pt.program,
          label: names.get(pt.program) ?? pt.program,
          id: pt.program,
          n: pt.n,
          observed: pt.rate,
          rate: pt.standardized_rate!,
          z: pt.z,
          z_adjusted: pt.z_adjusted,
          verdict,
          position: verdict.startsWith('within') ? 'within the limits' : 'outside the limits',
        };
      });
  }, [f, names]);
  // Zoomed on the programs and the limits at their sizes, so close rates stay apart; as data (bounds),
  // so a new cohort's zoom updates the chart instead of drawing a new one.
  const yDomain = useMemo((): [number, number] => {
    const rates = rows.map((r) => r.rate);
    const nMin = Math.min(...rows.map((r) => r.n).filter((n) => n > 0));
    const p = f?.overall.rate;
    const at =
      p != null && Number.isFinite(nMin) ? funnelLimit(p, nMin, f!.overdispersion.tau2 ?? 0) : undefined;
    const lo = Math.min(...rates, at?.lower998 ?? 1);
    const hi = Math.max(...rates, at?.upper998 ?? 0);
    if (!Number.isFinite(lo) || !Number.isFinite(hi)) return [0, 1];
    return [Math.max(0, Math.floor((lo - 0.05) * 20) / 20), Math.min(1, Math.ceil((hi + 0.05) * 20) / 20)];
  }, [rows, f]);
  const datasets = useMemo(
    () => ({
      points: rows,
      limits: (f?.limits ?? []).map((l) => ({
        n: l.n,
        lo95: l.lower95,
        hi95: l.upper95,
        lo998: l.lower998,
        hi998: l.upper998,
      })),
      overall: f?.overall.rate == null ? [] : [{ p: f.overall.rate }],
      bounds: [{ lo: yDomain[0], hi: yDomain[1] }],
    }),
    [rows, f, yDomain],
  );
  const overall = f?.overall;
  const outside = rows.filter((r) => r.position === 'outside the limits').length;
  return (
    <section className="funnel" aria-label="Funnel plot">
      <div className="toolbar">
        <label>
          Outcome{' '}
          <select
            value={outcome}
            onChange={(e) => setOutcome(e.target.value as RiskOutcome)}
            data-testid="funnel-outcome"
          >
            {OUTCOMES.map((o) => (
              <option key={o} value={o}>
                {measureEntry(o).label}
              </option>
            ))}
          </select>
        </label>
      </div>
      {funnel.error ? (
        <p className="muted">The funnel plot could not be computed: {funnel.error.message}</p>
      ) : unavailable ? (
        <p className="muted" data-testid="funnel-unavailable">
          {outcomeLabel} cannot be risk-adjusted for this export: {unavailable}.
        </p>
      ) : (
        <>
          <div className="chart-grid">
            <ChartPanel
              wide
              title={`Funnel plot: ${outcomeLabel.toLowerCase()} by program, risk-standardised`}
              description={`Each program's risk-standardised rate (observed ÷ expected × the cohort's rate) against its number of discharges; the line is the cohort's rate${
                overall?.rate != null
                  ? ` (${formatPercent(overall.rate)}, ${formatCount(overall.observed)} of ${formatCount(overall.n)})`
                  : ''
              }, dashed curves the 95% and dotted the 99.8% limits. ${
                outside === 0
                  ? 'No program lies outside the 95% limits.'
                  : `${outside} of ${rows.length} programs lie outside the 95% limits.`
              }`}
              build={funnelSpec}
              options={{
                yTitle: `${measureEntry(outcome).short}, risk-standardised`,
                xTitle: 'Discharged episodes',
              }}
              datasets={datasets}
              testId="chart-funnel"
              definition={{ measure: 'funnel' }}
              table={{
                headers: [
                  'Program',
                  'Discharged',
                  'Observed',
                  'Risk-standardised',
                  'z',
                  'z adjusted',
                  'Position',
                ],
                rows: rows.map((r) => [
                  r.program,
                  formatCount(r.n),
                  formatPercent(r.observed),
                  formatPercent(r.rate),
                  z(r.z),
                  z(r.z_adjusted),
                  r.verdict,
                ]),
              }}
            />
          </div>
          {f && (
            <>
              <p className="chart-stat" data-testid="funnel-dispersion">
                {dispersionSentence(f)}
              </p>
              <p className="chart-stat" data-testid="funnel-model">
                {modelSentence(f)}
              </p>
            </>
          )}
        </>
      )}
    </section>
  );
}
