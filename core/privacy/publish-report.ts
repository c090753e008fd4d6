import type { MeasureSet, Report } from '../measures/types';
import { suppressCells } from './publish-report-audit';
import {
  blocks,
  isCountField,
  isCounts,
  isLabelField,
  isObject,
  isUnavailable,
  OVERALL,
  pathKey,
  reportTable,
  SIZE_FIELDS,
  type Path,
  type ReportCell,
} from './publish-report-cells';
import { COMPLEMENTARY_LABEL, SMALL_CELL_LABEL, type SuppressionReason } from './small-cell';

/**
 * The JSON report as it may leave the user's machine: the privacy rule of measures.md applied to
 * a Report (computeReport), in the same shape and with the same names. The API for every JSON
 * export (command line, dashboard): publishReport(report) → PublishedReport, then JSON.stringify.
 *
 * - A count from 1 to 10 is shown as "<11"; zero is shown.
 * - A figure's statistics (value, lower, upper, q1, q3, median, O/E, ...) are null when any of
 *   its counts (a proportion's numerator or denominator, a median's or mean's n, at_risk, a
 *   risk-adjusted observed or n, a table row's episodes) is hidden, with `"suppressed": "small"`
 *   or `"complementary"` saying why; its counts stay, labelled. Hiding them with a complement
 *   too is deliberate: a rate times its denominator gives the numerator, a total over a mean
 *   per episode gives n (no_show_cost).
 * - Retention S(t) is shown only while more than 10 episodes are at risk at t (as the study cuts
 *   its curves): at_risk 1–10 is "<11", and with 0 at risk the carried-forward tail estimate is
 *   hidden too.
 * - Complementary suppression ("suppressed") wherever hidden counts could be worked back: inside
 *   the discharge reasons (which add up to the completion-rate denominator), across programs
 *   (wherever the programs' counts of a figure add up to the cohort's, e.g. every reason, every
 *   numerator and the episodes) and table rows (tertile episodes add up to n). The complement is
 *   chosen by complementarySuppression, then audited against what the labels themselves tell
 *   ("<11" is 1–10, "suppressed" is 0 or 11+: a hidden 1 beside a hidden 11 under a known sum of
 *   12 is not hidden at all) and extended until no small count is pinned. A count hidden as a
 *   complement is hidden wherever the same number appears in its block (completed is also the
 *   completion-rate numerator, the LOS median's n and the risk-adjusted observed).
 * - Scalars carry no count of their own, so each rests on declared counts (SCALAR_BASIS):
 *   cost_per_completer on the completers, cost_per_abstinent on the abstinent, the step-down
 *   cumulative incidence on the step-downs, and all of them on the block's episodes. A Scalar
 *   not declared there is shown only when nothing in its block is hidden. A statistic inside a
 *   row hidden by its own basis (a tertile's cost_per_completer) is listed in `suppressed_fields`.
 * - The risk model's coefficients are left out: a covariate level with few episodes has a
 *   coefficient that is in effect a rate over a small cell, and the report holds no level counts.
 * - Measures that cannot be computed stay as they are.
 *
 * Not covered: differences between counts of different figures (episodes − discharged = open
 * episodes; reached − reached with a value), and the few events behind S(t) or a CIF near 1 or 0.
 */
export const PRIVACY_RULE =
  'Counts from 1 to 10 are shown as "<11"; rates, medians, means, survival and O/E figures resting on them ' +
  'are null with "suppressed"; further counts are shown as "suppressed" so that no hidden count can be ' +
  'worked back from the totals shown (CMS cell-size rule, measures.md). Zero is shown.';

export type HiddenCount = typeof SMALL_CELL_LABEL | typeof COMPLEMENTARY_LABEL;
export type PublishedCount = number | HiddenCount;

/** A Report value with the rule applied: counts may be labels, statistics null. */
export type Published<T> = T extends number
  ? PublishedCount | null
  : T extends readonly (infer U)[]
    ? Published<U>[]
    : T extends object
      ? { [K in keyof T]: Published<T[K]> } & { suppressed?: SuppressionReason }
      : T;

