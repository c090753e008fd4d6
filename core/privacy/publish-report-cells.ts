import type { Report } from '../measures/types';
import { isSmall } from './small-cell';
import type { Cell, Equation } from './publish-report-audit';

/**
 * The counts of a Report and the sums that tie them, found from the shapes of the values (not
 * from measure names), so a new measure is covered as soon as it has one of these shapes.
 *
 * Fields of a figure:
 * - size: n, numerator, denominator, at_risk, episodes, observed — counts the figure rests on;
 * - statistic: value, lower, upper, q1, q3, median, ... — hidden with the figure's sizes;
 * - label: tertile — names a row, kept;
 * - any other whole number is taken for a count (labelled "<11" when small): the safe error.
 * A Counts value (an object of whole numbers under other names) is a partition: its cells add up to
 * a total the report shows (the discharge reasons add up to the completion-rate denominator).
 */
export const SIZE_FIELDS: ReadonlySet<string> = new Set([
  'n',
  'numerator',
  'denominator',
  'at_risk',
  'episodes',
  'observed',
]);
const STAT_FIELDS: ReadonlySet<string> = new Set([
  'value',
  'lower',
  'upper',
  'q1',
  'q3',
  'median',
  'expected',
  'oe',
  'share_min',
  'share_max',
  'se',
  'z',
  'z_adjusted',
  'c_statistic',
  'brier',
  'los_median',
]);
const LABEL_FIELDS: ReadonlySet<string> = new Set(['tertile']);
/** Counts that make up a rate: a cell equal to one of them is kept out of complements if it can be. */
const RATE_FIELDS: ReadonlySet<string> = new Set(['numerator', 'denominator', 'observed']);

export const isStatField = (key: string): boolean =>
  STAT_FIELDS.has(key) || key.includes('_per_') || key.startsWith('per_') || key.endsWith('_rate');
export const isLabelField = (key: string): boolean => LABEL_FIELDS.has(key);
export const isCountField = (key: string, v: number): boolean =>
  SIZE_FIELDS.has(key) || (!isStatField(key) && !isLabelField(key) && Number.isInteger(v));

export const isObject = (x: unknown): x is Record<string, unknown> =>
  typeof x === 'object' && x !== null && !Array.isArray(x);
export const isUnavailable = (x: Record<string, unknown>): boolean =>
  x.value === null && typeof x.reason === 'string';
export const isCounts = (x: Record<string, unknown>): boolean =>
  Object.entries(x).every(
    ([k, v]) => Number.isInteger(v) && !SIZE_FIELDS.has(k) && !isStatField(k) && !isLabelField(k),
  );

export type Path = readonly (string | number)[];
export const pathKey = (p: Path): string => JSON.stringify(p);

export interface ReportCell extends Cell {
  path: Path;
  /** 'overall' or a program id: the figures a reader sees side by side. */
  block: string;
  /** The path inside its block, the same for the overall figure and every program's. */
  rel: string;
}

export interface ReportTable {
  cells: Map<string, ReportCell>;
  equations: Equation[];
  /** Cells of one block showing the same number: one may be the same figure as another. */
  linked: ReportCell[][];
}

export const OVERALL = 'overall';

/** The block roots: where each block's episodes, measures and risk-adjusted figures sit. */
export function blocks(
  report: Report,
): { block: string; episodes: Path; measures: Path; risk: Path | null }[] {
  return [
    { block: OVERALL, episodes: ['cohort', 'episodes'], measures: ['measures'], risk: null },
    ...Object.keys(report.programs).map((p) => ({
      block: p,
      episodes: ['programs', p, 'episodes'],
      measures: ['programs', p, 'measures'],
      risk: p in report.risk_adjusted ? ['risk_adjusted', p] : null,
    })),
  ];
}

