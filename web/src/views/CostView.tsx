import { useMemo } from 'react';
import {
  formatCount,
  formatMeasure,
  formatMoney,
  formatPercent,
  isUnavailable,
  type GroupShareTertile,
  type GroupShareTertiles,
  barSpec,
} from '../../../core';
import { useEngineQuery } from '../app/use-engine-query';
import { useViewContext } from '../app/use-view-context';
import { ChartPanel } from '../components/ChartPanel';
import { columnHelper, DataTable, type Columns } from '../components/DataTable';
import { MeasureCards } from '../components/MeasureCards';
import type { CardSpec } from '../components/card-spec';
import { MeasureCell } from '../components/MeasureCell';
import { Loading, ViewFrame } from '../components/ViewFrame';

const FORMATS = [
  { name: 'cost_per_client_hour_group', label: 'Group' },
  { name: 'cost_per_client_hour_individual', label: 'Individual' },
  { name: 'cost_per_client_hour_family', label: 'Family' },
];
const CARDS: CardSpec[] = [
  { name: 'cost_per_episode' },
  { name: 'cost_per_completer' },
  { name: 'cost_per_abstinent' },
  { name: 'no_show_cost', label: 'No-show cost (total)' },
  { name: 'group_share' },
  ...FORMATS.map((f) => ({ name: f.name, label: `Cost per client-hour: ${f.label.toLowerCase()}` })),
];

/** The measures the view shows: the cards (formats among them), the tertiles table, and by program the group share. */
const SHOWN = [...CARDS.map((c) => c.name), 'group_share_tertiles'];
const BY_PROGRAM_SHOWN = ['group_share'];

type TertileRow = GroupShareTertile & { group: string };
const h = columnHelper<TertileRow>();
const share = (t: GroupShareTertile) =>
  t.share_min == null || t.share_max == null
    ? '–'
    : `${formatPercent(t.share_min)}–${formatPercent(t.share_max)}`;

function tertileColumns(many: boolean): Columns<TertileRow> {
  return [
    ...(many ? [h.accessor('group', { header: 'Group' })] : []),
    h.accessor('tertile', {
      header: 'Group-therapy share',
      cell: (c) => `${['Lowest', 'Middle', 'Highest'][c.getValue() - 1]} third (${share(c.row.original)})`,
      meta: { rowHeader: true, definition: 'group_share_tertiles' },
    }),
    h.accessor('episodes', {
      header: 'Episodes',
      cell: (c) => formatCount(c.getValue()),
      meta: { numeric: true },
    }),
    h.accessor((r) => r.completion_rate.value, {
      id: 'completion',
      header: 'Completion',
      cell: (c) => <MeasureCell v={c.row.original.completion_rate} name="completion_rate" />,
      meta: { numeric: true },
    }),
    h.accessor((r) => r.abstinent_final30_mip.value, {
      id: 'abstinent',
      header: 'Abstinent, final 30 days (missing screens count as positive)',
      cell: (c) => <MeasureCell v={c.row.original.abstinent_final30_mip} name="abstinent_final30_mip" />,
      meta: { numeric: true },
    }),
    h.accessor('cost_per_episode', {
      header: 'Mean cost per episode',
      cell: (c) => formatMoney(c.getValue()),
      meta: { numeric: true },
    }),
    h.accessor('cost_per_completer', {
      header: 'Cost per completer',
      cell: (c) => formatMoney(c.getValue()),
      meta: { numeric: true },
    }),
  ];
}

