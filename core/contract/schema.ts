/**
 * Export contract v1 as data: tables, columns, types, codes and rules.
 * The validator, the generator, the importers and the docs all read this; nothing else
 * may restate a code list or a rule.
 */
import {
  ATTENDANCE,
  DISCHARGE_REASONS,
  FOLLOWUP_DAYS,
  FORMATS,
  HOUSING,
  LEVELS_OF_CARE,
  MAT_TYPES,
  PAYERS,
  REFERRAL_SOURCES,
  SCREEN_RESULTS,
  SERVICE_TYPES,
  SEXES,
  STAFF_ROLES,
  SUBSTANCES,
} from './codes';

export const CONTRACT_VERSION = '1';

/** Logical column types; the physical Parquet type must belong to the same family (see typeFamily). */
export type ColumnType = 'VARCHAR' | 'BIGINT' | 'SMALLINT' | 'DATE' | 'BOOLEAN' | 'DOUBLE' | 'DECIMAL(10,2)';

export interface ColumnSpec {
  name: string;
  type: ColumnType;
  /** false: not null (error-free rows need a value). */
  nullable: boolean;
  /** The column may be absent altogether. */
  optional?: boolean;
  codes?: readonly (string | number)[];
  range?: readonly [number, number];
  description: string;
}

export interface ForeignKey {
  column: string;
  references: { table: TableName; column: string };
}

export type TableName = 'programs' | 'episodes' | 'encounters' | 'cost_rates' | 'drug_screens' | 'followups';

export interface TableSpec {
  name: TableName;
  required: boolean;
  description: string;
  /** Unique (and not null) key; a duplicate makes the table unusable (error). */
  key: readonly string[];
  columns: readonly ColumnSpec[];
  foreignKeys: readonly ForeignKey[];
}

/**
 * Row rules that span columns or tables. Each becomes one warning: the rows that break it are
 * counted, shown with examples and left out of the measures.
 */
export type RowRule =
  | { id: string; table: TableName; kind: 'null_iff'; column: string; when: string; description: string }
  | { id: string; table: TableName; kind: 'date_order'; columns: readonly string[]; description: string }
  | { id: string; table: TableName; kind: 'within_episode'; column: string; description: string }
  | { id: string; table: TableName; kind: 'episode_discharged'; description: string }
  | { id: string; table: TableName; kind: 'only_when'; column: string; when: string; description: string };

const c = (
  name: string,
  type: ColumnType,
  nullable: boolean,
  description: string,
  extra: Partial<ColumnSpec> = {},
): ColumnSpec => ({ name, type, nullable, description, ...extra });

