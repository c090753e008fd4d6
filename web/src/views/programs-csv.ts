import type { MeasureValue, Report } from '../../../core/measures/types';
import {
  complementarySuppression,
  partitionSuppression,
  rateIsSmall,
  SMALL_CELL_LABEL,
  COMPLEMENTARY_LABEL,
} from '../../../core/privacy/small-cell';
import { isProportion, isSurvival } from '../format/measure-format';

const hidden = (r: 'small' | 'complementary' | null) =>
  r === 'small' ? SMALL_CELL_LABEL : r === 'complementary' ? COMPLEMENTARY_LABEL : null;

/**
 * The programs table as CSV rows, with the export privacy rule applied (measures.md): counts of
 * 1–10 and rates on them shown as "<11", with complementary suppression across programs.
 */
export function programsCsvRows(
  report: Report,
  names: Map<string, string>,
  measures: string[],
): (string | number | null)[][] {
  const ids = Object.keys(report.programs);
  const episodes = ids.map((id) => report.programs[id].episodes);
  const episodeCells = partitionSuppression(episodes);
  const header: string[] = ['program_id', 'program_name', 'episodes'];
  const columns: ((i: number) => (string | number | null)[])[] = [];
  for (const m of measures) {
    const values = ids.map((id) => report.programs[id].measures[m] as MeasureValue | undefined);
    const first = values.find((v) => v && 'value' in v && v.value != null);
    if (isProportion(first)) {
      header.push(m, `${m}_lower`, `${m}_upper`, `${m}_numerator`, `${m}_denominator`);
      const nums = values.map((v) => (isProportion(v) ? v.numerator : 0));
      const primary = values.map((v) => (isProportion(v) ? rateIsSmall(v.numerator, v.denominator) : false));
      const cells = complementarySuppression(primary, nums);
      columns.push((i) => {
        const v = values[i];
        const h = hidden(cells[i]);
        if (!isProportion(v)) return [null, null, null, null, null];
        if (h) return [h, h, h, h, h];
        return [v.value, v.lower, v.upper, v.numerator, v.denominator];
      });
    } else if (isSurvival(first)) {
      header.push(m, `${m}_lower`, `${m}_upper`, `${m}_at_risk`);
      columns.push((i) => {
        const v = values[i];
        if (!isSurvival(v)) return [null, null, null, null];
        const h = hidden(episodeCells[i]);
        return h ? [h, h, h, h] : [v.value, v.lower, v.upper, v.at_risk];
      });
    } else {
      header.push(m);
      columns.push((i) => {
        const v = values[i];
        const h = hidden(episodeCells[i]);
        return [h ?? (v && 'value' in v ? (v.value as number | null) : null)];
      });
    }
  }
  header.push(
    'completion_observed',
    'completion_expected',
    'completion_oe',
    'completion_oe_lower',
    'completion_oe_upper',
    'completion_standardized_rate',
  );
  const risk = ids.map((id) => report.risk_adjusted[id]);
  const riskCells = complementarySuppression(
    risk.map((r) => (r ? rateIsSmall(r.observed, r.n) : false)),
    risk.map((r) => r?.observed ?? 0),
  );
  const rows: (string | number | null)[][] = [header];
  ids.forEach((id, i) => {
    const r = risk[i];
    const h = hidden(riskCells[i]);
    const riskCellsOut = !r
      ? [null, null, null, null, null, null]
      : h
        ? [h, h, h, h, h, h]
        : [r.observed, r.expected, r.oe, r.lower, r.upper, r.standardized_rate];
    rows.push([
      id,
      names.get(id) ?? id,
      hidden(episodeCells[i]) ?? episodes[i],
      ...columns.flatMap((c) => c(i)),
      ...riskCellsOut,
    ]);
  });
  return rows;
}
