/**
 * CTN-0094 values mapped to contract codes. Every target value is typed against the contract's
 * code lists (core/contract/codes.ts), so a code that is not in the contract does not compile.
 */
import type { Format, HOUSING, MAT_TYPES, SERVICE_TYPES, SEXES, STAFF_ROLES } from '../../../core';

type Mat = (typeof MAT_TYPES)[number];

export interface Arm {
  /** `treatment` in randomization.csv and meta_study_length.csv. */
  treatment: string;
  mat: Mat;
  /** Days one dose covers: 1 for daily methadone/buprenorphine, 28 for monthly XR-naltrexone injections. */
  coverageDays: number;
}

export const ARMS: readonly Arm[] = [
  { treatment: 'Methadone', mat: 'methadone', coverageDays: 1 },
  { treatment: 'Outpatient BUP', mat: 'buprenorphine', coverageDays: 1 },
  { treatment: 'Outpatient BUP + EMM', mat: 'buprenorphine', coverageDays: 1 },
  { treatment: 'Outpatient BUP + SMM', mat: 'buprenorphine', coverageDays: 1 },
  { treatment: 'Inpatient BUP', mat: 'buprenorphine', coverageDays: 1 },
  { treatment: 'Inpatient NR-NTX', mat: 'naltrexone', coverageDays: 28 },
];

/** uds.csv / tlfb.csv substance that is the participant's own study medication, by MAT (naltrexone is not on the panel). */
export const OWN_MEDICATION: Partial<Record<Mat, string>> = {
  methadone: 'Methadone',
  buprenorphine: 'Buprenorphine',
};

/** tlfb.csv substances that count as opioid (the primary substance) use days. */
export const TLFB_OPIOIDS = ['Heroin', 'Opioid', 'Methadone', 'Buprenorphine'] as const;

export const SEX_BY_IS_MALE: Record<string, (typeof SEXES)[number]> = { Yes: 'male', No: 'female' };

export const HOUSING_BY_IS_LIVING_STABLE: Record<string, (typeof HOUSING)[number]> = {
  Yes: 'stable',
  No: 'unstable',
};

/** demographics.csv `job` → employed; 'Other' and empty stay unknown. */
export const EMPLOYED_BY_JOB: Record<string, boolean> = {
  'Full Time': true,
  'Part Time': true,
  Unemployed: false,
  Student: false,
};

/** race_ethnicity (free categorical, lower case as in the golden export); Hispanic of any race = 'hispanic'. */
export const RACE_BY_RACE: Record<string, string> = { White: 'white', Black: 'black', Other: 'other' };

/** meta_study_length stages whose description starts with this are not medication time. */
export const FOLLOW_UP_STAGE_PREFIX = 'Post-medication';

/** Study day 0 of every participant becomes this calendar date; the dates are not real. */
export const ANCHOR_DATE = '2000-01-01';

/** Doses later than the planned end plus this many days are out of range (isolated doses months later). */
export const DOSE_GRACE_DAYS = 84;

/** Nominal attributes of one study visit exported as an encounter. */
export const VISIT_ENCOUNTER: {
  service_type: (typeof SERVICE_TYPES)[number];
  format: Format;
  staff_role: (typeof STAFF_ROLES)[number];
  minutes: number;
} = { service_type: 'medication_management', format: 'individual', staff_role: 'nurse', minutes: 30 };
