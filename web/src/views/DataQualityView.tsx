import { useMemo } from 'react';
import { formatBytes, formatCount, type Finding, type TableReport } from '../../../core';
import { useData } from '../app/data-context';
import { columnHelper, DataTable, type Columns } from '../components/DataTable';
import { ViewFrame } from '../components/ViewFrame';

const f = columnHelper<Finding>();
const FINDING_COLUMNS: Columns<Finding> = [
  f.accessor('severity', {
    header: 'Severity',
    cell: (c) => (
      <span className={`badge ${c.getValue()}`}>{c.getValue() === 'error' ? 'Error' : 'Warning'}</span>
    ),
  }),
  f.accessor('table', { header: 'Table' }),
  f.accessor('message', { header: 'Rule broken', meta: { rowHeader: true } }),
  f.accessor('count', { header: 'Rows', cell: (c) => formatCount(c.getValue()), meta: { numeric: true } }),
  f.accessor((r) => r.examples.join(', '), {
    id: 'examples',
    header: 'Examples (keys)',
    enableSorting: false,
  }),
];

const t = columnHelper<TableReport>();
const TABLE_COLUMNS: Columns<TableReport> = [
  t.accessor('name', { header: 'Table', meta: { rowHeader: true } }),
  t.accessor((r) => (!r.present ? 'Not in the export' : r.usable ? 'Usable' : 'Unusable'), {
    id: 'status',
    header: 'Status',
    cell: (c) => {
      const v = c.getValue();
      return (
        <span className={`badge ${v === 'Usable' ? 'ok' : v === 'Unusable' ? 'error' : 'warning'}`}>{v}</span>
      );
    },
  }),
  t.accessor('rows', {
    header: 'Rows in file',
    cell: (c) => formatCount(c.getValue()),
    meta: { numeric: true },
  }),
  t.accessor('excluded', {
    header: 'Rows left out',
    cell: (c) => formatCount(c.getValue()),
    meta: { numeric: true },
  }),
];

export function DataQualityView() {
  const { summary } = useData();
  const { validation, manifest, extractDate, files } = summary.loaded;
  const findings = useMemo(() => [...validation.errors, ...validation.warnings], [validation]);
  const tables = useMemo(() => validation.tables, [validation]);
  const excluded = tables.reduce((s, x) => s + x.excluded, 0);
  return (
    <ViewFrame
      id="data-quality"
      title="Data quality"
      intro="Every rule of export contract v1 checked against this export. Errors make a table unusable; rows that break a row rule are left out of the measures and counted here, so nothing is dropped silently."
    >
      <div className="cards">
        <section className="card" aria-label="Errors">
          <h3>Errors</h3>
          <span className="card-value" data-testid="dq-errors">
            {formatCount(validation.errors.length)}
          </span>
        </section>
        <section className="card" aria-label="Warnings">
          <h3>Warnings</h3>
          <span className="card-value" data-testid="dq-warnings">
            {formatCount(validation.warnings.length)}
          </span>
        </section>
        <section className="card" aria-label="Rows left out">
          <h3>Rows left out of the measures</h3>
          <span className="card-value">{formatCount(excluded)}</span>
        </section>
        <section className="card" aria-label="Extract">
          <h3>Extract date</h3>
          <span className="card-value">{extractDate}</span>
          <p className="card-help">
            {manifest?.extract_date
              ? 'From manifest.json.'
              : 'No manifest date: the latest date in the data.'}
          </p>
        </section>
      </div>
      <DataTable
        caption={findings.length ? `Findings (${findings.length})` : 'Findings: none — every rule holds'}
        columns={FINDING_COLUMNS}
        data={findings}
        filterable={findings.length > 8}
        initialSort={[{ id: 'count', desc: true }]}
        testId="dq-findings"
      />
      <DataTable caption="Tables" columns={TABLE_COLUMNS} data={tables} testId="dq-tables" />
      <p className="chart-stat muted">
        Files read: {files.map((x) => `${x.name} (${formatBytes(x.size)})`).join(', ')}.
        {validation.ignoredFiles.length > 0 &&
          ` Ignored (not part of the contract): ${validation.ignoredFiles.join(', ')}.`}
        {summary.seconds > 0 && ` Loaded and prepared in ${summary.seconds.toFixed(1)} s.`}
      </p>
    </ViewFrame>
  );
}
