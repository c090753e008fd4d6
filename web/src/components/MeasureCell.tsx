import { formatDetail, formatValue, measureEntry, type MeasureValue, type Unit } from '../../../core';

/** A figure in a table cell: the value, and under it its interval and size. */
export function MeasureCell({
  v,
  name,
  unit,
  raw,
}: {
  v: MeasureValue | undefined;
  name: string;
  unit?: Unit;
  /** Marks the value for tests with the exact number behind it. */
  raw?: string;
}) {
  const u = unit ?? measureEntry(name).unit;
  const detail = formatDetail(v, name, u);
  return (
    <span className="measure-cell">
      <span {...(raw !== undefined ? { 'data-testid': `value-${name}`, 'data-value': raw } : {})}>
        {formatValue(v, u)}
      </span>
      {detail &&
        !detail.startsWith('Not available') &&
        detail.split(', ').map((part) => (
          <span className="cell-detail" key={part}>
            {part}
          </span>
        ))}
    </span>
  );
}
