import { complementarySuppression, isSmall, SMALL_CELL_MAX, type SuppressionReason } from './small-cell';

/** A count of a published report: its exact value and, once decided, why it is hidden. */
export interface Cell {
  value: number;
  hidden: SuppressionReason | null;
  /** Shown elsewhere inside a rate: hide it as a complement only when nothing else is left. */
  protect: boolean;
}

/**
 * Counts a reader can add up: total = Σ parts. The total is a figure of the report or, when the
 * report shows the sum only indirectly, a stand-in cell (hidden when small) that is never hidden
 * as a complement (`totalMayHide` false).
 */
export interface Equation {
  total: Cell;
  parts: Cell[];
  totalMayHide: boolean;
}

/** Integer ranges as sorted, disjoint [lo, hi] intervals (hi may be Infinity). */
type Range = [number, number][];

/**
 * What a reader knows of a cell from its label: its value when shown, 1–10 for "<11", and 0 or
 * 11 and more for "suppressed" (a complement is never a small count: those are labelled "<11").
 */
function domain(c: Cell): Range {
  if (c.hidden === null) return [[c.value, c.value]];
  if (c.hidden === 'small') return [[1, SMALL_CELL_MAX]];
  return [
    [0, 0],
    [SMALL_CELL_MAX + 1, Infinity],
  ];
}

function merge(r: Range): Range {
  const sorted = [...r].sort((a, b) => a[0] - b[0]);
  const out: Range = [];
  for (const [lo, hi] of sorted) {
    const last = out[out.length - 1];
    if (last && lo <= last[1] + 1) last[1] = Math.max(last[1], hi);
    else out.push([lo, hi]);
  }
  return out;
}

const add = (a: Range, b: Range): Range =>
  merge(a.flatMap(([l1, h1]) => b.map(([l2, h2]): [number, number] => [l1 + l2, h1 + h2])));
const negate = (a: Range): Range => merge(a.map(([lo, hi]): [number, number] => [-hi, -lo]));
const intersect = (a: Range, b: Range): Range =>
  a.flatMap(([l1, h1]) =>
    b.flatMap(([l2, h2]): [number, number][] =>
      Math.max(l1, l2) <= Math.min(h1, h2) ? [[Math.max(l1, l2), Math.min(h1, h2)]] : [],
    ),
  );
const integers = (r: Range): number => r.reduce((s, [lo, hi]) => s + (hi - lo + 1), 0);

/**
 * Whether a count hidden as small could be worked back exactly from this sum, the other cells'
 * labels and the shown figures (the equation alone; interval reasoning, no search).
 */
export function revealsSmallCell(eq: Equation): boolean {
  const terms = [{ cell: eq.total, sign: -1 }, ...eq.parts.map((cell) => ({ cell, sign: 1 }))];
  const domains = terms.map((t) => (t.sign === 1 ? domain(t.cell) : negate(domain(t.cell))));
  return terms.some((t, j) => {
    if (t.cell.hidden !== 'small') return false;
    const others = domains.reduce<Range>((s, d, i) => (i === j ? s : add(s, d)), [[0, 0]]);
    const signed = t.sign === 1 ? negate(others) : others;
    return integers(intersect(domain(t.cell), signed)) === 1;
  });
}

/**
 * The next cell to hide so the equation gives less away: complementarySuppression's choice when
 * it makes one, else a shown part in the same order of preference (unprotected, non-zero,
 * smallest), else the total when it may be hidden.
 */
function nextComplement(eq: Equation): Cell | null {
  const chosen = complementarySuppression(
    eq.parts.map((c) => c.hidden !== null),
    eq.parts.map((c) => c.value),
    eq.parts.map((c) => c.protect),
  ).findIndex((r, i) => r === 'complementary' && eq.parts[i].hidden === null);
  if (chosen >= 0) return eq.parts[chosen];
  const shown = eq.parts
    .filter((c) => c.hidden === null)
    .sort(
      (a, b) =>
        Number(a.protect) - Number(b.protect) ||
        Number(a.value === 0) - Number(b.value === 0) ||
        a.value - b.value,
    );
  if (shown.length) return shown[0];
  return eq.totalMayHide && eq.total.hidden === null ? eq.total : null;
}

/**
 * Hides every small count, then complements until no equation reveals a small count and no
 * complement is shown elsewhere (`linked`: cells that show the same figure, hidden together).
 * Returns the number of rounds. Each round only hides more, so it ends.
 */
export function suppressCells(
  cells: readonly Cell[],
  equations: readonly Equation[],
  linked: readonly Cell[][],
): number {
  for (const c of cells) if (isSmall(c.value)) c.hidden = 'small';
  for (const eq of equations) if (isSmall(eq.total.value)) eq.total.hidden ??= 'small';
  let rounds = 0;
  let changed = true;
  while (changed) {
    changed = false;
    rounds++;
    for (const eq of equations)
      while (revealsSmallCell(eq)) {
        const c = nextComplement(eq);
        if (!c) break;
        c.hidden = 'complementary';
        changed = true;
      }
    for (const group of linked)
      if (group.some((c) => c.hidden !== null))
        for (const c of group)
          if (c.hidden === null) {
            c.hidden = 'complementary';
            changed = true;
          }
  }
  return rounds;
}
