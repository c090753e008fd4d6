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

/** One figure of the export as a card. */
function Stat({
  label,
  title = label,
  value,
  testId,
  help,
}: {
  label: string;
  title?: string;
  value: string;
  testId?: string;
  help?: string;
}) {
  return (
    <section className="card" aria-label={label}>
      <h3>{title}</h3>
      <span className="card-value" data-testid={testId}>
        {value}
      </span>
      {help && <p className="card-help">{help}</p>}
    </section>
  );
}

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
        <Stat label="Errors" value={formatCount(validation.errors.length)} testId="dq-errors" />
        <Stat label="Warnings" value={formatCount(validation.warnings.length)} testId="dq-warnings" />
        <Stat label="Rows left out" title="Rows left out of the measures" value={formatCount(excluded)} />
        <Stat
          label="Extract"
          title="Extract date"
          value={extractDate}
          help={
            manifest?.extract_date ? 'From manifest.json.' : 'No manifest date: the latest date in the data.'
          }
        />
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
