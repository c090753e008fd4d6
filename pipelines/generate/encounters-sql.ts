import { quoteDate, quoteLiteral } from '../../core';
import { pickCodeSql, switchSql } from './pick-sql';
import { OP_GROUP, PROGRAMS, type GroupSlot } from './programs';

const num = (x: number) => quoteLiteral(x);

/** Slot of a row within its episode day; with the day offset k it makes the encounter id unique. */
export const SLOT = { opGroup: 2, individual: 3, family: 4, assessment: 5, medication: 6 } as const;
const SLOTS_PER_DAY = 8;
/** encounter_id = ep_no * ENCOUNTERS_PER_EPISODE + k * 8 + slot; k stays below 1,250 (LOS is capped at 400). */
const ENCOUNTERS_PER_EPISODE = 10000;
const MAX_TRACKS = 10000;

/** Group slots: IOP slots 0..n-1 of each program, then its op group in slot 2. */
const groupSlots = (): { pidx: number; level: 'iop' | 'op'; slot: number; g: GroupSlot }[] =>
  PROGRAMS.flatMap((p, pidx) => [
    ...p.groups.map((g, slot) => ({ pidx, level: 'iop' as const, slot, g })),
    { pidx, level: 'op' as const, slot: SLOT.opGroup, g: OP_GROUP },
  ]);

/**
 * Episodes that get encounters and screens (iop and op), with what their rows need: the day
 * mask of their level, their group track, individual, family and screen weekdays, engagement.
 */
export function encounterEpisodesSql(extractDate: string, windowDays: number): string {
  const E = quoteDate(extractDate);
  const dayOf = (list: string, tag: string, shift = 0) =>
    `${list}[1 + (floor(len(${list}) * rnd(ep_no, '${tag}'))::INTEGER + ${shift}) % len(${list})]`;
  return `
    CREATE OR REPLACE TABLE tracks AS
    SELECT t.pidx, t.level,
      least(${num(MAX_TRACKS - 1)}, greatest(1, round(t.client_days / ${num(windowDays)}
        / CASE WHEN t.level = 'op' THEN 12 ELSE p.group_size END)))::INTEGER AS n_tracks
    FROM (SELECT pidx, level, sum(least(t_discharge, ${E}) - admit_date + 1) AS client_days
          FROM eps WHERE level IN ('iop', 'op') GROUP BY pidx, level) t
      JOIN prog p USING (pidx);

    CREATE OR REPLACE TABLE enc_eps AS
    SELECT ep_no, c, pidx, level, admit_date, least(t_discharge, ${E}) AS stop, t_discharge, t_reason,
      t_housing, t_payer, t_cooc, mat, teen, substance, days, mask, ind_period,
      floor(n_tracks * rnd(ep_no, 'track'))::INTEGER AS track,
      ${dayOf('days', 'ind')} AS ind_dow1,
      CASE WHEN level = 'iop' AND ind_per_week >= 2 THEN ${dayOf('days', 'ind', 1)} END AS ind_dow2,
      CASE WHEN level = 'iop' AND ind_per_week >= 3 THEN ${dayOf('days', 'ind', 2)} END AS ind_dow3,
      CASE WHEN level = 'iop' AND family_every > 0 AND (teen OR rnd(ep_no, 'fam') < 0.5) THEN family_every END AS family_every,
      ${dayOf('days', 'scr')} AS screen_dow1,
      CASE WHEN level = 'iop' AND screens_per_week = 2 THEN ${dayOf('days', 'scr', 1)} END AS screen_dow2,
      attendance - CASE WHEN level = 'op' THEN 0.04 ELSE 0 END + 0.06 * rnorm(ep_no, 'eng')
        - CASE WHEN t_housing = 'homeless' THEN 0.06 ELSE 0 END + CASE WHEN t_reason = 'completed' THEN 0.05 ELSE 0 END AS engage,
      -0.8 + 0.45 * sev + (t_use_admit - 12) / 9.0 + CASE WHEN mat IN ('buprenorphine', 'methadone') THEN -0.3 ELSE 0 END AS a0
    FROM (
      SELECT e.*, p.attendance, p.ind_per_week, p.family_every, p.screens_per_week, t.n_tracks,
        CASE WHEN e.level = 'iop' THEN p.iop_days ELSE p.op_days END AS days,
        CASE WHEN e.level = 'iop' THEN p.iop_mask ELSE p.op_mask END AS mask,
        CASE WHEN e.level = 'op' THEN 4 WHEN p.ind_per_week < 1 THEN 2 ELSE 1 END AS ind_period
      FROM eps e JOIN prog p USING (pidx) JOIN tracks t USING (pidx, level)
      WHERE e.level IN ('iop', 'op'))
    ORDER BY ep_no;

    CREATE OR REPLACE TABLE group_slots AS
    SELECT * FROM (VALUES ${groupSlots()
      .map((s) => `(${num(s.pidx)}, ${quoteLiteral(s.level)}, ${num(s.slot)}, ${num(s.g.minutes)})`)
      .join(', ')}) t(pidx, level, slot, minutes);
  `;
}

