import { isSmall, SMALL_CELL_MAX } from './small-cell';

/**
 * The release audit: what a reader could work out below 11 from any released object (the JSON
 * report, the study JSON, the rows of a CSV, the figures of the study HTML), read by shape alone.
 * A shown count is a whole number under a count-like name; a hidden one is anything else ("<11",
 * "suppressed", { suppressed }, null). It finds
 * - `small`: a shown count from 1 to 10;
 * - `difference`: two shown counts whose difference is 1–10, where a reader subtracts them: a
 *   figure's numerator and denominator (or any two of its counts), a block's episodes and any
 *   count of that block (its denominators, n, at risk), a total and one of its parts (a
 *   partition such as the discharge reasons, the programs' episodes under the cohort's);
 * - `curve_step`: two neighbouring points of a curve whose number at risk differs by 1–10.
 */
export interface Violation {
  rule: 'small' | 'difference' | 'curve_step';
  path: string;
  /** The counts involved, as shown. */
  values: number[];
  /** The other count's path, for a difference or a curve step. */
  other?: string;
}

/** Whole numbers under these names are not counts (times, codes, degrees of freedom, labels). */
const NOT_COUNTS = new Set([
  'time',
  'day',
  'days',
  't',
  'df',
  'target_day',
  'year',
  'quarter',
  'month',
  'tertile',
  'horizon',
  'window',
  'window_days',
  'min_days',
  'max_days',
  'age',
  'version',
  'seed',
  'truncatedAt',
  'position',
  'rank',
  'index',
  'level',
  'order',
  'contract_version',
  'tau',
  'k',
  'width',
  'height',
  'suppressed_cells',
  'iterations',
  'ci',
  'icer',
  'wtp',
  'losMedian',
]);
const STAT =
  /^(lower|upper)\d*$|^share|(^|_)(value|lower|upper|q1|q3|median|mean|sd|se|oe|expected|rate|share|share_min|share_max|surv|p|chisq|smd|z|rmst|or|hr|ratio|cost|paid|hours|per)(_|$)|_per_|Rate$|Cost$|Value$/i;
const AT_RISK = /^(at_risk|atRisk|n_at_risk|nRisk)$/;
/** Counts a figure rests on: compared with each other and with the block's episodes. */
const SIZE = /^(n|numerator|denominator|at_risk|atRisk|episodes|observed|completed|events|eligible)$/;

/**
 * Parts of a release that hold no counts of people: the funnel plot's control limits (a grid of
 * hypothetical program sizes 1, 2, 3, ...) and the reproducibility list (rows per file: 5
 * programs is not 5 people).
 */