export function reportTable(report: Report): ReportTable {
  const cells = new Map<string, ReportCell>();
  const equations: Equation[] = [];
  const add = (block: string, path: Path, rel: Path, value: number): ReportCell => {
    const cell: ReportCell = { value, hidden: null, protect: false, path, block, rel: pathKey(rel) };
    cells.set(pathKey(path), cell);
    return cell;
  };

  /** Walks a figure; returns its direct count cells (a parent of rows sums over them). */
  const walk = (node: unknown, block: string, path: Path, rel: Path): ReportCell[] => {
    if (Array.isArray(node)) {
      // a measure that is a list (completion_by_quarter): its rows add up to a total shown elsewhere
      const rows = node.map((row, i) => walk(row, block, [...path, i], [...rel, rowKey(row, i)]));
      for (const parts of columnsOf(rows)) {
        const sum = parts.reduce((t, c) => t + c.value, 0);
        equations.push({
          total: { value: sum, hidden: isSmall(sum) ? 'small' : null, protect: true },
          parts,
          totalMayHide: false,
        });
      }
      return [];
    }
    if (!isObject(node) || isUnavailable(node)) return [];
    const entries = Object.entries(node);
    if (isCounts(node)) {
      const parts = entries.map(([k, v]) => add(block, [...path, k], [...rel, k], v as number));
      const sum = parts.reduce((s, c) => s + c.value, 0);
      equations.push({
        total: { value: sum, hidden: isSmall(sum) ? 'small' : null, protect: true },
        parts,
        totalMayHide: false,
      });
      return parts;
    }
    const own = entries
      .filter(([k, v]) => typeof v === 'number' && isCountField(k, v))
      .map(([k, v]) => add(block, [...path, k], [...rel, k], v as number));
    for (const [k, v] of entries) {
      if (isObject(v)) walk(v, block, [...path, k], [...rel, k]);
      else if (Array.isArray(v)) {
        const rows = v.map((row, i) => walk(row, block, [...path, k, i], [...rel, k, i]));
        equations.push(...rowEquations(rows, own));
      }
    }
    return own;
  };

  for (const b of blocks(report)) {
    const at = (p: Path): unknown =>
      p.reduce<unknown>((x, k) => (x as Record<string | number, unknown>)?.[k], report);
    add(b.block, b.episodes, ['episodes'], at(b.episodes) as number);
    for (const [name, m] of Object.entries(at(b.measures) as Record<string, unknown>))
      walk(m, b.block, [...b.measures, name], ['measures', name]);
    if (b.risk) walk(at(b.risk), b.block, b.risk, ['risk']);
    for (const [outcome, entries] of Object.entries(report.risk_adjusted_outcomes ?? {}))
      if (b.block !== OVERALL && isObject(entries) && isObject(entries[b.block]))
        walk(entries[b.block], b.block, ['risk_adjusted_outcomes', outcome, b.block], ['risk', outcome]);
  }
  for (const [outcome, entries] of Object.entries(report.risk_adjusted_outcomes ?? {})) {
    const model = isObject(entries) ? entries.risk_model : undefined;
    if (isObject(model) && typeof model.n === 'number')
      add(
        OVERALL,
        ['risk_adjusted_outcomes', outcome, 'risk_model', 'n'],
        ['risk_outcome_model', outcome],
        model.n,
      );
  }
  for (const [k, v] of Object.entries(report.cohort.excluded))
    add(OVERALL, ['cohort', 'excluded', k], ['excluded', k], v);
  if (report.risk_model) add(OVERALL, ['risk_model', 'n'], ['risk_model', 'n'], report.risk_model.n);

  equations.push(...programEquations([...cells.values()]));
  equations.push(...differenceEquations([...cells.values()], blocks(report)));
  const linked = linkedCells([...cells.values()]);
  return { cells, equations, linked };
}

/** A list row's key across blocks: its quarter when it has one (program lists hold different quarters). */
const rowKey = (row: unknown, i: number): string | number =>
  isObject(row) && typeof row.quarter === 'string' ? row.quarter : i;

/** The rows' count cells grouped by field name. */
function columnsOf(rows: ReportCell[][]): ReportCell[][] {
  const byField = new Map<string, ReportCell[]>();
  for (const row of rows)
    for (const c of row) {
      const field = String(c.path[c.path.length - 1]);
      byField.set(field, [...(byField.get(field) ?? []), c]);
    }
  return [...byField.values()];
}

/** Rows of a table whose counts add up to a count of the figure holding them (tertile episodes to n). */
function rowEquations(rows: ReportCell[][], parent: ReportCell[]): Equation[] {
  const out: Equation[] = [];
  for (const parts of columnsOf(rows)) {
    const sum = parts.reduce((s, c) => s + c.value, 0);
    for (const total of parent) if (total.value === sum) out.push({ total, parts, totalMayHide: true });
  }
  return out;
}