/** Service type and staff role of a group meeting: drawn once per meeting, from its session id. */
function groupAttribute(pick: (g: GroupSlot) => Partial<Record<string, number>>, tag: string): string {
  const u = `rnd(group_session_id, '${tag}')`;
  const byProgram = PROGRAMS.map((p) => {
    const iop = switchSql(
      'slot',
      p.groups.map((g) => pickCodeSql(u, pick(g))),
    );
    return `CASE WHEN level = 'op' THEN ${pickCodeSql(u, pick(OP_GROUP))} ELSE ${iop} END`;
  });
  return switchSql('pidx', byProgram);
}

function individualStaff(): string {
  return switchSql(
    'pidx',
    PROGRAMS.map((p) => pickCodeSql("rnd2(ep_no, loc, 'staff')", p.individualStaff)),
  );
}

/** Encounter rows of the clients in [lo, hi). */
export function encountersChunkSql(lo: number, hi: number): string {
  const absence = pickCodeSql("rnd2(ep_no, loc, 'absent')", {
    no_show: 0.6,
    cancelled: 0.25,
    late_cancel: 0.15,
  });
  return `
    WITH days AS (
      SELECT *, admit_date + k AS d, isodow(admit_date + k) AS dow, k // 7 AS wk
      FROM (SELECT e.*, unnest(range(0, (e.stop - e.admit_date + 1)::INTEGER))::INTEGER AS k
            FROM enc_eps e WHERE e.c >= ${num(lo)} AND e.c < ${num(hi)})
    ),
    grp AS (
      SELECT d.*, g.slot, 'group' AS format, g.minutes,
        ((d.pidx + 1) * 100000 + (d.d - DATE '1970-01-01')) * 100000 + d.track * 10 + g.slot AS group_session_id
      FROM days d JOIN group_slots g ON g.pidx = d.pidx AND g.level = d.level
      WHERE (d.mask >> d.dow) & 1 = 1
    ),
    grp_rows AS (
      SELECT *, ${groupAttribute((g) => g.services, 'svc')} AS service_type,
        ${groupAttribute((g) => g.staff, 'staff')} AS staff_role
      FROM grp
    ),
    one AS (
      SELECT *, ${SLOT.assessment} AS slot, 'individual' AS format, 'assessment' AS service_type, 60 AS minutes
      FROM days WHERE k = 0
      UNION ALL
      SELECT *, ${SLOT.individual}, 'individual', 'individual', 0
      FROM days
      WHERE k > 0 AND (dow = ind_dow1 OR dow = ind_dow2 OR dow = ind_dow3) AND wk % ind_period = 0
      UNION ALL
      SELECT *, ${SLOT.family}, 'family', 'family_therapy', 60
      FROM days
      WHERE k > 0 AND dow = coalesce(ind_dow2, ind_dow1) AND wk % family_every = family_every - 1
      UNION ALL
      SELECT *, ${SLOT.medication}, 'individual', 'medication_management', 30
      FROM days
      WHERE k > 0 AND (mat IS NOT NULL OR t_cooc) AND dow = ind_dow1
        AND wk % CASE WHEN level = 'op' THEN 4 ELSE 2 END = 1
    ),
    one_rows AS (
      SELECT * REPLACE (
          CASE WHEN service_type = 'individual' THEN
            CASE WHEN rnd2(ep_no, loc, 'cm') < CASE WHEN t_housing IN ('homeless', 'unstable') THEN 0.35 ELSE 0.1 END
                 THEN 'case_management' ELSE 'individual_therapy' END
            ELSE service_type END AS service_type),
        NULL::BIGINT AS group_session_id
      FROM (SELECT *, k * ${SLOTS_PER_DAY} + slot AS loc FROM one)
    ),
    one_final AS (
      SELECT * REPLACE (
          CASE service_type WHEN 'individual_therapy' THEN CASE WHEN rnd2(ep_no, loc, 'min') < 0.5 THEN 50 ELSE 60 END
                            WHEN 'case_management' THEN 45 ELSE minutes END AS minutes),
        CASE service_type
          WHEN 'assessment' THEN ${pickCodeSql("rnd2(ep_no, loc, 'staff')", { counselor: 0.7, social_worker: 0.3 })}
          WHEN 'medication_management' THEN ${pickCodeSql("rnd2(ep_no, loc, 'staff')", { psychiatrist: 0.7, nurse: 0.3 })}
          WHEN 'family_therapy' THEN ${pickCodeSql("rnd2(ep_no, loc, 'staff')", { social_worker: 0.6, psychologist: 0.4 })}
          WHEN 'case_management' THEN 'social_worker'
          ELSE ${individualStaff()} END AS staff_role
      FROM one_rows
    ),
    all_rows AS (
      SELECT ep_no, k, slot, k * ${SLOTS_PER_DAY} + slot AS loc, d, format, service_type, staff_role, minutes, group_session_id,
        t_reason, t_discharge, t_payer, engage
      FROM grp_rows
      UNION ALL
      SELECT ep_no, k, slot, loc, d, format, service_type, staff_role, minutes, group_session_id,
        t_reason, t_discharge, t_payer, engage
      FROM one_final
    ),
    attended AS (
      SELECT *,
        CASE WHEN slot = ${SLOT.assessment} THEN 'attended'
             WHEN rnd2(ep_no, loc, 'att') < clamp(engage + CASE WHEN format = 'group' THEN 0 ELSE 0.03 END
               - CASE WHEN t_reason IN ('dropped_out', 'terminated') THEN 0.6 * greatest(0, 1 - (t_discharge - d) / 28.0)
                      WHEN t_reason IN ('transferred', 'incarcerated', 'other', 'died') THEN 0.15 * greatest(0, 1 - (t_discharge - d) / 14.0)
                      ELSE 0 END, 0.03, 0.99) THEN 'attended'
             ELSE ${absence} END AS attendance
      FROM all_rows
    )
    SELECT (ep_no * ${num(ENCOUNTERS_PER_EPISODE)} + loc)::BIGINT AS encounter_id,
      episode_id(ep_no)::BIGINT AS episode_id, d::DATE AS service_date, service_type::VARCHAR AS service_type,
      format::VARCHAR AS format, group_session_id::BIGINT AS group_session_id, staff_role::VARCHAR AS staff_role,
      minutes::SMALLINT AS minutes, attendance::VARCHAR AS attendance,
      CASE WHEN attendance <> 'attended' OR rnd2(ep_no, loc, 'deny') < 0.04 THEN 0
           ELSE round(minutes * CASE format WHEN 'group' THEN 0.42 WHEN 'family' THEN 1.8 ELSE 1.7 END
             * CASE t_payer WHEN 'commercial' THEN 1.3 WHEN 'medicare' THEN 0.95 WHEN 'medicaid' THEN 0.8
                            WHEN 'self_pay' THEN 0.55 ELSE 0.9 END, 2)
      END::DECIMAL(10, 2) AS paid_amount
    FROM attended
    ORDER BY encounter_id`;
}
