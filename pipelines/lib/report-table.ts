import {
  formatPercent,
  kindedMeasure,
  NO_VALUE,
  type KindedValue,
  type MeasureValue,
  type ModelDiagnostics,
  type Overdispersion,
  type Report,
  type RiskAdjusted,
} from '../../core';

/** The report as plain-text tables: measure, value, interval, n. */

const pct = (x: number | null | undefined) => formatPercent(x);
const num = (x: number | null | undefined, digits = 2) =>
  x == null ? NO_VALUE : Number.isInteger(x) ? String(x) : x.toFixed(digits);
const between = (lo: number | null | undefined, hi: number | null | undefined, f: typeof num) =>
  lo == null ? '' : `${f(lo)} – ${f(hi)}`;

function cells(k: KindedValue): [string, string, string] {
  switch (k.kind) {
    case 'unavailable':
      return [NO_VALUE, k.v.reason, ''];
    case 'proportion':
      return [
        pct(k.v.value),
        k.v.value == null ? '' : between(k.v.lower, k.v.upper, pct),
        `${k.v.numerator}/${k.v.denominator}`,
      ];
    case 'survival':
      return [pct(k.v.value), between(k.v.lower, k.v.upper, pct), `at risk ${k.v.at_risk}`];
    case 'median':
      return [num(k.v.value), k.v.value == null ? '' : `IQR ${num(k.v.q1)} – ${num(k.v.q3)}`, `n ${k.v.n}`];
    case 'mean': {
      const interval =
        between(k.v.lower, k.v.upper, num) || (k.v.median != null ? `median ${num(k.v.median)}` : '');
      return [num(k.v.value), interval, `n ${k.v.n}`];
    }
    case 'total':
      return [num(k.v.value), '', `n ${k.v.n}`];
    case 'rmst':
      return [num(k.v.value), between(k.v.lower, k.v.upper, num), k.v.se == null ? '' : `se ${num(k.v.se)}`];
    case 'series':
      return ['', '', `${k.v.length} quarters`];
    default: {
      const v = k.v as { value?: number | null; lower?: number | null; upper?: number | null };
      return [num(v.value), between(v.lower, v.upper, num), ''];
    }
  }
}

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
    const k = kindedMeasure(name, v);
    if (k.kind === 'counts') {
      const total = Object.values(k.v).reduce((a, b) => a + b, 0);
      rows.push(
        [name, '', '', `n ${total}`],
        ...Object.entries(k.v).map(([c, n]) => [`  ${c}`, String(n), '', '']),
      );
    } else if (k.kind === 'series')
      rows.push(
        [name, ...cells(k)],
        ...k.v.map((q) => [`  ${q.quarter}`, ...cells({ kind: 'proportion', v: q })]),
      );
    else rows.push([name, ...cells(k)]);
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