/**
 * Differences a reader takes between two shown counts (#15): a figure's counts against each other
 * (numerator and denominator), and a block's or a table row's episodes against every count that
 * rests on them. Each small difference is an equation bigger = smaller + d, with d a stand-in
 * cell hidden as small, so the smaller count is hidden as a complement (the episodes stay).
 */
function differenceEquations(cells: ReportCell[], roots: { block: string; episodes: Path }[]): Equation[] {
  const out: Equation[] = [];
  const field = (c: ReportCell) => String(c.path[c.path.length - 1]);
  const parentKey = (c: ReportCell) => pathKey(c.path.slice(0, -1));
  const within = (c: ReportCell, prefix: Path) =>
    c.path.length > prefix.length && prefix.every((k, i) => c.path[i] === k);
  const add = (big: ReportCell, small: ReportCell) => {
    const d = big.value - small.value;
    if (isSmall(d))
      out.push({
        total: big,
        parts: [small, { value: d, hidden: 'small', protect: true }],
        totalMayHide: false,
      });
  };
  const sizes = cells.filter((c) => SIZE_FIELDS.has(field(c)));
  const byParent = new Map<string, ReportCell[]>();
  for (const c of sizes) byParent.set(parentKey(c), [...(byParent.get(parentKey(c)) ?? []), c]);
  for (const group of byParent.values())
    for (const a of group) for (const b of group) if (a !== b && a.value > b.value) add(a, b);
  const anchors: { cell: ReportCell; scope: (c: ReportCell) => boolean }[] = [];
  for (const r of roots) {
    const cell = cells.find((c) => pathKey(c.path) === pathKey(r.episodes));
    // The cohort's episodes also bound every program's counts (a program may be nearly all of it).
    if (cell)
      anchors.push({ cell, scope: (c) => (r.block === OVERALL || c.block === r.block) && c !== cell });
  }
  for (const cell of sizes)
    if (field(cell) === 'episodes' && !anchors.some((a) => a.cell === cell)) {
      const row = cell.path.slice(0, -1);
      anchors.push({ cell, scope: (c) => c !== cell && within(c, row) });
    }
  for (const { cell, scope } of anchors)
    for (const c of sizes)
      if (scope(c) && cell.value > c.value && parentKey(c) !== parentKey(cell)) add(cell, c);
  return out;
}

/**
 * The programs partition the cohort: wherever the programs' counts of a figure add up to the
 * overall count, hiding one program's count needs another hidden beside it (or the overall).
 */
function programEquations(cells: ReportCell[]): Equation[] {
  const byRel = new Map<string, { total?: ReportCell; parts: ReportCell[] }>();
  for (const c of cells) {
    const entry = byRel.get(c.rel) ?? { parts: [] };
    if (c.block === OVERALL) entry.total = c;
    else entry.parts.push(c);
    byRel.set(c.rel, entry);
  }
  const out: Equation[] = [];
  for (const { total, parts } of byRel.values())
    if (total && parts.length && parts.reduce((s, c) => s + c.value, 0) === total.value)
      out.push({ total, parts, totalMayHide: true });
  return out;
}

/**
 * Cells of one block with the same value: the discharge reason `completed` is also the
 * completion-rate numerator, the LOS median's n and the risk-adjusted `observed`. A hidden count
 * must not be read off a twin; equal values that are a coincidence are hidden too (the safe
 * error). A cell equal to a rate's count elsewhere is protected from being chosen as a complement.
 */
function linkedCells(cells: ReportCell[]): ReportCell[][] {
  const groups = new Map<string, ReportCell[]>();
  for (const c of cells) {
    const k = `${c.block}\u0000${c.value}`;
    groups.set(k, [...(groups.get(k) ?? []), c]);
  }
  const linked = [...groups.values()].filter((g) => g.length > 1);
  for (const g of linked)
    for (const c of g)
      c.protect = g.some((o) => o !== c && RATE_FIELDS.has(String(o.path[o.path.length - 1])));
  return linked;
}
