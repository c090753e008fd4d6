import { useState } from 'react';
import {
  columnFilteringFeature,
  createColumnHelper,
  createFilteredRowModel,
  createSortedRowModel,
  filterFn_includesString,
  globalFilteringFeature,
  rowSortingFeature,
  sortFn_alphanumeric,
  sortFn_basic,
  sortFn_text,
  tableFeatures,
  useTable,
  type ColumnDef,
  type SortingState,
} from '@tanstack/react-table';
import { DefinitionLink } from './DefinitionLink';
import { ScrollRegion } from './ScrollRegion';

/** The table features every data table of the app uses: sorting and a text filter over all columns. */
export const tableFeaturesUsed = tableFeatures({
  rowSortingFeature,
  sortedRowModel: createSortedRowModel(),
  sortFns: { alphanumeric: sortFn_alphanumeric, basic: sortFn_basic, text: sortFn_text },
  columnFilteringFeature,
  globalFilteringFeature,
  filteredRowModel: createFilteredRowModel(),
  filterFns: { includesString: filterFn_includesString },
});
export type Features = typeof tableFeaturesUsed;
export type Columns<T extends object> = ColumnDef<Features, T, any>[]; // eslint-disable-line @typescript-eslint/no-explicit-any
export const columnHelper = <T extends object>() => createColumnHelper<Features, T>();

interface Props<T extends object> {
  caption: string;
  columns: Columns<T>;
  data: T[];
  /** Shows a text box that filters the rows. */
  filterable?: boolean;
  initialSort?: SortingState;
  testId?: string;
  /** Marks the row as the total/overall line (emphasised, kept out of sorting). */
  captionHidden?: boolean;
}

const ARIA_SORT = { asc: 'ascending', desc: 'descending' } as const;

/** A sortable (and optionally filterable) table with real table semantics. */
export function DataTable<T extends object>({
  caption,
  columns,
  data,
  filterable,
  initialSort,
  testId,
  captionHidden,
}: Props<T>) {
  const [sorting, setSorting] = useState<SortingState>(initialSort ?? []);
  const [globalFilter, setGlobalFilter] = useState('');
  const table = useTable({
    features: tableFeaturesUsed,
    columns,
    data,
    state: { sorting, globalFilter },
    onSortingChange: setSorting,
    onGlobalFilterChange: setGlobalFilter,
    globalFilterFn: 'includesString',
  });
  const rows = table.getRowModel().rows;
  return (
    <div className="data-table" data-testid={testId}>
      {filterable && (
        <label className="table-filter">
          <span>Filter rows</span>
          <input
            type="search"
            value={globalFilter}
            onChange={(e) => setGlobalFilter(e.currentTarget.value)}
            placeholder="Type to filter…"
          />
        </label>
      )}
      <ScrollRegion label={caption} title={captionHidden ? undefined : caption}>
        <table>
          <caption className="sr-only">{caption}</caption>
          <thead>
            {table.getHeaderGroups().map((group) => (
              <tr key={group.id}>
                {group.headers.map((header) => {
                  const sorted = header.column.getIsSorted();
                  const meta = header.column.columnDef.meta as
                    { numeric?: boolean; definition?: string } | undefined;
                  return (
                    <th
                      key={header.id}
                      scope="col"
                      colSpan={header.colSpan}
                      className={meta?.numeric ? 'num' : undefined}
                      aria-sort={sorted ? ARIA_SORT[sorted] : undefined}
                    >
                      {header.isPlaceholder ? null : header.column.getCanSort() ? (
                        <button
                          type="button"
                          className="sort-button"
                          onClick={header.column.getToggleSortingHandler()}
                        >
                          <table.FlexRender header={header} />
                          <span className="sort-mark" aria-hidden="true">
                            {sorted === 'asc' ? '▲' : sorted === 'desc' ? '▼' : '↕'}
                          </span>
                        </button>
                      ) : (
                        <table.FlexRender header={header} />
                      )}
                      {meta?.definition && (
                        <DefinitionLink
                          measure={meta.definition}
                          subject={
                            typeof header.column.columnDef.header === 'string'
                              ? header.column.columnDef.header
                              : undefined
                          }
                          className="what-link th-link"
                        />
                      )}
                    </th>
                  );
                })}
              </tr>
            ))}
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.id}>
                {row.getAllCells().map((cell) => {
                  const meta = cell.column.columnDef.meta as
                    { numeric?: boolean; rowHeader?: boolean } | undefined;
                  const content = <table.FlexRender cell={cell} />;
                  return meta?.rowHeader ? (
                    <th key={cell.id} scope="row">
                      {content}
                    </th>
                  ) : (
                    <td key={cell.id} className={meta?.numeric ? 'num' : undefined}>
                      {content}
                    </td>
                  );
                })}
              </tr>
            ))}
            {rows.length === 0 && (
              <tr>
                <td colSpan={columns.length} className="muted">
                  No rows.
                </td>
              </tr>
            )}
          </tbody>
        </table>
      </ScrollRegion>
    </div>
  );
}
