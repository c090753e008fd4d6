import { useMemo, useState } from 'react';
import { trackBusy } from '../app/busy';
import { useData } from '../app/data-context';
import { queries } from '../app/engine';
import { usePrefetch } from '../app/use-prefetch';
import { programNeighbours } from '../state/toggle';
import {
  auditRelease,
  describeViolations,
  tableRelease,
  type Violation,
  formatCount,
  formatNumber1,
  formatNumber2,
  formatPercent,
  NO_VALUE,
  publishReport,
  signed,
  toCsv,
  type MeasureSet,
  type MeasureValue,
  type RiskAdjusted,
} from '../../../core';
import { useEngineQuery } from '../app/use-engine-query';
import { useViewContext } from '../app/use-view-context';
import { columnHelper, DataTable, type Columns } from '../components/DataTable';
import { Loading, ViewFrame } from '../components/ViewFrame';
import { download } from '../format/download';
import { MeasureCell } from '../components/MeasureCell';
import { FunnelPlot } from './FunnelPlot';
import { programsCsvRows } from './programs-csv';
import { MEASURE_COLUMNS, PROGRAMS_SHOWN } from './programs-shown';

/** A download the privacy audit would not pass is not made; the person is told why. */
function releaseRefused(leaks: Violation[]): boolean {
  if (!leaks.length) return false;
  window.alert(
    `This download was not made: ${leaks.length} counts could be worked back below 11.\n${describeViolations(leaks).slice(0, 5).join('\n')}`,
  );
  return true;
}

interface ProgramRow {
  id: string;
  name: string;
  episodes: number;
  measures: MeasureSet;
  risk?: RiskAdjusted;
}

const CSV_MEASURES = [
  'completion_rate',
  'retention_30',
  'retention_60',
  'retention_90',
  'attendance_rate',
  'abstinent_final30_cc',
  'abstinent_final30_mip',
  'step_down_rate',
  'continuity_14',
  'cost_per_episode',
  'cost_per_completer',
];

const num = (v: MeasureValue | undefined) =>
  v && 'value' in v && typeof v.value === 'number' ? v.value : undefined;

const formatZ = (x: number | undefined) => (x === undefined ? NO_VALUE : signed(x.toFixed(2)));

const h = columnHelper<ProgramRow>();
const COLUMNS: Columns<ProgramRow> = [
  h.accessor('name', { header: 'Program', meta: { rowHeader: true } }),
  h.accessor('episodes', {
    header: 'Episodes',
    cell: (c) => formatCount(c.getValue()),
    meta: { numeric: true },
  }),
  ...MEASURE_COLUMNS.map((m) =>
    h.accessor((r) => num(r.measures[m.name]), {
      id: m.name,
      header: m.header,
      cell: (c) => <MeasureCell v={c.row.original.measures[m.name]} name={m.name} />,
      meta: { numeric: true, definition: m.name },
      sortUndefined: 'last',
    }),
  ),
  h.accessor((r) => r.risk?.oe ?? undefined, {
    id: 'oe',
    header: 'Completion, observed ÷ expected (risk-adjusted)',
    cell: (c) => {
      const r = c.row.original.risk;
      if (!r || r.oe == null) return '–';
      return (
        <span className="measure-cell">
          <span>{formatNumber2(r.oe)}</span>
          <span className="cell-detail">
            ({formatNumber2(r.lower)}–{formatNumber2(r.upper)})
          </span>
          <span className="cell-detail">
            O = {formatCount(r.observed)}, E = {formatNumber1(r.expected)}
          </span>
        </span>
      );
    },
    meta: { numeric: true, definition: 'observed_expected' },
    sortUndefined: 'last',
  }),
  h.accessor((r) => r.risk?.standardized_rate ?? undefined, {
    id: 'standardized',
    header: 'Risk-standardised completion',
    cell: (c) => formatPercent(c.getValue()),
    meta: { numeric: true, definition: 'standardized_rate' },
    sortUndefined: 'last',
  }),
  ...(
    [
      ['z', 'z'],
      ['z_adjusted', 'z, over-dispersion adjusted'],
    ] as const
  ).map(([key, header]) =>
    h.accessor((r) => r.risk?.[key] ?? undefined, {
      id: key,
      header,
      cell: (c) => <span data-testid={`program-${key}`}>{formatZ(c.getValue())}</span>,
      meta: { numeric: true },
      sortUndefined: 'last',
    }),
  ),
];

