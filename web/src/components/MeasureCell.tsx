import type { MeasureValue } from '../../../core/measures/types';
import { measureMeta } from '../format/labels';
import { formatDetail, formatValue, type Unit } from '../format/measure-format';

/** A figure in a table cell: the value, and under it its interval and size. */
export function MeasureCell({ v, name, unit }: { v: MeasureValue | undefined; name: string; unit?: Unit }) {
  const u = unit ?? measureMeta(name).unit;
  const detail = formatDetail(v, u);
  return (
    <span className="measure-cell">
      <span>{formatValue(v, u)}</span>
      {detail && !detail.startsWith('Not available') && <span className="cell-detail">{detail}</span>}
    </span>
  );
}
