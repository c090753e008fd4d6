import {
  AGE_BANDS,
  HOUSING,
  MAT_TYPES,
  PAYERS,
  REFERRAL_SOURCES,
  SEXES,
  SUBSTANCES,
} from '../contract/codes';
import type { FilterColumn } from './types';

/**
 * The cohort filter columns of ep_summary: their SQL type, their codes in display order and the
 * label of null (for `mat`, null means no MAT).
 */
export interface FilterColumnSpec {
  type: 'VARCHAR' | 'BOOLEAN';
  codes: readonly (string | boolean)[];
  nullable: boolean;
  nullLabel: string;
}

export const FILTER_COLUMNS: Readonly<Record<FilterColumn, FilterColumnSpec>> = {
  sex: { type: 'VARCHAR', codes: SEXES, nullable: false, nullLabel: 'unknown' },
  age_band: { type: 'VARCHAR', codes: AGE_BANDS.map((b) => b.label), nullable: false, nullLabel: 'unknown' },
  primary_substance: { type: 'VARCHAR', codes: SUBSTANCES, nullable: false, nullLabel: 'unknown' },
  co_occurring_mh: { type: 'BOOLEAN', codes: [true, false], nullable: true, nullLabel: 'unknown' },
  mat: { type: 'VARCHAR', codes: MAT_TYPES, nullable: true, nullLabel: 'none' },
  payer: { type: 'VARCHAR', codes: PAYERS, nullable: true, nullLabel: 'unknown' },
  referral_source: { type: 'VARCHAR', codes: REFERRAL_SOURCES, nullable: true, nullLabel: 'unknown' },
  housing: { type: 'VARCHAR', codes: HOUSING, nullable: true, nullLabel: 'unknown' },
};

export const FILTER_COLUMN_NAMES = Object.keys(FILTER_COLUMNS) as FilterColumn[];

export const isFilterColumn = (name: string): name is FilterColumn => Object.hasOwn(FILTER_COLUMNS, name);
