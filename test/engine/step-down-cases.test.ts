import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LoadingConnector } from '../../core/engine/connector';
import type { MeasureContext } from '../../core/measures/group';
import { prepareEpisodeTables } from '../../core/measures/episode-wide';
import { stepDownCifCurve, stepDownMeasures } from '../../core/measures/step-down';
import type { MeasureSet } from '../../core/measures/types';
import { ENGINES } from '../support/engines';
import {
  createEncounters,
  createEpisodes,
  handCohort,
  inlineContext,
  type InlineEpisode,
} from './step-down-fixture';

const E = '2026-06-30';
// prettier-ignore
const EPISODES: InlineEpisode[] = [
  // client 1: IOP → OP (id 4) and PHP (id 5) admitted the same day: the lowest id (OP) is next
  { episode_id: 1, client_id: 1, level_of_care: 'iop', admit_date: '2026-01-01', discharge_date: '2026-01-31', discharge_reason: 'completed' },
  { episode_id: 5, client_id: 1, level_of_care: 'php', admit_date: '2026-02-05', discharge_date: '2026-02-20', discharge_reason: 'completed' },
  { episode_id: 4, client_id: 1, level_of_care: 'op', admit_date: '2026-02-05', discharge_date: '2026-03-01', discharge_reason: 'completed' },
  { episode_id: 8, client_id: 1, level_of_care: 'php', admit_date: '2026-03-10' },
  // client 2: PHP (id 6) and OP (id 7) the same day: PHP is next, a step-up
  { episode_id: 10, client_id: 2, level_of_care: 'iop', admit_date: '2026-01-01', discharge_date: '2026-02-01', discharge_reason: 'dropped_out' },
  { episode_id: 7, client_id: 2, level_of_care: 'op', admit_date: '2026-02-10' },
  { episode_id: 6, client_id: 2, level_of_care: 'php', admit_date: '2026-02-10', discharge_date: '2026-02-20', discharge_reason: 'completed' },
  // client 3: step-down on day 0; the next episode's first attended encounter is 14 days later
  { episode_id: 11, client_id: 3, level_of_care: 'iop', admit_date: '2026-03-01', discharge_date: '2026-03-01', discharge_reason: 'completed' },
  { episode_id: 12, client_id: 3, level_of_care: 'op', admit_date: '2026-03-10' },
  // client 4: readmitted 31 days after discharge: no next episode
  { episode_id: 13, client_id: 4, level_of_care: 'iop', admit_date: '2026-01-01', discharge_date: '2026-01-21', discharge_reason: 'dropped_out' },
  { episode_id: 14, client_id: 4, level_of_care: 'iop', admit_date: '2026-02-21', discharge_date: '2026-04-02', discharge_reason: 'dropped_out' },
  // client 5: residential discharged 14 days before IOP admission; steps down to OP never attended
  { episode_id: 15, client_id: 5, level_of_care: 'residential', admit_date: '2026-02-01', discharge_date: '2026-02-15', discharge_reason: 'completed' },
  { episode_id: 16, client_id: 5, level_of_care: 'iop', admit_date: '2026-03-01', discharge_date: '2026-03-21', discharge_reason: 'completed' },
  { episode_id: 17, client_id: 5, level_of_care: 'op', admit_date: '2026-03-25' },
  // client 6: detox the day before (does not count); IOP still open
  { episode_id: 18, client_id: 6, level_of_care: 'detox', admit_date: '2026-02-20', discharge_date: '2026-02-28', discharge_reason: 'completed' },
  { episode_id: 19, client_id: 6, level_of_care: 'iop', admit_date: '2026-03-01' },
  // client 7: PHP discharged 15 days before; terminated on day 0
  { episode_id: 20, client_id: 7, level_of_care: 'php', admit_date: '2026-01-01', discharge_date: '2026-01-15', discharge_reason: 'completed' },
  { episode_id: 21, client_id: 7, level_of_care: 'iop', admit_date: '2026-01-30', discharge_date: '2026-01-30', discharge_reason: 'terminated' },
  // client 8: OP admitted the day of IOP discharge, no encounters: gap 0
  { episode_id: 22, client_id: 8, level_of_care: 'iop', admit_date: '2026-01-01', discharge_date: '2026-01-21', discharge_reason: 'transferred' },
  { episode_id: 23, client_id: 8, level_of_care: 'op', admit_date: '2026-01-21' },
  // client 9: open, censored on day 20 (E − admit)
  { episode_id: 24, client_id: 9, level_of_care: 'iop', admit_date: '2026-06-10' },
];

