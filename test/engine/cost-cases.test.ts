import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LoadingConnector } from '../../core/engine/connector';
import { costMeasures } from '../../core/measures/cost';
import type { GroupShareTertiles } from '../../core/measures/cost-tertiles';
import { prepareEpisodeTables } from '../../core/measures/episode-wide';
import type { MeasureContext } from '../../core/measures/group';
import type { MeasureSet } from '../../core/measures/types';
import { ENGINES } from '../support/engines';
import {
  createCostRates,
  createEncounters,
  createEpisodes,
  handCohort,
  inlineContext,
  type InlineEncounter,
} from './step-down-fixture';

const E = '2026-06-30';
// prettier-ignore
const ENCOUNTERS: InlineEncounter[] = [
  // group session 10: three attended rows (one of a PHP episode outside the cohort), one no-show
  { encounter_id: 1, episode_id: 1, service_date: '2026-01-05', format: 'group', group_session_id: 10, minutes: 90, attendance: 'attended', paid_amount: 20 },
  { encounter_id: 2, episode_id: 2, service_date: '2026-01-05', format: 'group', group_session_id: 10, minutes: 90, attendance: 'attended' },
  { encounter_id: 3, episode_id: 3, service_date: '2026-01-05', format: 'group', group_session_id: 10, minutes: 90, attendance: 'no_show' },
  { encounter_id: 4, episode_id: 4, service_date: '2026-01-05', format: 'group', group_session_id: 10, minutes: 90, attendance: 'attended' },
  // group session 11: nobody came
  { encounter_id: 5, episode_id: 1, service_date: '2026-01-06', format: 'group', group_session_id: 11, minutes: 60, attendance: 'no_show' },
  { encounter_id: 6, episode_id: 2, service_date: '2026-01-06', format: 'group', group_session_id: 11, minutes: 60, attendance: 'late_cancel' },
  { encounter_id: 7, episode_id: 1, service_date: '2026-01-07', format: 'individual', staff_role: 'nurse', minutes: 30, attendance: 'attended', paid_amount: 50 },
  { encounter_id: 8, episode_id: 1, service_date: '2026-01-08', format: 'individual', minutes: 60, attendance: 'no_show' },
  { encounter_id: 9, episode_id: 2, service_date: '2026-01-09', format: 'family', minutes: 60, attendance: 'late_cancel' },
  { encounter_id: 10, episode_id: 2, service_date: '2026-01-10', format: 'individual', minutes: 60, attendance: 'cancelled' },
  { encounter_id: 11, episode_id: 3, service_date: '2026-01-11', format: 'individual', minutes: 60, attendance: 'attended', paid_amount: 25 },
  // (no row after its episode's discharge: validation excludes those, rule encounters.within_episode)
  { encounter_id: 13, episode_id: 2, service_date: '2026-01-12', format: 'family', minutes: 120, attendance: 'attended' },
];

const value = (m: MeasureSet, name: string) => (m[name] as { value: number | null }).value;

