import type { Report } from '../measures/types';
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
 * a Report (computeReport), in the same shape and with the same names.
 *
 * - A count from 1 to 10 is shown as "<11"; zero is shown.
 * - A figure resting on a hidden count (a proportion's numerator or denominator, a median's or
 *   mean's n, a risk-adjusted observed or n) keeps its counts (labelled) and has its statistics
 *   (value, lower, upper, q1, q3, median, O/E, ...) set to null, with `"suppressed": "small"`
 *   or `"complementary"` saying why.
 * - Retention S(t) is shown only while more than 10 episodes are at risk at t (as the study cuts
 *   its curves): at_risk 1–10 is "<11", and with 0 at risk the carried-forward tail estimate is
 *   hidden too.
 * - Complementary suppression ("suppressed") wherever hidden counts could be worked back: inside
 *   the discharge reasons (which add up to the completion-rate denominator), across programs
 *   (the programs' counts of every figure add up to the cohort's) and table rows (tertile
 *   episodes add up to n); a count hidden as a complement is hidden wherever the same figure
 *   appears in its block (completed = completion-rate numerator = risk-adjusted observed).
 * - Scalars carry no count of their own, so each rests on declared counts (SCALAR_BASIS):
 *   cost_per_completer on the completers, cost_per_abstinent on the abstinent, the step-down
 *   cumulative incidence on the step-downs, and all of them on the block's episodes. A Scalar
 *   not declared there is shown only when nothing in its block is hidden.
 * - The risk model's coefficients are left out: a covariate level with few episodes has a
 *   coefficient that is in effect a rate over a small cell, and the report holds no level counts.
 * - Measures that cannot be computed stay as they are.
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
  measures: Published<Report['measures']>;
  programs: Record<string, { episodes: PublishedCount; measures: Published<Report['measures']> }>;
  risk_adjusted: Published<Report['risk_adjusted']>;
  /** The model without its coefficients. */
  risk_model?: { n: PublishedCount; converged: boolean; [k: string]: unknown };
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

export function publishReport(report: Report): PublishedReport {
  const table = reportTable(report);
  suppressCells([...table.cells.values()], table.equations, table.linked);
  let hiddenCells = 0;
  const cellAt = (p: Path): ReportCell | undefined => table.cells.get(pathKey(p));
  const count = (p: Path, v: number): PublishedCount => {
    const c = cellAt(p);
    if (!c || c.hidden === null) return v;
    hiddenCells++;
    return c.hidden === 'small' ? SMALL_CELL_LABEL : COMPLEMENTARY_LABEL;
  };
  const blockHidden = new Set<string>();
  for (const c of table.cells.values()) if (c.hidden) blockHidden.add(c.block);
  const at = (p: Path): unknown =>
    p.reduce<unknown>((x, k) => (x as Record<string | number, unknown>)[k], report);

  const published = new Map<
    string,
    { episodes: PublishedCount; measures: Record<string, unknown>; risk?: unknown }
  >();
  for (const b of blocks(report)) {
    const episodes = cellAt(b.episodes)?.hidden ?? null;
    /** Why a statistic named `name` inside the object at `container` must be hidden, by its basis. */
    const basis = (name: string, container: Path, scalar: boolean): SuppressionReason | null => {
      const rule = SCALAR_BASIS.find(([re]) => re.test(name));
      if (!rule) return scalar ? worst([episodes, blockHidden.has(b.block) ? 'complementary' : null]) : null;
      return worst([
        episodes,
        ...rule[1].map((p) => {
          const c = cellAt([...container, ...p]);
          return c ? c.hidden : 'complementary';
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
          Object.entries(node).map(([k, v]) => [k, count([...path, k], v as number)]),
        );
      const entries = Object.entries(node);
      const sizes = entries.filter(([k, v]) => SIZE_FIELDS.has(k) && typeof v === 'number');
      const reason = worst([
        inherited,
        ...sizes.map(([k]) => cellAt([...path, k])?.hidden ?? null),
        node.at_risk === 0 ? 'small' : null,
        sizes.length ? null : basis(String(path[path.length - 1]), path.slice(0, -1), true),
      ]);
      const out: Record<string, unknown> = {};
      let statHidden = false;
      const fieldsHidden: Record<string, SuppressionReason> = {};
      for (const [k, v] of entries) {
        const hide = reason ?? basis(k, path, false);
        if (typeof v === 'number' && isCountField(k, v)) out[k] = count([...path, k], v);
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
    const measures = at(b.measures) as Record<string, unknown>;
    published.set(b.block, {
      episodes: count(b.episodes, at(b.episodes) as number),
      measures: Object.fromEntries(
        Object.entries(measures).map(([name, m]) => [name, figure(m, [...b.measures, name], null)]),
      ),
      risk: b.risk ? figure(at(b.risk), b.risk, null) : undefined,
    });
  }

  const overall = published.get(OVERALL)!;
  const programs: PublishedReport['programs'] = {};
  const riskAdjusted: Record<string, unknown> = {};
  for (const p of Object.keys(report.programs)) {
    const b = published.get(p)!;
    programs[p] = { episodes: b.episodes, measures: b.measures as PublishedReport['measures'] };
    if (b.risk !== undefined) riskAdjusted[p] = b.risk;
  }
  const excluded = Object.fromEntries(
    Object.entries(report.cohort.excluded).map(([k, v]) => [k, count(['cohort', 'excluded', k], v)]),
  );
  const out: PublishedReport = {
    contract_version: report.contract_version,
    extract_date: report.extract_date,
    cohort: { episodes: overall.episodes, excluded },
    measures: overall.measures as PublishedReport['measures'],
    programs,
    risk_adjusted: riskAdjusted as PublishedReport['risk_adjusted'],
    privacy: { rule: PRIVACY_RULE, suppressed_cells: 0 },
  };
  if (report.risk_model) {
    const model: Record<string, unknown> = { ...report.risk_model };
    delete model.coefficients;
    out.risk_model = {
      ...model,
      n: count(['risk_model', 'n'], report.risk_model.n),
      converged: report.risk_model.converged,
    };
  }
  out.privacy.suppressed_cells = hiddenCells;
  return out;
}