export function CostView() {
  const { summary, cohort, grouping, label } = useViewContext();
  const grouped = useEngineQuery('grouped', cohort, grouping, SHOWN);
  const byProgram = useEngineQuery('grouped', cohort, { kind: 'by', column: 'program_id' }, BY_PROGRAM_SHOWN);
  const programName = useMemo(() => {
    const names = new Map(summary.options.programs.map((p) => [p.program_id, p.program_name]));
    return (id: string) => names.get(id) ?? id;
  }, [summary.options.programs]);
  const groups = useMemo(() => grouped.data?.groups.map(label) ?? [], [grouped.data, label]);

  const perHour = useMemo(
    () => ({
      table: grouped.data
        ? FORMATS.flatMap((f) =>
            grouped.data!.groups.flatMap((g) => {
              const v = grouped.data!.measures.get(g)?.[f.name];
              return v && 'value' in v && v.value != null
                ? [{ category: f.label, group: label(g), value: v.value as number, n: null }]
                : [];
            }),
          )
        : [],
    }),
    [grouped.data, label],
  );
  const programShare = useMemo(
    () => ({
      table: byProgram.data
        ? byProgram.data.groups.flatMap((g) => {
            const v = byProgram.data!.measures.get(g)?.group_share;
            return v && 'value' in v && v.value != null
              ? [
                  {
                    category: programName(g),
                    group: 'All',
                    value: v.value as number,
                    n: byProgram.data!.episodes.get(g) ?? 0,
                  },
                ]
              : [];
          })
        : [],
    }),
    [byProgram.data, programName],
  );
  const tertiles = useMemo(() => {
    if (!grouped.data) return { rows: [] as TertileRow[], unavailable: null as string | null };
    const rows: TertileRow[] = [];
    let unavailable: string | null = null;
    for (const g of grouped.data.groups) {
      const v = grouped.data.measures.get(g)?.group_share_tertiles;
      if (isUnavailable(v)) unavailable = v.reason;
      else if (v && 'tertiles' in v)
        rows.push(...(v as unknown as GroupShareTertiles).tertiles.map((t) => ({ ...t, group: label(g) })));
    }
    return { rows, unavailable };
  }, [grouped.data, label]);

  // every program in the groups' order, not the ticked ones: the chart's spec then stays as programs
  // are ticked, and its data is updated instead of the chart embedded again
  const programCategories = useMemo(
    () => summary.options.programs.map((p) => programName(p.program_id)),
    [summary.options.programs, programName],
  );
  const many = (grouped.data?.groups.length ?? 0) > 1;
  const columns = useMemo(() => tertileColumns(many), [many]);

  return (
    <ViewFrame
      id="cost"
      title="Cost"
      intro="Staff cost from each program's hourly rates: a group session's cost is shared among the clients who attended it; individual and family no-shows are charged as no-show cost."
      error={grouped.error ?? byProgram.error}
    >
      {grouped.data ? (
        <MeasureCards data={grouped.data} cards={CARDS} label={label} />
      ) : (
        <Loading what="cost" />
      )}
      <div className="chart-grid">
        <ChartPanel
          title="Cost per client-hour by format"
          description="Cost of attended services divided by attended client-hours, for group, individual and family sessions."
          build={barSpec}
          options={{
            categories: FORMATS.map((f) => f.label),
            groups,
            kind: 'money',
            valueTitle: 'Staff cost per attended client-hour',
          }}
          datasets={perHour}
          testId="chart-cost-format"
          definition={{ measure: 'cost_per_client_hour_group' }}
          table={{
            headers: ['Format', 'Group', 'Cost per client-hour'],
            rows: perHour.table.map((r) => [r.category, r.group, formatMoney(r.value)]),
          }}
        />
        <ChartPanel
          title="Group share by program"
          description="Share of attended client-hours delivered in groups, per program of the cohort."
          build={barSpec}
          options={{
            categories: programCategories,
            groups: ['All'],
            kind: 'percent',
            valueTitle: 'Group share of attended client-hours',
          }}
          datasets={programShare}
          testId="chart-group-share"
          definition={{ measure: 'group_share' }}
          table={{
            headers: ['Program', 'Group share', 'Episodes'],
            rows: programShare.table.map((r) => [r.category, formatPercent(r.value), r.n]),
          }}
        />
      </div>
      <h3 className="section-title">Group versus individual: episodes split by tertile of group share</h3>
      {tertiles.unavailable ? (
        <p className="muted">Not available: {tertiles.unavailable.replace(/^not available:\s*/i, '')}</p>
      ) : (
        <DataTable
          caption="Outcomes and cost by tertile of group-therapy share"
          columns={columns}
          data={tertiles.rows}
          testId="cost-tertiles"
        />
      )}
      {grouped.data && (
        <p className="chart-stat muted">
          No-show cost:{' '}
          {grouped.data.groups
            .map(
              (g) =>
                `${many ? `${label(g)} ` : ''}${formatMeasure(grouped.data!.measures.get(g)?.no_show_cost, 'no_show_cost')}`,
            )
            .join(' · ')}
        </p>
      )}
    </ViewFrame>
  );
}
