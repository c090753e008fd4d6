import type { GroupedMeasures } from '../../../core/measures/session';
import type { MeasureValue } from '../../../core/measures/types';
import { measureEntry } from '../../../core/catalogue';
import { isProportion, isSurvival } from '../format/measure-format';

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
      const n = isProportion(v)
        ? v.denominator
        : isSurvival(v)
          ? v.at_risk
          : 'n' in v
            ? (v.n as number)
            : null;
      const lower = 'lower' in v ? (v.lower ?? null) : null;
      const upper = 'upper' in v ? (v.upper ?? null) : null;
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
