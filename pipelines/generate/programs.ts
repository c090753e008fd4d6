import { SERVICE_TYPES, STAFF_ROLES } from '../../core';
import PROFILES from './programs.json' with { type: 'json' };

type ServiceType = (typeof SERVICE_TYPES)[number];
type StaffRole = (typeof STAFF_ROLES)[number];
export type Weights<K extends string> = Partial<Record<K, number>>;

/** One group meeting of a program day; every attending client of a track shares it. */
export interface GroupSlot {
  minutes: number;
  services: Weights<ServiceType>;
  staff: Weights<StaffRole>;
}

/**
 * How one synthetic program runs and whom it serves. Every number is a probability, a share,
 * a count or a shift on the completion logit; the SQL reads them from the `prog` table.
 */
export interface ProgramProfile {
  id: string;
  name: string;
  organization: string | null;
  region: string | null;
  /** Share of the IOP episodes and of the op-only episodes. */
  iopShare: number;
  opShare: number;
  /** ISO weekdays (1 = Monday) with IOP groups, and with standard outpatient groups. */
  iopDays: readonly number[];
  opDays: readonly number[];
  groups: readonly GroupSlot[];
  /** Individual sessions a week (0.5 = every other week; at most the program's days) and their staff. */
  individualPerWeek: number;
  individualStaff: Weights<StaffRole>;
  /** Family session every n weeks; 0 = none. */
  familyEveryWeeks: number;
  plannedWeeks: number;
  /** Added to the completion logit. */
  completionShift: number;
  /** Larger = dropouts leave earlier. */
  dropoutPower: number;
  /** Relative weight of administrative discharge among non-completions. */
  terminateWeight: number;
  attendance: number;
  /** Completers who step down to op. */
  stepDown: number;
  /** Clients stepping down into IOP from residential or PHP. */
  fromHigher: number;
  followupReach: number;
  /** Median days from referral to admission. */
  waitDays: number;
  /** 1 or 2. */
  screensPerWeek: number;
  groupSize: number;
  /** Multiplies every hourly cost rate. */
  costFactor: number;
  /** Case mix. */
  court: number;
  adolescent: number;
  female: number;
  opioids: number;
  cooccurring: number;
  homeless: number;
  unstableHousing: number;
  medicaid: number;
  commercial: number;
  /** Opioid clients on MAT. */
  mat: number;
  /** Multiplies the missing-covariate rates. */
  missing: number;
}

const isService = (k: string): k is ServiceType => (SERVICE_TYPES as readonly string[]).includes(k);
const isRole = (k: string): k is StaffRole => (STAFF_ROLES as readonly string[]).includes(k);

/** A profile of programs.json, its service and staff names checked against the contract's codes. */
function program(p: ProgramProfile): ProgramProfile {
  const staff = [p.individualStaff, ...p.groups.map((g) => g.staff)].flatMap((w) => Object.keys(w));
  const wrong = [
    ...p.groups.flatMap((g) => Object.keys(g.services)).filter((k) => !isService(k)),
    ...staff.filter((k) => !isRole(k)),
  ];
  if (wrong.length > 0)
    throw new Error(`programs.json, ${p.id}: no such service or staff role ${wrong.join(', ')}`);
  return p;
}

/** The synthetic programs, one profile each in programs.json (the data; tsc checks its shape). */
export const PROGRAMS: readonly ProgramProfile[] = PROFILES.map(program);

/** Standard outpatient: about 90 minutes of group three times a week, in every program. */
export const OP_GROUP: GroupSlot = {
  minutes: 90,
  services: { group_therapy: 5, relapse_prevention: 2, peer_support: 2, psychoeducation: 1 },
  staff: { counselor: 3, peer_specialist: 1 },
};

/** Fully loaded hourly cost before the program's costFactor. */
export const BASE_HOURLY_COST: Record<StaffRole, number> = {
  counselor: 48,
  social_worker: 62,
  psychologist: 92,
  psychiatrist: 185,
  nurse: 68,
  peer_specialist: 32,
  technician: 27,
  other: 40,
};
