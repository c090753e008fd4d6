import { quoteLiteral, STAFF_ROLES } from '../../core';
import { BASE_HOURLY_COST, PROGRAMS, type ProgramProfile } from './programs';

const intList = (xs: readonly number[]): string =>
  `[${xs.map((x) => quoteLiteral(x)).join(', ')}]::INTEGER[]`;
const mask = (days: readonly number[]): number => days.reduce((m, d) => m | (1 << d), 0);

/** The numeric profile of every program, one row per program, keyed by pidx (its index in PROGRAMS). */
const PROG_COLUMNS: readonly [string, (p: ProgramProfile) => string][] = [
  ['program_id', (p) => quoteLiteral(p.id)],
  ['iop_share', (p) => quoteLiteral(p.iopShare)],
  ['op_share', (p) => quoteLiteral(p.opShare)],
  ['iop_days', (p) => intList(p.iopDays)],
  ['op_days', (p) => intList(p.opDays)],
  ['iop_mask', (p) => quoteLiteral(mask(p.iopDays))],
  ['op_mask', (p) => quoteLiteral(mask(p.opDays))],
  ['ind_per_week', (p) => quoteLiteral(p.individualPerWeek)],
  ['family_every', (p) => quoteLiteral(p.familyEveryWeeks)],
  ['planned_weeks', (p) => quoteLiteral(p.plannedWeeks)],
  ['completion_shift', (p) => quoteLiteral(p.completionShift)],
  ['dropout_power', (p) => quoteLiteral(p.dropoutPower)],
  ['terminate_weight', (p) => quoteLiteral(p.terminateWeight)],
  ['attendance', (p) => quoteLiteral(p.attendance)],
  ['step_down', (p) => quoteLiteral(p.stepDown)],
  ['from_higher', (p) => quoteLiteral(p.fromHigher)],
  ['followup_reach', (p) => quoteLiteral(p.followupReach)],
  ['wait_days', (p) => quoteLiteral(p.waitDays)],
  ['screens_per_week', (p) => quoteLiteral(p.screensPerWeek)],
  ['group_size', (p) => quoteLiteral(p.groupSize)],
  ['cost_factor', (p) => quoteLiteral(p.costFactor)],
  ['court', (p) => quoteLiteral(p.court)],
  ['adolescent', (p) => quoteLiteral(p.adolescent)],
  ['female', (p) => quoteLiteral(p.female)],
  ['opioids', (p) => quoteLiteral(p.opioids)],
  ['cooccurring', (p) => quoteLiteral(p.cooccurring)],
  ['homeless', (p) => quoteLiteral(p.homeless)],
  ['unstable', (p) => quoteLiteral(p.unstableHousing)],
  ['medicaid', (p) => quoteLiteral(p.medicaid)],
  ['commercial', (p) => quoteLiteral(p.commercial)],
  ['mat', (p) => quoteLiteral(p.mat)],
  ['missing', (p) => quoteLiteral(p.missing)],
];

/** Internal tables: prog (profiles). Output tables: programs_out, cost_rates_out. */
export function programTablesSql(): string {
  const rows = PROGRAMS.map(
    (p, i) => `(${[quoteLiteral(i), ...PROG_COLUMNS.map(([, f]) => f(p))].join(', ')})`,
  );
  const programs = PROGRAMS.map(
    (p) => `(${[p.id, p.name, p.organization, p.region].map((v) => quoteLiteral(v)).join(', ')})`,
  );
  const roles = STAFF_ROLES.map((r) => `(${quoteLiteral(r)}, ${quoteLiteral(BASE_HOURLY_COST[r])})`);
  return `
    CREATE OR REPLACE TABLE prog AS
      SELECT * FROM (VALUES ${rows.join(',\n')}) t(pidx, ${PROG_COLUMNS.map(([c]) => c).join(', ')});
    CREATE OR REPLACE TABLE programs_out AS
      SELECT program_id::VARCHAR AS program_id, program_name::VARCHAR AS program_name,
             organization::VARCHAR AS organization, region::VARCHAR AS region
      FROM (VALUES ${programs.join(',\n')}) t(program_id, program_name, organization, region);
    CREATE OR REPLACE TABLE cost_rates_out AS
      SELECT p.program_id::VARCHAR AS program_id, r.staff_role::VARCHAR AS staff_role,
             round(r.base * p.cost_factor * (0.92 + 0.16 * rnd(p.program_id || '/' || r.staff_role, 'cost')), 2)::DOUBLE
               AS hourly_cost
      FROM prog p CROSS JOIN (VALUES ${roles.join(', ')}) r(staff_role, base);
  `;
}