describe.each(ENGINES)('cost, hand-made cases ($name)', ({ open }) => {
  let conn: LoadingConnector;
  let ctx: MeasureContext;
  let byGroup: Map<string, MeasureSet>;

  async function run(c: MeasureContext, groups = ['overall', 'p1', 'p2']): Promise<Map<string, MeasureSet>> {
    await prepareEpisodeTables(c);
    const where = "e.level_of_care = 'iop'";
    await handCohort(c.conn, [
      { grp: "'overall'", where },
      { grp: 'e.program_id', where },
    ]);
    return costMeasures.compute(c, groups);
  }

  beforeAll(async () => {
    conn = await open();
    // prettier-ignore
    await createEpisodes(conn, [
      { episode_id: 1, client_id: 1, program_id: 'p1', level_of_care: 'iop', admit_date: '2026-01-01', discharge_date: '2026-01-31', discharge_reason: 'completed' },
      { episode_id: 2, client_id: 2, program_id: 'p1', level_of_care: 'iop', admit_date: '2026-01-01', discharge_date: '2026-02-28', discharge_reason: 'dropped_out' },
      { episode_id: 3, client_id: 3, program_id: 'p2', level_of_care: 'iop', admit_date: '2026-01-01' },
      { episode_id: 4, client_id: 4, program_id: 'p1', level_of_care: 'php', admit_date: '2026-01-01', discharge_date: '2026-03-01', discharge_reason: 'completed' },
    ]);
    await createEncounters(conn, ENCOUNTERS);
    await createCostRates(conn, [
      { program_id: 'p1', staff_role: 'counselor', hourly_cost: 60 },
      { program_id: 'p1', staff_role: 'nurse', hourly_cost: 120 },
      { program_id: 'p2', staff_role: 'counselor', hourly_cost: 30 },
    ]);
    await conn.exec(`CREATE OR REPLACE TABLE drug_screens AS
      SELECT 1::BIGINT AS screen_id, 1::BIGINT AS episode_id, DATE '2026-01-20' AS collected_date,
        'negative'::VARCHAR AS result, NULL::VARCHAR AS substances`);
    ctx = await inlineContext(conn, ['encounters', 'cost_rates', 'drug_screens'], E);
    byGroup = await run(ctx);
  });
  afterAll(async () => conn?.close());

  it('per-episode cost: group cost shared by attended rows of any episode; no-shows of individual and family', async () => {
    const rows = await conn.query<{ episode_id: number; cost: number; no_show_cost: number }>(
      'SELECT episode_id::INTEGER AS episode_id, cost, no_show_cost FROM ep_cost ORDER BY episode_id',
    );
    // ep 1: group 90/3 + nurse 60 + no-show 60; ep 2: group 30 + family 120 + late-cancel family 60;
    // ep 3: p2 counselor 30; ep 4 (PHP): its share of the group, 30
    expect(rows.map((r) => [r.episode_id, r.cost, r.no_show_cost])).toEqual([
      [1, 150, 60],
      [2, 210, 60],
      [3, 30, 0],
      [4, 30, 0],
    ]);
  });

  it('cohort totals', () => {
    const m = byGroup.get('overall')!;
    expect(value(m, 'cost_per_client_hour_group')).toBeCloseTo(20, 12);
    expect(value(m, 'cost_per_client_hour_individual')).toBeCloseTo(60, 12);
    expect(value(m, 'cost_per_client_hour_family')).toBeCloseTo(60, 12);
    expect(value(m, 'group_share')).toBeCloseTo(3 / 6.5, 12);
    expect(m.cost_per_episode).toMatchObject({ value: 130, median: 150, n: 3, unpriced_encounters: 0 });
    // costs 30, 210, 150: sd = sqrt(8400), t(0.975, 2) = 4.302652729749464
    const half = (4.302652729749464 * Math.sqrt(8400)) / Math.sqrt(3);
    expect((m.cost_per_episode as { lower: number }).lower).toBeCloseTo(130 - half, 9);
    expect((m.cost_per_episode as { upper: number }).upper).toBeCloseTo(130 + half, 9);
    expect(value(m, 'cost_per_completer')).toBeCloseTo(360, 12);
    expect(value(m, 'cost_per_abstinent')).toBeCloseTo(360, 12);
    expect(m.no_show_cost).toEqual({ value: 120, per_episode: 40, n: 3 });
    expect((m.paid_per_episode as { value: number }).value).toBeCloseTo(95 / 3, 12);
    expect(m.paid_per_episode).toMatchObject({ median: 25, n: 3 });
    expect(value(m, 'paid_per_completer')).toBeCloseTo(70, 12);
  });

  it('a program with no discharge has no cost per completer', () => {
    const m = byGroup.get('p2')!;
    expect(m.cost_per_episode).toMatchObject({ value: 30, n: 1 });
    expect(value(m, 'cost_per_completer')).toBeNull();
    expect(value(m, 'cost_per_abstinent')).toBeNull();
  });

  it('group-share tertiles', () => {
    const t = byGroup.get('overall')!.group_share_tertiles as unknown as GroupShareTertiles;
    // shares: ep 3 = 0, ep 2 = 1.5/3.5, ep 1 = 0.75
    expect(t.tertiles.map((x) => x.episodes)).toEqual([1, 1, 1]);
    expect(t.tertiles[0]).toMatchObject({ share_min: 0, cost_per_episode: 30, cost_per_completer: null });
    expect(t.tertiles[0].completion_rate).toMatchObject({ numerator: 0, denominator: 0, value: null });
    expect(t.tertiles[1]).toMatchObject({ cost_per_episode: 210, cost_per_completer: null });
    expect(t.tertiles[1].completion_rate).toMatchObject({ numerator: 0, denominator: 1 });
    expect(t.tertiles[2]).toMatchObject({ share_max: 0.75, cost_per_episode: 150, cost_per_completer: 150 });
    expect(t.tertiles[2].abstinent_final30_mip).toMatchObject({ numerator: 1, denominator: 1 });
  });

  it('a group with no episodes', async () => {
    const m = (await costMeasures.compute(ctx, ['nobody'])).get('nobody')!;
    expect(Object.keys(m).sort()).toEqual([...costMeasures.measures].sort());
    expect(m.cost_per_episode).toMatchObject({ value: null, n: 0 });
    expect(value(m, 'group_share')).toBeNull();
  });

  it('without cost_rates: cost measures say so, hours and payments remain', async () => {
    const m = (await run(await inlineContext(conn, ['encounters', 'drug_screens'], E))).get('overall')!;
    for (const name of [
      'cost_per_episode',
      'cost_per_completer',
      'no_show_cost',
      'group_share_tertiles',
      'cost_per_client_hour_group',
    ])
      expect(m[name], name).toEqual({ value: null, reason: 'not available: needs cost_rates' });
    expect(value(m, 'group_share')).toBeCloseTo(3 / 6.5, 12);
    expect(value(m, 'paid_per_completer')).toBeCloseTo(70, 12);
  });

  it('without drug_screens: cost per abstinent episode says so', async () => {
    const m = (await run(await inlineContext(conn, ['encounters', 'cost_rates'], E))).get('overall')!;
    expect(m.cost_per_abstinent).toEqual({ value: null, reason: 'not available: needs drug_screens' });
    expect(value(m, 'cost_per_completer')).toBeCloseTo(360, 12);
  });

  it('without encounters: every measure says so', async () => {
    const columns = 'SELECT column_name, column_type FROM (DESCRIBE ep_cost)';
    const withEncounters = await conn.query(columns);
    const m = (await run(await inlineContext(conn, ['cost_rates'], E))).get('overall')!;
    for (const name of costMeasures.measures)
      expect(m[name], name).toEqual({ value: null, reason: 'not available: needs encounters' });
    // ep_cost's columns are ep_summary's either way: the same names and types, every value NULL
    expect(await conn.query(columns)).toEqual(withEncounters);
    // COLUMNS(...) in WHERE: every one of them (AND)
    const [{ all, empty }] = await conn.query<{ all: number; empty: number }>(
      `SELECT (SELECT count(*) FROM ep_cost)::INTEGER AS "all",
        (SELECT count(*) FROM ep_cost WHERE COLUMNS(* EXCLUDE (episode_id)) IS NULL)::INTEGER AS empty`,
    );
    expect(empty).toBe(all);
    expect(all).toBe(4);
  });

  it('without the paid_amount column: paid measures say so', async () => {
    await createEncounters(conn, ENCOUNTERS, false);
    const m = (await run(await inlineContext(conn, ['encounters', 'cost_rates', 'drug_screens'], E))).get(
      'overall',
    )!;
    expect(m.paid_per_episode).toEqual({
      value: null,
      reason: 'not available: needs encounters.paid_amount',
    });
    expect(value(m, 'cost_per_completer')).toBeCloseTo(360, 12);
  });
});