describe.each(ENGINES)('step-down, hand-made cases ($name)', ({ open }) => {
  let conn: LoadingConnector;
  let ctx: MeasureContext;
  let m: MeasureSet;

  beforeAll(async () => {
    conn = await open();
    await createEpisodes(conn, EPISODES);
    await createEncounters(conn, [
      {
        encounter_id: 1,
        episode_id: 12,
        service_date: '2026-03-11',
        format: 'individual',
        minutes: 60,
        attendance: 'no_show',
      },
      {
        encounter_id: 2,
        episode_id: 12,
        service_date: '2026-03-15',
        format: 'individual',
        minutes: 60,
        attendance: 'attended',
      },
      {
        encounter_id: 3,
        episode_id: 17,
        service_date: '2026-03-26',
        format: 'individual',
        minutes: 60,
        attendance: 'no_show',
      },
    ]);
    ctx = await inlineContext(conn, ['encounters'], E);
    await prepareEpisodeTables(ctx);
    await handCohort(conn, [{ grp: "'overall'", where: "e.level_of_care = 'iop'" }]);
    m = (await stepDownMeasures.compute(ctx, ['overall', 'nobody'])).get('overall')!;
  });
  afterAll(async () => conn?.close());

  it('names the next episode: ties on admit_date go to the lowest episode_id; 31 days is too late', async () => {
    const rows = await conn.query<{
      episode_id: number;
      next_episode_id: number | null;
      transition: string | null;
    }>(
      'SELECT episode_id::INTEGER AS episode_id, next_episode_id::INTEGER AS next_episode_id, transition FROM ep_transition ORDER BY episode_id',
    );
    const t = new Map(rows.map((r) => [r.episode_id, r]));
    expect(t.get(1)).toMatchObject({ next_episode_id: 4, transition: 'step_down' });
    expect(t.get(10)).toMatchObject({ next_episode_id: 6, transition: 'step_up' });
    expect(t.get(13)).toMatchObject({ next_episode_id: null, transition: 'none' });
    expect(t.get(5)).toMatchObject({ next_episode_id: 8, transition: 'readmission' });
    expect(t.get(4)).toMatchObject({ next_episode_id: 8, transition: 'step_up' });
    expect(t.get(19)).toMatchObject({ next_episode_id: null, transition: null });
  });

  it('step-down rates and days to step-down', () => {
    expect(m.step_down_rate).toMatchObject({ numerator: 4, denominator: 8, value: 0.5 });
    expect(m.step_down_rate_completers).toMatchObject({ numerator: 3, denominator: 3, value: 1, upper: 1 });
    // LOS 0, 20, 20, 30: type-7 quartiles
    expect(m.days_to_step_down).toEqual({ value: 20, q1: 15, q3: 22.5, n: 4 });
  });

  it('Aalen–Johansen with events on day 0 and tied events and censoring on day 20', async () => {
    // day 0: 1 step-down, 1 other of 10 → 0.1; day 20: 2 step-downs, 1 other, 1 censored of 8
    // → 0.1 + 0.8·2/8 = 0.3; day 30: 1 of 4 → 0.3 + 0.5/4 = 0.425; nothing later
    expect((m.step_down_cif_30 as { value: number }).value).toBeCloseTo(0.425, 12);
    expect((m.step_down_cif_60 as { value: number }).value).toBeCloseTo(0.425, 12);
    expect((m.step_down_cif_90 as { value: number }).value).toBeCloseTo(0.425, 12);
    const curve = (await stepDownCifCurve(ctx, 40)).get('overall')!;
    expect(curve[0]).toMatchObject({ day: 0, at_risk: 10 });
    expect(curve[0].step_down).toBeCloseTo(0.1, 12);
    expect(curve[0].other).toBeCloseTo(0.1, 12);
    expect(curve[19].step_down).toBeCloseTo(0.1, 12);
    expect(curve[20]).toMatchObject({ at_risk: 8 });
    expect(curve[20].step_down).toBeCloseTo(0.3, 12);
    expect(curve[21].at_risk).toBe(4);
    expect(curve[40].other).toBeCloseTo(0.45, 12);
    expect(curve[40].step_down + curve[40].other).toBeCloseTo(0.875, 12);
  });

  it('continuity: first attended encounter, else admit date; never attended is not continuity', () => {
    // gaps: 5 (no encounters → admit), 14 (first attended), null (only a no-show), 0
    expect(m.continuity_7).toMatchObject({ numerator: 2, denominator: 4 });
    expect(m.continuity_14).toMatchObject({ numerator: 3, denominator: 4 });
  });

  it('stepped down into IOP: residential 14 days before counts, detox and 15 days do not', () => {
    expect(m.stepped_down_into_iop).toMatchObject({ numerator: 1, denominator: 10 });
  });

  it('step-up within 90 days among those followed 90 days', () => {
    expect(m.step_up_90).toMatchObject({ numerator: 2, denominator: 7 });
  });

  it('a group with no episodes gets every measure with n = 0', async () => {
    const empty = (await stepDownMeasures.compute(ctx, ['nobody'])).get('nobody')!;
    expect(Object.keys(empty).sort()).toEqual([...stepDownMeasures.measures].sort());
    expect(empty.step_down_rate).toEqual({
      value: null,
      lower: null,
      upper: null,
      numerator: 0,
      denominator: 0,
    });
    expect(empty.days_to_step_down).toEqual({ value: null, q1: null, q3: null, n: 0 });
    expect(empty.step_down_cif_30).toEqual({ value: null });
  });

  it('levels are relative to the cohort: an OP cohort sees PHP as a step-up', async () => {
    await handCohort(conn, [{ grp: "'op'", where: "e.level_of_care = 'op'" }]);
    const op = (await stepDownMeasures.compute({ ...ctx, level: 'op' }, ['op'])).get('op')!;
    expect(op.step_down_rate).toMatchObject({ numerator: 0, denominator: 1 });
    expect(op.step_up_90).toMatchObject({ numerator: 1, denominator: 1 });
    expect(op.stepped_down_into_iop).toMatchObject({ numerator: 5, denominator: 5 });
  });

  it('without an encounters table continuity falls back to the admit date', async () => {
    const noEnc = await inlineContext(conn, [], E);
    await prepareEpisodeTables(noEnc);
    await handCohort(conn, [{ grp: "'overall'", where: "e.level_of_care = 'iop'" }]);
    const r = (await stepDownMeasures.compute(noEnc, ['overall'])).get('overall')!;
    // gaps by admit date: 5, 9, 4, 0
    expect(r.continuity_7).toMatchObject({ numerator: 3, denominator: 4 });
    expect(r.continuity_14).toMatchObject({ numerator: 4, denominator: 4 });
  });
});