export const TABLES: readonly TableSpec[] = [
  {
    name: 'programs',
    required: true,
    description: 'One row per treatment program.',
    key: ['program_id'],
    foreignKeys: [],
    columns: [
      c('program_id', 'VARCHAR', false, 'Program identifier'),
      c('program_name', 'VARCHAR', false, 'Display name'),
      c('organization', 'VARCHAR', true, 'Owning organization'),
      c('region', 'VARCHAR', true, 'Region, e.g. a US state code'),
    ],
  },
  {
    name: 'episodes',
    required: true,
    description: 'One row per treatment episode at one level of care.',
    key: ['episode_id'],
    foreignKeys: [{ column: 'program_id', references: { table: 'programs', column: 'program_id' } }],
    columns: [
      c('episode_id', 'BIGINT', false, 'Episode pseudonym'),
      c('client_id', 'BIGINT', false, "Client pseudonym; the same person's episodes share it"),
      c('program_id', 'VARCHAR', false, 'Program; must exist in programs'),
      c('level_of_care', 'VARCHAR', false, 'ASAM level of care', { codes: LEVELS_OF_CARE }),
      c('referral_date', 'DATE', true, 'First contact or referral for this episode'),
      c('admit_date', 'DATE', false, 'Admission date'),
      c('discharge_date', 'DATE', true, 'Null while open at the extract date'),
      c('discharge_reason', 'VARCHAR', true, 'Null exactly when discharge_date is null', {
        codes: DISCHARGE_REASONS,
      }),
      c('age_at_admit', 'SMALLINT', false, 'Age at admission; 90 means 90 or older', { range: [12, 90] }),
      c('sex', 'VARCHAR', false, 'Sex', { codes: SEXES }),
      c('race_ethnicity', 'VARCHAR', true, 'Free categorical'),
      c('primary_substance', 'VARCHAR', false, 'Primary substance', { codes: SUBSTANCES }),
      c('co_occurring_mh', 'BOOLEAN', true, 'Co-occurring mental health diagnosis'),
      c('prior_episodes', 'SMALLINT', true, 'Earlier treatment episodes', { range: [0, 32767] }),
      c('referral_source', 'VARCHAR', true, 'Referral source', { codes: REFERRAL_SOURCES }),
      c('payer', 'VARCHAR', true, 'Payer', { codes: PAYERS }),
      c('housing', 'VARCHAR', true, 'Housing', { codes: HOUSING }),
      c('employed', 'BOOLEAN', true, 'Employed at admission'),
      c('mat', 'VARCHAR', true, 'Medication for addiction treatment; null = none', { codes: MAT_TYPES }),
      c('use_days_admit', 'SMALLINT', true, 'Use days in the 30 days before admission', { range: [0, 30] }),
      c('use_days_discharge', 'SMALLINT', true, 'Use days in the 30 days before discharge', {
        range: [0, 30],
      }),
    ],
  },
  {
    name: 'encounters',
    required: false,
    description: 'One row per scheduled service for one client.',
    key: ['encounter_id'],
    foreignKeys: [{ column: 'episode_id', references: { table: 'episodes', column: 'episode_id' } }],
    columns: [
      c('encounter_id', 'BIGINT', false, 'Encounter pseudonym'),
      c('episode_id', 'BIGINT', false, 'Episode; must exist in episodes'),
      c('service_date', 'DATE', false, 'Service date'),
      c('service_type', 'VARCHAR', false, 'Service type', { codes: SERVICE_TYPES }),
      c('format', 'VARCHAR', false, 'Format', { codes: FORMATS }),
      c('group_session_id', 'BIGINT', true, 'Shared by every client row of one group meeting'),
      c('staff_role', 'VARCHAR', false, 'Staff role', { codes: STAFF_ROLES }),
      c('minutes', 'SMALLINT', false, 'Scheduled length', { range: [1, 600] }),
      c('attendance', 'VARCHAR', false, 'Attendance', { codes: ATTENDANCE }),
      c('paid_amount', 'DECIMAL(10,2)', true, 'What the payer paid', { optional: true }),
    ],
  },
  {
    name: 'cost_rates',
    required: false,
    description: "The program's fully loaded staff cost.",
    key: ['program_id', 'staff_role'],
    foreignKeys: [{ column: 'program_id', references: { table: 'programs', column: 'program_id' } }],
    columns: [
      c('program_id', 'VARCHAR', false, 'Program'),
      c('staff_role', 'VARCHAR', false, 'Staff role', { codes: STAFF_ROLES }),
      c('hourly_cost', 'DOUBLE', false, 'Hourly cost, > 0', { range: [Number.MIN_VALUE, Number.MAX_VALUE] }),
    ],
  },
  {
    name: 'drug_screens',
    required: false,
    description: 'Urine or oral-fluid drug screens.',
    key: ['screen_id'],
    foreignKeys: [{ column: 'episode_id', references: { table: 'episodes', column: 'episode_id' } }],
    columns: [
      c('screen_id', 'BIGINT', false, 'Screen pseudonym'),
      c('episode_id', 'BIGINT', false, 'Episode'),
      c('collected_date', 'DATE', false, 'Collection date (for missed: the scheduled date)'),
      c('result', 'VARCHAR', false, 'Result', { codes: SCREEN_RESULTS }),
      c('substances', 'VARCHAR', true, 'Comma-separated non-prescribed substances detected'),
    ],
  },
  {
    name: 'followups',
    required: false,
    description: 'Post-discharge contacts.',
    key: ['episode_id', 'target_day'],
    foreignKeys: [{ column: 'episode_id', references: { table: 'episodes', column: 'episode_id' } }],
    columns: [
      c('episode_id', 'BIGINT', false, 'Episode; must be discharged'),
      c('target_day', 'SMALLINT', false, 'Days after discharge the contact was due', { codes: FOLLOWUP_DAYS }),
      c('reached', 'BOOLEAN', false, 'Whether the contact was made'),
      c('contact_date', 'DATE', true, 'Null when not reached'),
      c('use_days_past30', 'SMALLINT', true, 'Use days in the past 30, only when reached', { range: [0, 30] }),
    ],
  },
];

export const ROW_RULES: readonly RowRule[] = [
  {
    id: 'episodes.discharge_reason_iff_date',
    table: 'episodes',
    kind: 'null_iff',
    column: 'discharge_reason',
    when: 'discharge_date IS NULL',
    description: 'discharge_reason is null exactly when discharge_date is null',
  },
  {
    id: 'episodes.date_order',
    table: 'episodes',
    kind: 'date_order',
    columns: ['referral_date', 'admit_date', 'discharge_date', '$extract_date'],
    description: 'referral_date ≤ admit_date ≤ discharge_date ≤ extract date',
  },
  {
    id: 'encounters.group_session_iff_group',
    table: 'encounters',
    kind: 'null_iff',
    column: 'group_session_id',
    when: "format <> 'group'",
    description: "group_session_id is not null exactly when format = 'group'",
  },
  {
    id: 'encounters.within_episode',
    table: 'encounters',
    kind: 'within_episode',
    column: 'service_date',
    description: "service_date within the episode's admit and discharge (or extract) dates",
  },
  {
    id: 'drug_screens.within_episode',
    table: 'drug_screens',
    kind: 'within_episode',
    column: 'collected_date',
    description: "collected_date within the episode's admit and discharge (or extract) dates",
  },
  {
    id: 'followups.episode_discharged',
    table: 'followups',
    kind: 'episode_discharged',
    description: 'the episode of a follow-up is discharged',
  },
  {
    id: 'followups.contact_date_when_reached',
    table: 'followups',
    kind: 'only_when',
    column: 'contact_date',
    when: 'reached',
    description: 'contact_date is null when not reached',
  },
  {
    id: 'followups.use_days_when_reached',
    table: 'followups',
    kind: 'only_when',
    column: 'use_days_past30',
    when: 'reached',
    description: 'use_days_past30 is given only when reached',
  },
];

export const tableSpec = (name: TableName): TableSpec => {
  const t = TABLES.find((x) => x.name === name);
  if (!t) throw new Error(`unknown table ${name}`);
  return t;
};

export const TABLE_NAMES: readonly TableName[] = TABLES.map((t) => t.name);

export interface Manifest {
  contract_version?: string;
  extract_date?: string;
  source?: string;
  deidentification?: string;
  [extra: string]: unknown;
}