export function ProgramsView() {
  const { cohort, summary } = useViewContext();
  const { generation } = useData();
  const report = useEngineQuery('report', cohort, PROGRAMS_SHOWN);
  // a program ticked next is answered from what was asked while the page was idle
  const next = useMemo(
    () =>
      programNeighbours(
        cohort,
        summary.options.programs.map((p) => p.program_id),
      ).flatMap((c) => [['report', c, PROGRAMS_SHOWN] as const, ['funnel', c, 'completion_rate'] as const]),
    [cohort, summary.options.programs],
  );
  usePrefetch(!!report.data && !report.loading, next);
  // the whole report, cohort measures and complementary suppression across programs included
  const [preparing, setPreparing] = useState(false);
  const wholeReport = async () => {
    const ticket = queries.request(generation, 'report', cohort);
    setPreparing(true);
    try {
      return await trackBusy(ticket.result);
    } finally {
      ticket.release();
      setPreparing(false);
    }
  };
  const downloading = (make: () => Promise<void>) => () =>
    void make().catch((err: Error) => window.alert(`This download was not made: ${err.message}`));
  const names = useMemo(
    () => new Map(summary.options.programs.map((p) => [p.program_id, p.program_name])),
    [summary.options.programs],
  );
  const rows: ProgramRow[] = useMemo(
    () =>
      report.data
        ? Object.entries(report.data.programs).map(([id, p]) => ({
            id,
            name: names.get(id) ?? id,
            episodes: p.episodes,
            measures: p.measures,
            risk: report.data!.risk_adjusted[id],
          }))
        : [],
    [report.data, names],
  );
  const stem = report.data ? `iop-outcomes-${cohort.level}-${report.data.extract_date}` : '';
  const exportCsv = async () => {
    if (!report.data) return;
    const rows = programsCsvRows(publishReport(await wholeReport()), names, CSV_MEASURES);
    if (releaseRefused(auditRelease(tableRelease(rows)))) return;
    download(toCsv(rows), `${stem}-programs.csv`);
  };
  const exportJson = async () => {
    if (!report.data) return;
    const published = publishReport(await wholeReport());
    if (releaseRefused(auditRelease(published))) return;
    download(JSON.stringify(published, null, 2), `${stem}-report.json`, 'application/json');
  };
  const hasRisk = rows.some((r) => r.risk);
  return (
    <ViewFrame
      id="programs"
      title="Programs"
      intro="Every program of the cohort with its headline measures and 95% intervals; completion compared with what each program's case mix predicts (observed / expected, exact Poisson interval), and each program's z against the cohort's rate, plainly and with the programs' over-dispersion allowed for. Click a column heading to sort."
      error={report.error}
    >
      {!report.data ? (
        <Loading what="the programs table" />
      ) : (
        <>
          <div className="toolbar">
            {(
              [
                ['Download CSV', exportCsv, 'programs-csv'],
                ['Download JSON report', exportJson, 'report-json'],
              ] as const
            ).map(([label, make, testId]) => (
              <button
                key={testId}
                type="button"
                className="button"
                onClick={downloading(make)}
                disabled={preparing}
                data-testid={testId}
              >
                {label}
              </button>
            ))}
            <span className="muted">
              Downloads follow the export privacy rule: counts of 1–10 show as “&lt;11” and figures resting on
              them are hidden; the screen shows exact numbers.
            </span>
          </div>
          <DataTable
            caption={`Programs (${rows.length}), ${formatCount(report.data.cohort.episodes)} cohort episodes`}
            columns={COLUMNS}
            data={rows}
            filterable
            initialSort={[{ id: 'episodes', desc: true }]}
            testId="programs-table"
          />
          {!hasRisk && <p className="muted">Risk adjustment is not available for this cohort.</p>}
          <FunnelPlot names={names} />
        </>
      )}
    </ViewFrame>
  );
}
