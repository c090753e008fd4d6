import type { PublishedReport } from '../../../core';

type Cell = string | number | null;
type Published = Record<string, unknown> & {
  suppressed?: string;
  suppressed_fields?: Record<string, string>;
};

/** A statistic of the published report: its number, or why it is hidden ("<11" / "suppressed"). */
function stat(m: Published | undefined, field: string): Cell {
  if (!m) return null;
  const v = m[field];
  if (typeof v === 'number' || typeof v === 'string') return v;
  const why = m.suppressed ?? m.suppressed_fields?.[field];
  return why ? (why === 'small' ? '<11' : 'suppressed') : null;
}

const FIELDS_BY_SHAPE: [string, string[]][] = [
  ['numerator', ['value', 'lower', 'upper', 'numerator', 'denominator']],
  ['at_risk', ['value', 'lower', 'upper', 'at_risk']],
  ['q1', ['value', 'q1', 'q3', 'n']],
  ['n', ['value', 'median', 'n']],
];

/**
 * The programs table as CSV rows, from the report as it may leave the machine: the core's
 * publishReport has applied the export privacy rule (measures.md), so counts of 1–10 read "<11".
 */
export function programsCsvRows(
  published: PublishedReport,
  names: Map<string, string>,
  measures: string[],
): Cell[][] {
  const ids = Object.keys(published.programs);
  const fieldsOf = (name: string): string[] => {
    for (const id of ids) {
      const m = published.programs[id].measures[name] as Published | undefined;
      if (!m || 'reason' in m) continue;
      const shape = FIELDS_BY_SHAPE.find(([key]) => key in m);
      return shape ? shape[1] : ['value'];
    }
    return ['value'];
  };
  const columns = measures.map((name) => ({ name, fields: fieldsOf(name) }));
  const header: string[] = ['program_id', 'program_name', 'episodes'];
  for (const c of columns) for (const f of c.fields) header.push(f === 'value' ? c.name : `${c.name}_${f}`);
  const risk = ['observed', 'expected', 'oe', 'lower', 'upper', 'standardized_rate'];
  header.push(
    ...risk.map((f) => `completion_${f === 'oe' ? 'oe' : f === 'lower' || f === 'upper' ? `oe_${f}` : f}`),
  );
  const rows: Cell[][] = [header];
  for (const id of ids) {
    const p = published.programs[id];
    const r = published.risk_adjusted[id] as Published | undefined;
    rows.push([
      id,
      names.get(id) ?? id,
      p.episodes,
      ...columns.flatMap((c) => c.fields.map((f) => stat(p.measures[c.name] as Published | undefined, f))),
      ...risk.map((f) => stat(r, f)),
    ]);
  }
  return rows;
}
