import {
  AGE_BANDS,
  HOUSING,
  MAT_TYPES,
  PAYERS,
  REFERRAL_SOURCES,
  SEXES,
  SUBSTANCES,
} from '../contract/codes';

/**
 * Every covariate of ep_summary, described once: its label, its codes in display order, what
 * its null means, and how the cohort filter, the study's Table 1 and the risk model code it.
 */
export interface Covariate {
  column: string;
  /** The filter's and the comparison's label. */
  label: string;
  /** The study's Table 1 label. */
  tableLabel: string;
  type: 'VARCHAR' | 'BOOLEAN' | 'INTEGER';
  codes: readonly (string | boolean)[];
  nullable: boolean;
  /** The code that stands for null (for `mat`, null means no MAT). */
  nullLabel: string;
  /** Table 1's level of an episode (SQL over ep_summary e) and its levels in order. */
  table?: { expr: string; codes?: readonly string[] };
  /** The risk model's factor (measures.md §10) and its level (SQL over ep_summary s). */
  risk?: { factor: string; expr: string };
}

const yesNo = (col: string) => `CASE WHEN e.${col} THEN 'yes' WHEN NOT e.${col} THEN 'no' END`;
const orUnknown = (col: string) => `coalesce(s.${col}, 'unknown')`;
const AGE_BAND_CODES = AGE_BANDS.map((b) => b.label);

export const COVARIATES = {
  age_band: {
    column: 'age_band',
    label: 'Age band',
    tableLabel: 'Age band',
    type: 'VARCHAR',
    codes: AGE_BAND_CODES,
    nullable: false,
    nullLabel: 'unknown',
    table: { expr: 'e.age_band', codes: AGE_BAND_CODES },
    risk: { factor: 'band', expr: 's.age_band' },
  },
  sex: {
    column: 'sex',
    label: 'Sex',
    tableLabel: 'Sex',
    type: 'VARCHAR',
    codes: SEXES,
    nullable: false,
    nullLabel: 'unknown',
    table: { expr: 'e.sex', codes: SEXES },
    risk: { factor: 'sex', expr: 's.sex' },
  },
  race_ethnicity: {
    column: 'race_ethnicity',
    label: 'Race / ethnicity',
    tableLabel: 'Race / ethnicity',
    type: 'VARCHAR',
    codes: [],
    nullable: true,
    nullLabel: 'unknown',
    table: { expr: 'e.race_ethnicity' },
  },
  primary_substance: {
    column: 'primary_substance',
    label: 'Primary substance',
    tableLabel: 'Primary substance',
    type: 'VARCHAR',
    codes: SUBSTANCES,
    nullable: false,
    nullLabel: 'unknown',
    table: { expr: 'e.primary_substance', codes: SUBSTANCES },
    risk: { factor: 'subst', expr: 's.primary_substance' },
  },
  co_occurring_mh: {
    column: 'co_occurring_mh',
    label: 'Co-occurring mental health',
    tableLabel: 'Co-occurring mental health diagnosis',
    type: 'BOOLEAN',
    codes: [true, false],
    nullable: true,
    nullLabel: 'unknown',
    table: { expr: yesNo('co_occurring_mh'), codes: ['yes', 'no'] },
    risk: {
      factor: 'cooc',
      expr: "CASE WHEN s.co_occurring_mh IS NULL THEN 'unknown' WHEN s.co_occurring_mh THEN 'TRUE' ELSE 'FALSE' END",
    },
  },
  prior_episodes: {
    column: 'prior_episodes',
    label: 'Prior treatment episodes',
    tableLabel: 'Prior treatment episodes',
    type: 'INTEGER',
    codes: [],
    nullable: true,
    nullLabel: 'unknown',
    table: {
      expr: "CASE WHEN e.prior_episodes >= 2 THEN '2+' ELSE e.prior_episodes::VARCHAR END",
      codes: ['0', '1', '2+'],
    },
    risk: {
      factor: 'prior',
      expr: `CASE WHEN s.prior_episodes IS NULL THEN 'unknown' WHEN s.prior_episodes = 0 THEN '0'
    WHEN s.prior_episodes = 1 THEN '1' ELSE '2+' END`,
    },
  },
  referral_source: {
    column: 'referral_source',
    label: 'Referral source',
    tableLabel: 'Referral source',
    type: 'VARCHAR',
    codes: REFERRAL_SOURCES,
    nullable: true,
    nullLabel: 'unknown',
    table: { expr: 'e.referral_source', codes: REFERRAL_SOURCES },
    risk: { factor: 'court', expr: "CASE WHEN s.referral_source = 'court' THEN 'TRUE' ELSE 'FALSE' END" },
  },
  payer: {
    column: 'payer',
    label: 'Payer',
    tableLabel: 'Payer',
    type: 'VARCHAR',
    codes: PAYERS,
    nullable: true,
    nullLabel: 'unknown',
    table: { expr: 'e.payer', codes: PAYERS },
    risk: { factor: 'payer', expr: orUnknown('payer') },
  },
  housing: {
    column: 'housing',
    label: 'Housing',
    tableLabel: 'Housing',
    type: 'VARCHAR',
    codes: HOUSING,
    nullable: true,
    nullLabel: 'unknown',
    table: { expr: 'e.housing', codes: HOUSING },
    risk: { factor: 'housing', expr: orUnknown('housing') },
  },
  employed: {
    column: 'employed',
    label: 'Employed at admission',
    tableLabel: 'Employed at admission',
    type: 'BOOLEAN',
    codes: [true, false],
    nullable: true,
    nullLabel: 'unknown',
    table: { expr: yesNo('employed'), codes: ['yes', 'no'] },
  },
  mat: {
    column: 'mat',
    label: 'Medication (MAT)',
    tableLabel: 'Medication for addiction treatment',
    type: 'VARCHAR',
    codes: MAT_TYPES,
    nullable: true,
    nullLabel: 'none',
    table: { expr: "coalesce(e.mat, 'none')", codes: ['none', ...MAT_TYPES] },
  },
} as const satisfies Record<string, Covariate>;

export type CovariateName = keyof typeof COVARIATES;

/** The cohort filters, in the filter panel's order. */
export const FILTER_COLUMN_NAMES = [
  'sex',
  'age_band',
  'primary_substance',
  'co_occurring_mh',
  'mat',
  'payer',
  'referral_source',
  'housing',
] as const satisfies readonly CovariateName[];

/** Table 1's categorical rows, in the study's order. */
export const TABLE_ONE_COVARIATES = [
  'age_band',
  'sex',
  'race_ethnicity',
  'primary_substance',
  'co_occurring_mh',
  'prior_episodes',
  'referral_source',
  'payer',
  'housing',
  'employed',
  'mat',
] as const satisfies readonly CovariateName[];

/** The risk model's factors, in the order of its design matrix. */
export const RISK_COVARIATES = [
  'age_band',
  'sex',
  'primary_substance',
  'co_occurring_mh',
  'prior_episodes',
  'referral_source',
  'housing',
  'payer',
] as const satisfies readonly CovariateName[];
