/** Every code list of export contract v1, defined once. */

export const LEVELS_OF_CARE = ['detox', 'residential', 'php', 'iop', 'op'] as const;
export type LevelOfCare = (typeof LEVELS_OF_CARE)[number];

/** Higher number = more intensive. detox and residential share the top rank (measures.md "Level order"). */
export const LEVEL_RANK: Record<LevelOfCare, number> = { detox: 4, residential: 4, php: 3, iop: 2, op: 1 };

export const DISCHARGE_REASONS = [
  'completed',
  'transferred',
  'dropped_out',
  'terminated',
  'incarcerated',
  'died',
  'other',
] as const;
export type DischargeReason = (typeof DISCHARGE_REASONS)[number];
export const PREMATURE_REASONS: readonly DischargeReason[] = ['dropped_out', 'terminated'];
export const NEUTRAL_REASONS: readonly DischargeReason[] = ['incarcerated', 'died', 'other'];

export const SEXES = ['female', 'male', 'other', 'unknown'] as const;
export const SUBSTANCES = ['alcohol', 'opioids', 'stimulants', 'cannabis', 'sedatives', 'other'] as const;
export const REFERRAL_SOURCES = ['self', 'court', 'provider', 'employer', 'family', 'school', 'other'] as const;
export const PAYERS = ['medicaid', 'medicare', 'commercial', 'self_pay', 'other'] as const;
export const HOUSING = ['stable', 'unstable', 'homeless'] as const;
export const MAT_TYPES = ['buprenorphine', 'methadone', 'naltrexone', 'other'] as const;

export const SERVICE_TYPES = [
  'group_therapy',
  'individual_therapy',
  'family_therapy',
  'psychoeducation',
  'skills_workshop',
  'relapse_prevention',
  'medication_management',
  'case_management',
  'holistic',
  'peer_support',
  'assessment',
  'other',
] as const;
export const FORMATS = ['group', 'individual', 'family'] as const;
export type Format = (typeof FORMATS)[number];
export const STAFF_ROLES = [
  'counselor',
  'social_worker',
  'psychologist',
  'psychiatrist',
  'nurse',
  'peer_specialist',
  'technician',
  'other',
] as const;
export const ATTENDANCE = ['attended', 'no_show', 'cancelled', 'late_cancel'] as const;
export const SCREEN_RESULTS = ['negative', 'positive', 'dilute', 'refused', 'missed'] as const;
export const FOLLOWUP_DAYS = [30, 90, 180] as const;

/** Age bands of measures.md, lower bound inclusive; the last is open. */
export const AGE_BANDS = [
  { label: '12-17', min: 12, max: 17 },
  { label: '18-25', min: 18, max: 25 },
  { label: '26-34', min: 26, max: 34 },
  { label: '35-44', min: 35, max: 44 },
  { label: '45-54', min: 45, max: 54 },
  { label: '55+', min: 55, max: 200 },
] as const;
