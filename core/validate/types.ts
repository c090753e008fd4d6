import type { TableName } from '../contract/schema';

export type Severity = 'error' | 'warning';

/** One broken rule. Errors make a table unusable; warnings count the rows left out of the clean table. */
export interface Finding {
  /** Stable id, e.g. 'episodes.level_of_care.code', 'encounters.within_episode', 'programs.missing'. */
  rule: string;
  severity: Severity;
  /** A contract table, or 'manifest'. */
  table: TableName | 'manifest';
  column?: string;
  message: string;
  /** Rows (or key values, for duplicate keys) that break the rule; 1 for a table-level finding. */
  count: number;
  /** Up to 5 example keys, smallest first. */
  examples: string[];
}

export interface TableReport {
  name: TableName;
  present: boolean;
  usable: boolean;
  /** Rows in the exported file. */
  rows: number;
  /** Rows left out of the clean table (all of them when the table is unusable). */
  excluded: number;
}

export interface ValidationReport {
  /** programs and episodes are present and usable, and every file could be read. */
  usable: boolean;
  errors: Finding[];
  warnings: Finding[];
  tables: TableReport[];
  ignoredFiles: string[];
}