export interface PublishedReport {
  contract_version: string;
  extract_date: string;
  cohort: { episodes: PublishedCount; excluded: Record<string, PublishedCount> };
  measures: Published<MeasureSet>;
  programs: Record<string, { episodes: PublishedCount; measures: Published<MeasureSet> }>;
  risk_adjusted: Published<Report['risk_adjusted']>;
  /** Over-dispersion of the programs' standardised rates (phi, tau2, k programs): no person counts. */
  overdispersion?: Report['overdispersion'];
  /** The model without its coefficients. */
  risk_model?: { n: PublishedCount; converged: boolean; [k: string]: unknown };
  /** Per outcome: each program's figures published as risk_adjusted, its overdispersion and model diagnostics. */
  risk_adjusted_outcomes?: Record<string, Record<string, unknown>>;
  privacy: { rule: string; suppressed_cells: number };
}

export const isHiddenCount = (x: unknown): x is HiddenCount =>
  x === SMALL_CELL_LABEL || x === COMPLEMENTARY_LABEL;

/**
 * The counts each Scalar rests on, inside the object that holds it (a block's measures, a table
 * row), matched by name so that variants (paid_per_completer) are covered.
 */
const SCALAR_BASIS: readonly [RegExp, Path[]][] = [
  [/_per_completer$/, [['completion_rate', 'numerator']]],
  [/_per_abstinent$/, [['abstinent_final30_mip', 'numerator']]],
  [/^step_down_cif_/, [['step_down_rate', 'numerator']]],
  [/^cost_per_client_hour_|^group_share$/, []],
];

const worst = (reasons: (SuppressionReason | null)[]): SuppressionReason | null =>
  reasons.includes('small') ? 'small' : reasons.includes('complementary') ? 'complementary' : null;

/** The decided cells as the renderer reads them; counts how many labels it wrote. */
class DecidedCells {
  labels = 0;
  private readonly blocksWithHidden = new Set<string>();
  constructor(private readonly cells: ReadonlyMap<string, ReportCell>) {
    for (const c of cells.values()) if (c.hidden) this.blocksWithHidden.add(c.block);
  }
  /** Why the count at `path` is hidden: null when shown, undefined when there is no such count. */
  reason(path: Path): SuppressionReason | null | undefined {
    return this.cells.get(pathKey(path))?.hidden;
  }
  count(path: Path, v: number): PublishedCount {
    const r = this.reason(path);
    if (!r) return v;
    this.labels++;
    return r === 'small' ? SMALL_CELL_LABEL : COMPLEMENTARY_LABEL;
  }
  anyHidden(block: string): boolean {
    return this.blocksWithHidden.has(block);
  }
}

/** Publishes the figures of one block (the cohort or a program). */
function blockPublisher(cells: DecidedCells, block: string, episodesPath: Path) {
  const episodes = cells.reason(episodesPath) ?? null;
  /** Why a statistic named `name`, inside the object at `container`, is hidden by the counts it rests on. */
  const basis = (name: string, container: Path, scalar: boolean): SuppressionReason | null => {
    const rule = SCALAR_BASIS.find(([re]) => re.test(name));
    if (!rule) return scalar ? worst([episodes, cells.anyHidden(block) ? 'complementary' : null]) : null;
    return worst([
      episodes,
      ...rule[1].map((p) => {
        const r = cells.reason([...container, ...p]);
        return r === undefined ? 'complementary' : r;
      }),
    ]);
  };
  const figure = (node: unknown, path: Path, inherited: SuppressionReason | null): unknown => {
    if (Array.isArray(node))
      return node.map((x, i) =>
        typeof x === 'number' ? (inherited ? null : x) : figure(x, [...path, i], inherited),
      );
    if (!isObject(node) || isUnavailable(node)) return node;
    if (isCounts(node))
      return Object.fromEntries(
        Object.entries(node).map(([k, v]) => [k, cells.count([...path, k], v as number)]),
      );
    const entries = Object.entries(node);
    const sizes = entries.filter(([k, v]) => SIZE_FIELDS.has(k) && typeof v === 'number');
    const reason = worst([
      inherited,
      ...sizes.map(([k]) => cells.reason([...path, k]) ?? null),
      node.at_risk === 0 ? 'small' : null,
      sizes.length ? null : basis(String(path[path.length - 1]), path.slice(0, -1), true),
    ]);
    const out: Record<string, unknown> = {};
    const fieldsHidden: Record<string, SuppressionReason> = {};
    let statHidden = false;
    for (const [k, v] of entries) {
      const hide = reason ?? basis(k, path, false);
      if (typeof v === 'number' && isCountField(k, v)) out[k] = cells.count([...path, k], v);
      else if (typeof v === 'number') {
        out[k] = isLabelField(k) || !hide ? v : null;
        statHidden ||= out[k] === null;
        if (out[k] === null && !reason) fieldsHidden[k] = hide!;
      } else if (isObject(v) || Array.isArray(v)) out[k] = figure(v, [...path, k], hide);
      else out[k] = v;
    }
    if (reason && statHidden) out.suppressed = reason;
    if (Object.keys(fieldsHidden).length) out.suppressed_fields = fieldsHidden;
    return out;
  };
  return (node: unknown, path: Path) => figure(node, path, null);
}

