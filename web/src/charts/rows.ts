import { kindedMeasure, measureEntry, type GroupedMeasures, type MeasureValue } from '../../../core';

export interface IntervalRow {
  category: string;
  group: string;
  value: number;
  lower: number | null;
  upper: number | null;
  n: number | null;
}

/** Chart rows for proportions and survival estimates with intervals; other figures are left out. */
export function intervalRows(
  data: GroupedMeasures,
  names: { name: string; label?: string }[],
  label: (g: string) => string,
): IntervalRow[] {
  const rows: IntervalRow[] = [];
  for (const { name, label: l } of names)
    for (const g of data.groups) {
      const v: MeasureValue | undefined = data.measures.get(g)?.[name];
      if (!v || !('value' in v) || v.value == null) continue;
      const k = kindedMeasure(name, v);
      const n =
        k.kind === 'proportion'
          ? k.v.denominator
          : k.kind === 'survival'
            ? k.v.at_risk
            : k.kind === 'median' || k.kind === 'mean' || k.kind === 'total'
              ? k.v.n
              : null;
      const bounds = k.kind === 'proportion' || k.kind === 'survival' || k.kind === 'mean' ? k.v : null;
      const lower = bounds?.lower ?? null;
      const upper = bounds?.upper ?? null;
      rows.push({
        category: l ?? measureEntry(name).label,
        group: label(g),
        value: v.value as number,
        lower,
        upper,
        n,
      });
    }
  return rows;
}
