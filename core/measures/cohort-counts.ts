import type { MeasureContext } from './group';
import { querySums, type SumQuery } from './program-sums';
import { COHORT_FROM } from './values';

/**
 * The (time, event) columns of ep_summary for the two curves of measures.md §2:
 * - `retention`: not prematurely discharged (premature discharge the event; completers and
 *   transfers censored at E − admit);
 * - `in_treatment`: still in treatment (every discharge the event at its LOS, open censored).
 */
export const CURVES = {
  retention: { time: 'e.km_time', event: 'e.km_event' },
  in_treatment: { time: 'e.los', event: 'e.discharged' },
} as const;
export type CurveKind = keyof typeof CURVES;

const KINDS = Object.keys(CURVES) as CurveKind[];
const MONTH = "date_trunc('month', e.admit_date)";
/**
 * The columns the sets read, taken from cohort_eps before the GROUPING SETS: given the whole
 * view, the statement took 35.6 ms, given these 27.0 (DuckDB-WASM in Node, the sample, one
 * program, medians of 40 alternated; the same rows).
 */
const READ = [
  ...new Set([
    'e.grp',
    'e.admit_date',
    'e.discharge_reason',
    'e.discharged',
    ...KINDS.flatMap((k) => [CURVES[k].time, CURVES[k].event]),
  ]),
];
/** Each grouping set's key and the `part` its rows are of. */
const SETS = [
  { key: MONTH, part: 'admissions_by_month' },
  { key: 'e.discharge_reason', part: 'discharge_reasons' },
  ...KINDS.map((k) => ({ key: CURVES[k].time, part: k })),
];
/** A value by the part a row is of (grouping(key) is 0 for its own set's key alone, in the pass; `part` after it). */
const byGrouping = (pick: (s: (typeof SETS)[number]) => string) =>
  `CASE ${SETS.map((s) => `WHEN grouping(${s.key}) = 0 THEN ${pick(s)}`).join(' ')} END`;
const byPart = (parts: [string, string][]) =>
  `CASE part ${parts.map(([part, value]) => `WHEN '${part}' THEN ${value}`).join(' ')} END`;

/**
 * Admissions by month, discharge reasons (discharged episodes) and both curves' episodes leaving
 * the risk set per day, of every grp of cohort_eps, in one pass (GROUPING SETS): reading the
 * cohort's episodes is most of each statement's time, so the Overview's chart series and
 * retention cards, and the Retention view's two curves, share one remembered statement. Every set
 * computes the same few counts (each set pays for every aggregate); each part reads its own after.
 * DuckDB-WASM, 250k IOP episodes, paired runs: see DESIGN.md. A set's row with a zero count is no
 * row, as a WHERE would give.
 */
export const COHORT_COUNTS = `SELECT grp, part, strftime(month, '%Y-%m') AS month, reason, time::INTEGER AS time,
  ${byPart([
    ['admissions_by_month', 'episodes'],
    ['discharge_reasons', 'discharged'],
  ])}::INTEGER AS n,
  ${byPart(KINDS.map((k) => [k, `${k}_events`]))}::INTEGER AS events,
  ${byPart(KINDS.map((k) => [k, `episodes - ${k}_events`]))}::INTEGER AS censored
FROM (
  SELECT e.grp, ${byGrouping((s) => `'${s.part}'`)} AS part,
    ${MONTH} AS month, e.discharge_reason AS reason,
    CASE ${KINDS.map((k) => `WHEN grouping(${CURVES[k].time}) = 0 THEN ${CURVES[k].time}`).join(' ')} END AS time,
    count(*) AS episodes, count(*) FILTER (WHERE e.discharged) AS discharged,
    ${KINDS.map((k) => `count(*) FILTER (WHERE ${CURVES[k].event}) AS ${k}_events`).join(', ')}
  FROM (SELECT ${READ.join(', ')} FROM ${COHORT_FROM}) e
  GROUP BY GROUPING SETS (${SETS.map((s) => `(e.grp, ${s.key})`).join(', ')})
)
WHERE part <> 'discharge_reasons' OR discharged > 0
ORDER BY grp, part, month, reason, time`;

export type CohortCountRow = {
  grp: string;
  part: 'admissions_by_month' | 'discharge_reasons' | CurveKind;
  month: string | null;
  reason: string | null;
  time: number | null;
  n: number | null;
  events: number | null;
  censored: number | null;
};

/** The counts as a sum query: each row counts the episodes of one value of its keys. */
const COUNTS: SumQuery = { sql: COHORT_COUNTS, keys: ['part', 'month', 'reason', 'time'] };

/** The rows of one part (the connection remembers the statement, so the parts share it). */
export async function cohortCounts(
  ctx: MeasureContext,
  part: CohortCountRow['part'],
): Promise<CohortCountRow[]> {
  const rows = await querySums<CohortCountRow>(ctx, COUNTS);
  return rows.filter((r) => r.part === part);
}
