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
  table: { expr: string; codes?: readonly string[] };
  /** The risk model's factor (measures.md §10) and its level (SQL over ep_summary s). */
  risk?: { factor: string; expr: string };
}

const yesNo = (col: string) => `CASE WHEN e.${col} THEN 'yes' WHEN NOT e.${col} THEN 'no' END`;
const orUnknown = (col: string) => `coalesce(s.${col}, 'unknown')`;
const AGE_BAND_CODES = AGE_BANDS.map((b) => b.label);
const YES_NO = { codes: [true, false], type: 'BOOLEAN' } as const;

type Overrides = Partial<Omit<Covariate, 'column' | 'label' | 'codes'>>;

/**
 * A covariate as most are: a nullable VARCHAR whose null is 'unknown', labelled alike in the
 * filter and Table 1, where Table 1 shows the column's own codes; `more` says where it differs.
 */
function covariate<const M extends Overrides>(
  column: string,
  label: string,
  codes: readonly (string | boolean)[],
  more: M,
): Covariate & M & (M extends { type: unknown } ? unknown : { type: 'VARCHAR' }) {
  const ownCodes = codes.length > 0 ? { codes: codes as readonly string[] } : {};
  return {
    column,
    label,
    tableLabel: label,
    type: 'VARCHAR',
    codes,
    nullable: true,
    nullLabel: 'unknown',
    table: { expr: `e.${column}`, ...ownCodes },
    ...more,
  };
}

const NOT_NULL = { nullable: false } as const;

export const COVARIATES = {
  age_band: covariate('age_band', 'Age band', AGE_BAND_CODES, {
    ...NOT_NULL,
    risk: { factor: 'band', expr: 's.age_band' },
  }),
  sex: covariate('sex', 'Sex', SEXES, { ...NOT_NULL, risk: { factor: 'sex', expr: 's.sex' } }),
  race_ethnicity: covariate('race_ethnicity', 'Race / ethnicity', [], {}),
  primary_substance: covariate('primary_substance', 'Primary substance', SUBSTANCES, {
    ...NOT_NULL,
    risk: { factor: 'subst', expr: 's.primary_substance' },
  }),
  co_occurring_mh: covariate('co_occurring_mh', 'Co-occurring mental health', YES_NO.codes, {
    type: YES_NO.type,
    tableLabel: 'Co-occurring mental health diagnosis',
    table: { expr: yesNo('co_occurring_mh'), codes: ['yes', 'no'] },
    risk: {
      factor: 'cooc',
      expr: "CASE WHEN s.co_occurring_mh IS NULL THEN 'unknown' WHEN s.co_occurring_mh THEN 'TRUE' ELSE 'FALSE' END",
    },
  }),
  prior_episodes: covariate('prior_episodes', 'Prior treatment episodes', [], {
    type: 'INTEGER',
    table: {
      expr: "CASE WHEN e.prior_episodes >= 2 THEN '2+' ELSE e.prior_episodes::VARCHAR END",
      codes: ['0', '1', '2+'],
    },
    risk: {
      factor: 'prior',
      expr: `CASE WHEN s.prior_episodes IS NULL THEN 'unknown' WHEN s.prior_episodes = 0 THEN '0'
    WHEN s.prior_episodes = 1 THEN '1' ELSE '2+' END`,
    },
  }),
  referral_source: covariate('referral_source', 'Referral source', REFERRAL_SOURCES, {
    risk: { factor: 'court', expr: "CASE WHEN s.referral_source = 'court' THEN 'TRUE' ELSE 'FALSE' END" },
  }),
  payer: covariate('payer', 'Payer', PAYERS, { risk: { factor: 'payer', expr: orUnknown('payer') } }),
  housing: covariate('housing', 'Housing', HOUSING, {
    risk: { factor: 'housing', expr: orUnknown('housing') },
  }),
  employed: covariate('employed', 'Employed at admission', YES_NO.codes, {
    type: YES_NO.type,
    table: { expr: yesNo('employed'), codes: ['yes', 'no'] },
  }),
  mat: covariate('mat', 'Medication (MAT)', MAT_TYPES, {
    tableLabel: 'Medication for addiction treatment',
    nullLabel: 'none',
    table: { expr: "coalesce(e.mat, 'none')", codes: ['none', ...MAT_TYPES] },
  }),
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