export function publishReport(report: Report): PublishedReport {
  const table = reportTable(report);
  suppressCells([...table.cells.values()], table.equations, table.linked);
  const cells = new DecidedCells(table.cells);
  const at = (p: Path): unknown =>
    p.reduce<unknown>((x, k) => (x as Record<string | number, unknown>)[k], report);

  const published = new Map<
    string,
    { episodes: PublishedCount; measures: Published<MeasureSet>; risk?: unknown }
  >();
  for (const b of blocks(report)) {
    const figure = blockPublisher(cells, b.block, b.episodes);
    const measures = Object.entries(at(b.measures) as MeasureSet).map(([name, m]) => [
      name,
      figure(m, [...b.measures, name]),
    ]);
    published.set(b.block, {
      episodes: cells.count(b.episodes, at(b.episodes) as number),
      measures: Object.fromEntries(measures) as Published<MeasureSet>,
      risk: b.risk ? figure(at(b.risk), b.risk) : undefined,
    });
  }

  const programs: PublishedReport['programs'] = {};
  const riskAdjusted: Record<string, unknown> = {};
  for (const p of Object.keys(report.programs)) {
    const { episodes, measures, risk } = published.get(p)!;
    programs[p] = { episodes, measures };
    if (risk !== undefined) riskAdjusted[p] = risk;
  }
  const excluded = Object.entries(report.cohort.excluded).map(([k, v]) => [
    k,
    cells.count(['cohort', 'excluded', k], v),
  ]);
  const overall = published.get(OVERALL)!;
  const out: PublishedReport = {
    contract_version: report.contract_version,
    extract_date: report.extract_date,
    cohort: { episodes: overall.episodes, excluded: Object.fromEntries(excluded) },
    measures: overall.measures,
    programs,
    risk_adjusted: riskAdjusted as PublishedReport['risk_adjusted'],
    privacy: { rule: PRIVACY_RULE, suppressed_cells: 0 },
  };
  if (report.risk_model) {
    const model: Record<string, unknown> = { ...report.risk_model };
    delete model.coefficients;
    out.risk_model = {
      ...model,
      n: cells.count(['risk_model', 'n'], report.risk_model.n),
      converged: report.risk_model.converged,
    };
  }
  if (report.overdispersion) out.overdispersion = report.overdispersion;
  if (report.risk_adjusted_outcomes) {
    const outcomes: Record<string, Record<string, unknown>> = {};
    for (const [outcome, entries] of Object.entries(report.risk_adjusted_outcomes)) {
      if (isUnavailable(entries as Record<string, unknown>)) {
        outcomes[outcome] = entries as Record<string, unknown>;
        continue;
      }
      const one: Record<string, unknown> = {};
      for (const [key, v] of Object.entries(entries)) {
        const path = ['risk_adjusted_outcomes', outcome, key];
        if (key === 'overdispersion') one[key] = v;
        else if (key === 'risk_model') {
          const m = v as { n: number };
          one[key] = { ...m, n: cells.count([...path, 'n'], m.n) };
        } else if (key in report.programs)
          one[key] = blockPublisher(cells, key, ['programs', key, 'episodes'])(v, path);
      }
      outcomes[outcome] = one;
    }
    out.risk_adjusted_outcomes = outcomes;
  }
  out.privacy.suppressed_cells = cells.labels;
  return out;
}
