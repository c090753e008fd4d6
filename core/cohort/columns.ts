import { COVARIATES, FILTER_COLUMN_NAMES as NAMES } from '../catalogue/covariates';
import type { FilterColumn } from './types';

/**
 * The cohort filter columns of ep_summary: their SQL type, their codes in display order and the
 * label of null (for `mat`, null means no MAT). Read from the catalogue's covariates.
 */
export interface FilterColumnSpec {
  type: 'VARCHAR' | 'BOOLEAN';
  codes: readonly (string | boolean)[];
  nullable: boolean;
  nullLabel: string;
}

export const FILTER_COLUMN_NAMES: readonly FilterColumn[] = NAMES;

export const FILTER_COLUMNS: Readonly<Record<FilterColumn, FilterColumnSpec>> = Object.fromEntries(
  NAMES.map((c): [FilterColumn, FilterColumnSpec] => {
    const { type, codes, nullable, nullLabel } = COVARIATES[c];
    return [c, { type, codes, nullable, nullLabel }];
  }),
) as Record<FilterColumn, FilterColumnSpec>;

export const isFilterColumn = (name: string): name is FilterColumn => Object.hasOwn(FILTER_COLUMNS, name);