const NOT_PEOPLE = /^\$\.(adjusted\.limits|reproducibility)([.[]|$)/;

export const isCountKey = (key: string, v: unknown): v is number =>
  typeof v === 'number' && Number.isInteger(v) && !NOT_COUNTS.has(key) && !STAT.test(key);

const isObj = (x: unknown): x is Record<string, unknown> =>
  typeof x === 'object' && x !== null && !Array.isArray(x);

const diffSmall = (a: number, b: number) => isSmall(Math.abs(a - b));

interface Count {
  path: string;
  key: string;
  value: number;
}

/** Every violation in `release`; an empty list is a release that gives nothing away. */
export function auditRelease(release: unknown): Violation[] {
  const out: Violation[] = [];
  const seen = new Set<string>();
  const pair = (a: Count, b: Count) => {
    if (!diffSmall(a.value, b.value)) return;
    const id = [a.path, b.path].sort().join('|');
    if (seen.has(id)) return;
    seen.add(id);
    out.push({ rule: 'difference', path: a.path, other: b.path, values: [a.value, b.value] });
  };

  /** Walks a node; returns the size counts of its subtree that belong to the enclosing block. */
  const walk = (node: unknown, path: string, blockEpisodes: Count | null): Count[] => {
    if (NOT_PEOPLE.test(path)) return [];
    if (Array.isArray(node)) {
      curve(node, path);
      return node.flatMap((x, i) => walk(x, `${path}[${i}]`, blockEpisodes));
    }
    if (!isObj(node)) return [];
    const own: Count[] = [];
    for (const [k, v] of Object.entries(node))
      if (isCountKey(k, v)) {
        const c = { path: `${path}.${k}`, key: k, value: v };
        own.push(c);
        if (isSmall(v)) out.push({ rule: 'small', path: c.path, values: [v] });
      }
    const cohort =
      isObj(node.cohort) && isCountKey('episodes', node.cohort.episodes) ? node.cohort.episodes : null;
    const episodes =
      own.find((c) => c.key === 'episodes') ??
      (cohort === null ? null : { path: `${path}.cohort.episodes`, key: 'episodes', value: cohort });
    const block = episodes ?? blockEpisodes;
    // a figure's counts against each other
    const sizes = own.filter((c) => SIZE.test(c.key));
    for (let i = 0; i < sizes.length; i++)
      for (let j = i + 1; j < sizes.length; j++) pair(sizes[i], sizes[j]);
    // a partition: every part against the sum it adds up to
    const partition = own.filter((c) => !SIZE.test(c.key));
    if (partition.length >= 2 && partition.length === Object.keys(node).length) {
      const total = partition.reduce((s, c) => s + c.value, 0);
      for (const c of partition)
        if (isSmall(total - c.value))
          out.push({ rule: 'difference', path: c.path, other: `${path}(sum)`, values: [c.value, total] });
    }
    const below: Count[] = [];
    const children: Count[][] = [];
    for (const [k, v] of Object.entries(node)) {
      if (!isObj(v) && !Array.isArray(v)) continue;
      const sub = walk(v, `${path}.${k}`, block);
      below.push(...sub);
      if (isObj(v) && Object.values(v).some((x) => isObj(x) && isCountKey('episodes', x.episodes)))
        children.push(
          Object.values(v).flatMap((x) =>
            isObj(x) && isCountKey('episodes', x.episodes)
              ? [{ path: `${path}.${k}`, key: 'episodes', value: x.episodes }]
              : [],
          ),
        );
    }
    // the block's episodes against every size count inside it
    if (episodes) for (const c of below) pair(episodes, c);
    // sub-blocks (programs) against the block's episodes: the others' total is the complement
    if (episodes)
      for (const parts of children) {
        const sum = parts.reduce((s, c) => s + c.value, 0);
        if (sum === episodes.value)
          for (const c of parts)
            if (isSmall(episodes.value - c.value))
              out.push({
                rule: 'difference',
                path: c.path,
                other: episodes.path,
                values: [c.value, episodes.value],
              });
      }
    return episodes ? [] : [...sizes, ...below];
  };

  const curve = (points: unknown[], path: string) => {
    const risk = points.map((p) => {
      if (!isObj(p)) return null;
      const k = Object.keys(p).find((x) => AT_RISK.test(x));
      return k !== undefined && typeof p[k] === 'number' ? (p[k] as number) : null;
    });
    let last: { i: number; v: number } | null = null;
    risk.forEach((v, i) => {
      if (v === null) return;
      if (last && v !== last.v && Math.abs(v - last.v) <= SMALL_CELL_MAX)
        out.push({
          rule: 'curve_step',
          path: `${path}[${i}]`,
          other: `${path}[${last.i}]`,
          values: [last.v, v],
        });
      last = { i, v };
    });
  };

  walk(release, '$', null);
  return out;
}

/** The violations as lines for a person (or a failing test). */
export const describeViolations = (vs: readonly Violation[]): string[] =>
  vs.map((v) => `${v.rule} ${v.path}${v.other ? ` vs ${v.other}` : ''}: ${v.values.join(' / ')}`);

const FIELD_SUFFIX =
  /^(.+)_(numerator|denominator|at_risk|n|observed|expected|oe|oe_lower|oe_upper|lower|upper|q1|q3|median)$/;

/**
 * A table (header row, then one row per block, the first column its id) as a release object for
 * auditRelease: `<measure>_<field>` columns nested as the measure's fields, so a CSV is read with
 * the same rules as the JSON (a row's episodes against its denominators, numerator against
 * denominator).
 */
export function tableRelease(rows: readonly (readonly (string | number | null)[])[]): unknown {
  const [header, ...body] = rows;
  const blocks: Record<string, Record<string, unknown>> = {};
  body.forEach((row, r) => {
    const block: Record<string, Record<string, unknown> | unknown> = {};
    header.forEach((h, i) => {
      const m = FIELD_SUFFIX.exec(String(h));
      const isFigure = (x: unknown): x is Record<string, unknown> => isObj(x);
      if (!m) {
        const existing = block[String(h)];
        if (isFigure(existing)) existing.value = row[i];
        else block[String(h)] = row[i];
        return;
      }
      const had = block[m[1]];
      const figure = isFigure(had) ? had : (block[m[1]] = had === undefined ? {} : { value: had });
      (figure as Record<string, unknown>)[m[2]] = row[i];
    });
    blocks[`${String(row[0])}#${r}`] = block;
  });
  return { rows: blocks };
}
