/**
 * TEDS-D numeric codes (SAMHSA public-use file, 2019 codebook) mapped to contract codes. Every target
 * is typed against core/contract/codes.ts. Codes not listed here (and -9) become null and are counted.
 */
import type {
  DischargeReason,
  HOUSING,
  LevelOfCare,
  MAT_TYPES,
  PAYERS,
  REFERRAL_SOURCES,
  SEXES,
  SUBSTANCES,
} from '../../../core';

type Code<T extends readonly string[]> = T[number];

/** SERVICES_D (SERVSETD before 2015). TEDS has no partial-hospitalisation setting: 6 includes it. */
export const LEVEL_BY_SERVICE: Record<number, LevelOfCare> = {
  1: 'detox', // detox, 24-hour, hospital inpatient
  2: 'detox', // detox, 24-hour, free-standing residential
  8: 'detox', // ambulatory detoxification
  3: 'residential', // rehab/residential, hospital (non-detox)
  4: 'residential', // rehab/residential, short term (30 days or fewer)
  5: 'residential', // rehab/residential, long term
  6: 'iop', // ambulatory, intensive outpatient
  7: 'op', // ambulatory, non-intensive outpatient
};

export const REASON_BY_CODE: Record<number, DischargeReason> = {
  1: 'completed',
  2: 'dropped_out',
  3: 'terminated',
  4: 'transferred',
  5: 'incarcerated',
  6: 'died',
  7: 'other',
};

/**
 * Settings where TEDS counts both the admission and the discharge day in LOS (SAMHSA, TEDS-D report
 * data definitions: "both the day of admission and the day of discharge were counted as full days for
 * all outpatient service types"; 24-hour settings count a stay under one day as one day). For these,
 * discharge − admission = LOS − 1.
 */
export const AMBULATORY_SERVICES = [6, 7, 8];

/** Codes for intervals of whole numbers: [from, to], `to` null for the open top interval. */
type Intervals = Record<number, readonly [number, number | null]>;

/** Each interval code → its midpoint rounded down; the open one → `open(from)`. */
const midpoints = (intervals: Intervals, open: (from: number) => number): Record<number, number> =>
  Object.fromEntries(
    Object.entries(intervals).map(([code, [from, to]]) => [
      code,
      to === null ? open(from) : Math.floor((from + to) / 2),
    ]),
  );

/** LOS codes 31–37: intervals of days (1–30 are the days themselves). */
const LOS_INTERVAL_DAYS: Intervals = {
  31: [31, 45],
  32: [46, 60],
  33: [61, 90],
  34: [91, 120],
  35: [121, 180],
  36: [181, 365],
  37: [366, null],
};

/**
 * LOS code → days of stay as TEDS counts them. 1–30 are days; 31–36 are intervals, represented by
 * their midpoint rounded down; 37 (more than a year) is open, represented by its lower bound 366.
 */
export const LOS_DAYS: Record<number, number> = {
  ...Object.fromEntries(Array.from({ length: 30 }, (_, i) => [i + 1, i + 1])),
  ...midpoints(LOS_INTERVAL_DAYS, (from) => from),
};
export const LOS_INTERVALS: Record<number, string> = Object.fromEntries(
  Object.entries(LOS_INTERVAL_DAYS).map(([code, [from, to]]) => [
    code,
    to === null ? `more than ${from - 1}` : `${from}–${to}`,
  ]),
);

/** AGE group → representative age: the midpoint rounded down; 65+ → 70. */
export const AGE_BY_GROUP: Record<number, number> = midpoints(
  {
    1: [12, 14],
    2: [15, 17],
    3: [18, 20],
    4: [21, 24],
    5: [25, 29],
    6: [30, 34],
    7: [35, 39],
    8: [40, 44],
    9: [45, 49],
    10: [50, 54],
    11: [55, 64],
    12: [65, null],
  },
  () => 70,
);

export const SEX_BY_GENDER: Record<number, Code<typeof SEXES>> = { 1: 'male', 2: 'female' };

/** ETHNIC 1, 2, 3, 5 = Hispanic or Latino (any race). */
export const HISPANIC_ETHNIC = [1, 2, 3, 5];
export const RACE_BY_CODE: Record<number, string> = {
  1: 'native', // Alaska Native
  2: 'native', // American Indian
  3: 'asian', // Asian or Pacific Islander
  4: 'black',
  5: 'white',
  6: 'asian',
  7: 'other',
  8: 'multiracial',
  9: 'pacific_islander',
};

export const SUBSTANCE_BY_SUB1: Record<number, Code<typeof SUBSTANCES>> = {
  1: 'other', // none
  2: 'alcohol',
  3: 'stimulants', // cocaine/crack
  4: 'cannabis',
  5: 'opioids', // heroin
  6: 'opioids', // non-prescription methadone
  7: 'opioids', // other opiates and synthetics
  8: 'other', // PCP
  9: 'other', // hallucinogens
  10: 'stimulants', // methamphetamine
  11: 'stimulants', // other amphetamines
  12: 'stimulants',
  13: 'sedatives', // benzodiazepines
  14: 'sedatives', // other tranquilizers
  15: 'sedatives', // barbiturates
  16: 'sedatives', // other sedatives or hypnotics
  17: 'other', // inhalants
  18: 'other', // over-the-counter
  19: 'other',
};

export const REFERRAL_BY_PSOURCE: Record<number, Code<typeof REFERRAL_SOURCES>> = {
  1: 'self', // individual, includes self-referral
  2: 'provider', // alcohol/drug use care provider
  3: 'provider', // other health care provider
  4: 'school',
  5: 'employer',
  6: 'other', // other community referral
  7: 'court',
};

export const PAYER_BY_PRIMPAY: Record<number, Code<typeof PAYERS>> = {
  1: 'self_pay',
  2: 'commercial',
  3: 'medicare',
  4: 'medicaid',
  5: 'other', // other government
  6: 'other', // no charge
  7: 'other',
};

/** LIVARAG: dependent living (supervised setting, or a minor living with parents) counts as stable. */
export const HOUSING_BY_LIVARAG: Record<number, Code<typeof HOUSING>> = {
  1: 'homeless',
  2: 'stable',
  3: 'stable',
};

export const EMPLOYED_BY_EMPLOY: Record<number, boolean> = { 1: true, 2: true, 3: false, 4: false };
export const MH_BY_PSYPROB: Record<number, boolean> = { 1: true, 2: false };

/** METHUSE 1: medication-assisted opioid therapy planned, drug not named → 'other'; 2 → null (no MAT). */
export const MAT_BY_METHUSE: Record<number, Code<typeof MAT_TYPES> | null> = { 1: 'other', 2: null };

/** FREQ1 / FREQ1_D → use days in the past 30: none 0, some use 15 (midpoint of 1–29), daily 30. */
export const USE_DAYS_BY_FREQ: Record<number, number> = { 1: 0, 2: 15, 3: 30 };

/** NOPRIOR: 2015+ is 0 / 1 (= one or more → 1, a lower bound); before 2015 it counted 0–5 (5 = five or more). */
export const PRIOR_BY_NOPRIOR: Record<number, number> = { 0: 0, 1: 1, 2: 2, 3: 3, 4: 4, 5: 5 };

/** DAYWAIT → days from first contact to admission: 0, 1–7 → 4, 8–14 → 11, 15–30 → 22, 31+ → 31. */
export const WAIT_DAYS_BY_DAYWAIT: Record<number, number> = { 0: 0, 1: 4, 2: 11, 3: 22, 4: 31 };

/** TEDS's missing code. */
export const MISSING = -9;
