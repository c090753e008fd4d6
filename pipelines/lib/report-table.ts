import type { ModelDiagnostics } from '../../core/measures/risk';
import type { MeasureValue, Report, RiskAdjusted } from '../../core/measures/types';
import type { Overdispersion } from '../../core/stats/overdispersion';

/** The report as plain-text tables: measure, value, interval, n. */

const pct = (x: number | null | undefined) => (x == null ? '—' : `${(100 * x).toFixed(1)}%`);
const num = (x: number | null | undefined, digits = 2) =>
  x == null ? '—' : Number.isInteger(x) ? String(x) : x.toFixed(digits);

function cells(v: MeasureValue | undefined): [string, string, string] {
  if (v === undefined) return ['—', '', ''];
  if (Array.isArray(v)) return ['', '', `${v.length} rows`];
  if ('reason' in v && v.value === null) return ['—', v.reason, ''];
  if ('numerator' in v && 'denominator' in v)
    return [
      pct(v.value),
      v.value == null ? '' : `${pct(v.lower)} – ${pct(v.upper)}`,
      `${v.numerator}/${v.denominator}`,
    ];
  if ('at_risk' in v)
    return [pct(v.value), v.lower == null ? '' : `${pct(v.lower)} – ${pct(v.upper)}`, `at risk ${v.at_risk}`];
  if ('q1' in v) return [num(v.value), v.value == null ? '' : `IQR ${num(v.q1)} – ${num(v.q3)}`, `n ${v.n}`];
  if ('n' in v && typeof v.n === 'number') {
    const m = v as {
      value: number | null;
      lower?: number | null;
      upper?: number | null;
      median?: number | null;
      n: number;
    };
    const interval =
      m.lower != null
        ? `${num(m.lower)} – ${num(m.upper)}`
        : m.median != null
          ? `median ${num(m.median)}`
          : '';
    return [num(m.value), interval, `n ${m.n}`];
  }
  const x = v as { value: number | null; lower?: number | null; upper?: number | null; se?: number | null };
  const interval = x.lower != null ? `${num(x.lower)} – ${num(x.upper)}` : '';
  return [num(x.value), interval, x.se != null ? `se ${num(x.se)}` : ''];
}

const isCounts = (v: MeasureValue): v is Record<string, number> => !Array.isArray(v) && !('value' in v);

function table(rows: string[][]): string {
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  return rows
    .map((r) =>
      r
        .map((c, i) => c.padEnd(widths[i]))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}

export function measuresTable(measures: Record<string, MeasureValue>): string {
  const rows = [['measure', 'value', 'interval', 'n']];
  for (const [name, v] of Object.entries(measures)) {
    if (isCounts(v)) {
      const total = Object.values(v).reduce((a, b) => a + b, 0);
      rows.push(
        [name, '', '', `n ${total}`],
        ...Object.entries(v).map(([k, n]) => [`  ${k}`, String(n), '', '']),
      );
    } else if (Array.isArray(v))
      rows.push([name, '', '', `${v.length} quarters`], ...v.map((q) => [`  ${q.quarter}`, ...cells(q)]));
    else rows.push([name, ...cells(v)]);
  }
  return table(rows);
}

export function riskTable(risk: Record<string, RiskAdjusted>): string {
  return table([
    ['program', 'observed', 'expected', 'O/E', 'interval', 'standardised rate', 'n', 'z', 'z adjusted'],
    ...Object.entries(risk).map(([id, r]) => [
      id,
      String(r.observed),
      num(r.expected),
      num(r.oe, 3),
      r.lower == null ? '' : `${num(r.lower, 3)} – ${num(r.upper, 3)}`,
      pct(r.standardized_rate),
      String(r.n),
      num(r.z),
      num(r.z_adjusted),
    ]),
  ]);
}

export function reportText(report: Report): string {
  const parts = [
    `Extract date ${report.extract_date}; cohort ${report.cohort.episodes} episodes.`,
    ...Object.entries(report.cohort.excluded).map(([rule, n]) => `  excluded by ${rule}: ${n} rows`),
    '',
    'Cohort',
    measuresTable(report.measures),
  ];
  for (const [id, p] of Object.entries(report.programs))
    parts.push('', `Program ${id} (${p.episodes} episodes)`, measuresTable(p.measures));
  if (Object.keys(report.risk_adjusted).length)
    parts.push(
      '',
      'Risk-adjusted completion (observed / expected)',
      riskTable(report.risk_adjusted),
      modelLine(report.risk_model, report.overdispersion),
    );
  for (const [outcome, r] of Object.entries(report.risk_adjusted_outcomes ?? {})) {
    if ('reason' in r && typeof r.reason === 'string') {
      parts.push('', `Risk-adjusted ${outcome}: ${r.reason}`);
      continue;
    }
    const { overdispersion, risk_model, ...programs } = r as Record<string, unknown>;
    parts.push(
      '',
      `Risk-adjusted ${outcome} (observed / expected)`,
      riskTable(programs as Record<string, RiskAdjusted>),
      modelLine(risk_model as ModelDiagnostics, overdispersion as Overdispersion),
    );
  }
  return parts.join('\n');
}

function modelLine(model: ModelDiagnostics | undefined, od: Overdispersion | undefined): string {
  const m = model
    ? `model: c-statistic ${num(model.c_statistic, 3)}, Brier ${num(model.brier, 3)}, n ${model.n}`
    : '';
  const o = od ? `; over-dispersion: phi ${num(od.phi, 2)}, tau2 ${num(od.tau2, 5)}, k ${od.k}` : '';
  return m + o;
}
