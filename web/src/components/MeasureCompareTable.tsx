import { useMemo } from 'react';
import { isUnavailable, measureEntry, NO_VALUE, rawValue } from '../../../core';
import { Swatch } from './Swatch';
import { DefinitionLink } from './DefinitionLink';
import { MeasureCell } from './MeasureCell';
import { columnHelper, DataTable, type Columns } from './DataTable';
import type { CardsProps } from './card-spec';

interface Row {
  name: string;
  label: string;
}

/** Measures as rows and groups as columns, for comparisons with many groups. */
export function MeasureCompareTable({ data, cards, label }: CardsProps) {
  const columns = useMemo(() => {
    const h = columnHelper<Row>();
    const unitOf = new Map(cards.map((c) => [c.name, c.unit ?? measureEntry(c.name).unit]));
    const cols: Columns<Row> = [
      h.accessor('label', {
        header: 'Measure',
        meta: { rowHeader: true },
        enableSorting: false,
        cell: (c) => (
          <>
            {c.getValue()}
            <DefinitionLink
              measure={c.row.original.name}
              subject={c.getValue()}
              className="what-link th-link"
            />
          </>
        ),
      }),
      ...data.groups.map((g, i) =>
        h.display({
          id: `g-${i}`,
          header: () => (
            <span className="group-head">
              <Swatch i={i} />
              {label(g)}
            </span>
          ),
          cell: (c) => {
            const name = c.row.original.name;
            const v = data.measures.get(g)?.[name];
            const unit = unitOf.get(name) ?? 'number';
            if (v === undefined) return <span className="muted">{NO_VALUE}</span>;
            if (isUnavailable(v)) return <span className="muted">n/a</span>;
            return <MeasureCell v={v} name={name} unit={unit} raw={rawValue(v) ?? ''} />;
          },
          meta: { numeric: true },
        }),
      ),
    ];
    return cols;
  }, [data, cards, label]);
  const rows = useMemo(
    () => cards.map((c) => ({ name: c.name, label: c.label ?? measureEntry(c.name).label })),
    [cards],
  );
  return (
    <DataTable
      caption="Measures by group"
      captionHidden
      columns={columns}
      data={rows}
      testId="measure-compare"
    />
  );
}
