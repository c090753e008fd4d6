import type { SERVICE_TYPES, STAFF_ROLES } from '../../core';

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
  screensPerWeek: 1 | 2;
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

const processGroup = { group_therapy: 1 } as const;
const curriculum = { psychoeducation: 3, skills_workshop: 3, relapse_prevention: 3, holistic: 1 } as const;

export const PROGRAMS: readonly ProgramProfile[] = [
  {
    id: 'northside',
    name: 'Northside Recovery IOP',
    organization: 'North Health',
    region: 'MN',
    iopShare: 0.16,
    opShare: 0.18,
    iopDays: [1, 2, 4],
    opDays: [1, 3, 5],
    groups: [
      { minutes: 90, services: processGroup, staff: { counselor: 4, psychologist: 1 } },
      { minutes: 90, services: curriculum, staff: { counselor: 3, peer_specialist: 1 } },
    ],
    individualPerWeek: 1,
    individualStaff: { counselor: 3, social_worker: 1 },
    familyEveryWeeks: 0,
    plannedWeeks: 8,
    completionShift: 0,
    dropoutPower: 1.6,
    terminateWeight: 1,
    attendance: 0.86,
    stepDown: 0.6,
    fromHigher: 0.3,
    followupReach: 0.78,
    waitDays: 5,
    screensPerWeek: 1,
    groupSize: 10,
    costFactor: 1.05,
    court: 0.15,
    adolescent: 0.02,
    female: 0.38,
    opioids: 0.25,
    cooccurring: 0.45,
    homeless: 0.07,
    unstableHousing: 0.18,
    medicaid: 0.5,
    commercial: 0.3,
    mat: 0.55,
    missing: 1,
  },
  {
    id: 'riverbend',
    name: 'Riverbend Evening IOP',
    organization: 'North Health',
    region: 'MN',
    iopShare: 0.14,
    opShare: 0.12,
    iopDays: [1, 2, 3, 4],
    opDays: [1, 3, 5],
    groups: [
      {
        minutes: 180,
        services: { group_therapy: 2, relapse_prevention: 1, psychoeducation: 1 },
        staff: { counselor: 1 },
      },
    ],
    individualPerWeek: 0.5,
    individualStaff: { counselor: 1 },
    familyEveryWeeks: 0,
    plannedWeeks: 6,
    completionShift: -0.1,
    dropoutPower: 1.3,
    terminateWeight: 0.6,
    attendance: 0.83,
    stepDown: 0.5,
    fromHigher: 0.12,
    followupReach: 0.7,
    waitDays: 8,
    screensPerWeek: 1,
    groupSize: 12,
    costFactor: 0.95,
    court: 0.08,
    adolescent: 0.01,
    female: 0.4,
    opioids: 0.15,
    cooccurring: 0.35,
    homeless: 0.02,
    unstableHousing: 0.1,
    medicaid: 0.25,
    commercial: 0.6,
    mat: 0.45,
    missing: 0.8,
  },
  {
    id: 'harbor',
    name: 'Harbor House IOP',
    organization: null,
    region: 'WI',
    iopShare: 0.12,
    opShare: 0.1,
    iopDays: [2, 3, 5],
    opDays: [2, 4, 5],
    groups: [
      {
        minutes: 150,
        services: { group_therapy: 2, ...curriculum },
        staff: { psychologist: 1, social_worker: 1 },
      },
    ],
    individualPerWeek: 3,
    individualStaff: { psychologist: 2, social_worker: 2, counselor: 1 },
    familyEveryWeeks: 4,
    plannedWeeks: 10,
    completionShift: 0.45,
    dropoutPower: 1.2,
    terminateWeight: 0.7,
    attendance: 0.88,
    stepDown: 0.7,
    fromHigher: 0.35,
    followupReach: 0.85,
    waitDays: 10,
    screensPerWeek: 1,
    groupSize: 8,
    costFactor: 1.3,
    court: 0.3,
    adolescent: 0.02,
    female: 0.35,
    opioids: 0.3,
    cooccurring: 0.6,
    homeless: 0.22,
    unstableHousing: 0.28,
    medicaid: 0.72,
    commercial: 0.1,
    mat: 0.6,
    missing: 1,
  },
  {
    id: 'summit',
    name: 'Summit Outpatient',
    organization: 'Summit Care',
    region: 'WI',
    iopShare: 0.16,
    opShare: 0.2,
    iopDays: [1, 2, 3, 4],
    opDays: [1, 3, 5],
    groups: [
      { minutes: 90, services: processGroup, staff: { counselor: 2, peer_specialist: 2 } },
      {
        minutes: 90,
        services: { ...curriculum, peer_support: 2 },
        staff: { peer_specialist: 2, counselor: 1, other: 1 },
      },
    ],
    individualPerWeek: 0.5,
    individualStaff: { counselor: 3, peer_specialist: 1 },
    familyEveryWeeks: 0,
    plannedWeeks: 8,
    completionShift: -0.35,
    dropoutPower: 1.9,
    terminateWeight: 2,
    attendance: 0.8,
    stepDown: 0.45,
    fromHigher: 0.2,
    followupReach: 0.6,
    waitDays: 3,
    screensPerWeek: 1,
    groupSize: 14,
    costFactor: 0.8,
    court: 0.2,
    adolescent: 0.01,
    female: 0.33,
    opioids: 0.25,
    cooccurring: 0.4,
    homeless: 0.1,
    unstableHousing: 0.2,
    medicaid: 0.55,
    commercial: 0.22,
    mat: 0.4,
    missing: 2.5,
  },
  {
    id: 'valley',
    name: 'Valley Family Program',
    organization: null,
    region: null,
    iopShare: 0.06,
    opShare: 0.08,
    iopDays: [1, 3, 4],
    opDays: [2, 4, 6],
    groups: [
      {
        minutes: 150,
        services: { group_therapy: 1, skills_workshop: 2, psychoeducation: 1 },
        staff: { counselor: 2, social_worker: 1 },
      },
    ],
    individualPerWeek: 1,
    individualStaff: { social_worker: 2, counselor: 1 },
    familyEveryWeeks: 1,
    plannedWeeks: 8,
    completionShift: 0.2,
    dropoutPower: 1.5,
    terminateWeight: 0.5,
    attendance: 0.87,
    stepDown: 0.55,
    fromHigher: 0.08,
    followupReach: 0.8,
    waitDays: 7,
    screensPerWeek: 1,
    groupSize: 8,
    costFactor: 1.1,
    court: 0.12,
    adolescent: 0.4,
    female: 0.45,
    opioids: 0.08,
    cooccurring: 0.5,
    homeless: 0.03,
    unstableHousing: 0.15,
    medicaid: 0.45,
    commercial: 0.45,
    mat: 0.3,
    missing: 1.2,
  },
  {
    id: 'lakeshore',
    name: 'Lakeshore Court Diversion IOP',
    organization: 'Lakeshore County',
    region: 'IA',
    iopShare: 0.12,
    opShare: 0.08,
    iopDays: [1, 2, 3, 4],
    opDays: [1, 3, 5],
    groups: [
      { minutes: 90, services: processGroup, staff: { counselor: 1 } },
      {
        minutes: 90,
        services: { relapse_prevention: 3, psychoeducation: 2, skills_workshop: 1 },
        staff: { counselor: 2, social_worker: 1 },
      },
    ],
    individualPerWeek: 1,
    individualStaff: { counselor: 2, social_worker: 1 },
    familyEveryWeeks: 0,
    plannedWeeks: 12,
    completionShift: -0.1,
    dropoutPower: 1.4,
    terminateWeight: 2.5,
    attendance: 0.84,
    stepDown: 0.65,
    fromHigher: 0.15,
    followupReach: 0.65,
    waitDays: 12,
    screensPerWeek: 2,
    groupSize: 12,
    costFactor: 0.9,
    court: 0.6,
    adolescent: 0.03,
    female: 0.25,
    opioids: 0.22,
    cooccurring: 0.35,
    homeless: 0.12,
    unstableHousing: 0.25,
    medicaid: 0.62,
    commercial: 0.15,
    mat: 0.35,
    missing: 1,
  },
  {
    id: 'pinecrest',
    name: 'Pinecrest MAT IOP',
    organization: 'Pinecrest Health',
    region: 'MN',
    iopShare: 0.14,
    opShare: 0.14,
    iopDays: [1, 3, 5],
    opDays: [1, 3, 5],
    groups: [
      {
        minutes: 180,
        services: { group_therapy: 2, ...curriculum },
        staff: { counselor: 2, nurse: 1, peer_specialist: 1 },
      },
    ],
    individualPerWeek: 1,
    individualStaff: { counselor: 2, nurse: 1 },
    familyEveryWeeks: 0,
    plannedWeeks: 10,
    completionShift: 0.1,
    dropoutPower: 1.5,
    terminateWeight: 0.8,
    attendance: 0.85,
    stepDown: 0.7,
    fromHigher: 0.45,
    followupReach: 0.75,
    waitDays: 4,
    screensPerWeek: 2,
    groupSize: 10,
    costFactor: 1.15,
    court: 0.1,
    adolescent: 0.01,
    female: 0.42,
    opioids: 0.58,
    cooccurring: 0.5,
    homeless: 0.12,
    unstableHousing: 0.22,
    medicaid: 0.65,
    commercial: 0.2,
    mat: 0.85,
    missing: 0.7,
  },
  {
    id: 'meadowbrook',
    name: "Meadowbrook Women's IOP",
    organization: 'Summit Care',
    region: 'WI',
    iopShare: 0.1,
    opShare: 0.1,
    iopDays: [2, 3, 4],
    opDays: [2, 4, 5],
    groups: [
      { minutes: 90, services: processGroup, staff: { counselor: 2, psychologist: 1 } },
      {
        minutes: 90,
        services: { ...curriculum, holistic: 2 },
        staff: { counselor: 1, social_worker: 1, other: 1 },
      },
    ],
    individualPerWeek: 1,
    individualStaff: { social_worker: 2, psychologist: 1 },
    familyEveryWeeks: 2,
    plannedWeeks: 10,
    completionShift: 0.3,
    dropoutPower: 1.4,
    terminateWeight: 0.5,
    attendance: 0.87,
    stepDown: 0.6,
    fromHigher: 0.25,
    followupReach: 0.82,
    waitDays: 6,
    screensPerWeek: 1,
    groupSize: 9,
    costFactor: 1.0,
    court: 0.1,
    adolescent: 0.02,
    female: 0.92,
    opioids: 0.3,
    cooccurring: 0.7,
    homeless: 0.06,
    unstableHousing: 0.22,
    medicaid: 0.58,
    commercial: 0.28,
    mat: 0.6,
    missing: 1,
  },
];

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
