import type { FilterColumn } from '../../../core/cohort/types';
import { FILTER_COLUMNS } from '../../../core/cohort/columns';
import type { Unit } from './measure-format';

export const FILTER_LABELS: Record<FilterColumn, string> = {
  sex: 'Sex',
  age_band: 'Age band',
  primary_substance: 'Primary substance',
  co_occurring_mh: 'Co-occurring mental health',
  mat: 'Medication (MAT)',
  payer: 'Payer',
  referral_source: 'Referral source',
  housing: 'Housing',
};

/** Short enough for the level picker; the ASAM level in brackets. */
export const LEVEL_LABELS: Record<string, string> = {
  detox: 'Detox',
  residential: 'Residential (3.x)',
  php: 'PHP (2.5)',
  iop: 'IOP (2.1)',
  op: 'Outpatient (1)',
};

const SPECIAL: Record<string, string> = {
  self_pay: 'Self-pay',
  dropped_out: 'Dropped out',
  step_down: 'Step-down',
  step_up: 'Step-up',
  none: 'None',
};

/** "self_pay" → "Self-pay", "dropped_out" → "Dropped out". */
export function humanize(code: string): string {
  if (SPECIAL[code]) return SPECIAL[code];
  const s = code.replaceAll('_', ' ');
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** The label of a filter value; null is the column's null label (for MAT, "none"). */
export function valueLabel(column: FilterColumn, v: string | boolean | null): string {
  if (v === null) return column === 'mat' ? 'No MAT' : 'Unknown';
  if (column === 'co_occurring_mh')
    return v === true || v === 'true' ? 'Yes' : v === false || v === 'false' ? 'No' : humanize(String(v));
  if (column === 'mat' && v === FILTER_COLUMNS.mat.nullLabel) return 'No MAT';
  if (v === 'unknown') return 'Unknown';
  return humanize(String(v));
}

export interface MeasureMeta {
  label: string;
  unit: Unit;
  /** One sentence: what the figure counts (from measures.md). */
  help?: string;
}

export const MEASURES: Record<string, MeasureMeta> = {
  completion_rate: { label: 'Completion', unit: 'percent', help: 'Completed among discharged episodes.' },
  los_median: { label: 'Length of stay (median)', unit: 'days', help: 'Among discharged episodes.' },
  retention_30: {
    label: 'Retained at 30 days',
    unit: 'percent',
    help: 'Kaplan–Meier: not discharged prematurely by day 30.',
  },
  retention_60: {
    label: 'Retained at 60 days',
    unit: 'percent',
    help: 'Kaplan–Meier: not discharged prematurely by day 60.',
  },
  retention_90: {
    label: 'Retained at 90 days',
    unit: 'percent',
    help: 'Kaplan–Meier: not discharged prematurely by day 90.',
  },
  attendance_rate: {
    label: 'Attendance',
    unit: 'percent',
    help: 'Attended among attended, no-show and late-cancelled services.',
  },
  hours_per_week: { label: 'Attended hours per week (median)', unit: 'hours' },
  meets_asam_intensity: {
    label: 'Meets ASAM intensity',
    unit: 'percent',
    help: '≥ 9 attended hours a week (6 for ages 12–17).',
  },
  negative_screen_rate: {
    label: 'Negative screens',
    unit: 'percent',
    help: 'Negative among resulted screens (dilute and refused count as positive).',
  },
  abstinent_final30_cc: {
    label: 'Abstinent, final 30 days (complete case)',
    unit: 'percent',
    help: 'Among discharged episodes with a resulted screen in the final 30 days.',
  },
  abstinent_final30_mip: {
    label: 'Abstinent, final 30 days (missing = positive)',
    unit: 'percent',
    help: 'Among all discharged episodes.',
  },
  longest_negative_run: {
    label: 'Longest run of negative screens (median)',
    unit: 'screens',
    help: 'Consecutive negative screens in date order; a missed or positive screen ends the run.',
  },
  abstinent_at_discharge_cc: { label: 'No use at discharge, self-report (complete case)', unit: 'percent' },
  abstinent_at_discharge_mip: {
    label: 'No use at discharge, self-report (missing = using)',
    unit: 'percent',
  },
  use_days_change: { label: 'Fewer use days, admission to discharge (mean)', unit: 'days' },
  followup_reached_30: { label: 'Reached at 30 days', unit: 'percent' },
  followup_reached_90: { label: 'Reached at 90 days', unit: 'percent' },
  followup_reached_180: { label: 'Reached at 180 days', unit: 'percent' },
  abstinent_followup_30_cc: { label: 'No use at 30 days (complete case)', unit: 'percent' },
  abstinent_followup_90_cc: { label: 'No use at 90 days (complete case)', unit: 'percent' },
  abstinent_followup_180_cc: { label: 'No use at 180 days (complete case)', unit: 'percent' },
  abstinent_followup_30_mip: { label: 'No use at 30 days (missing = using)', unit: 'percent' },
  abstinent_followup_90_mip: { label: 'No use at 90 days (missing = using)', unit: 'percent' },
  abstinent_followup_180_mip: { label: 'No use at 180 days (missing = using)', unit: 'percent' },
  step_down_rate: {
    label: 'Step-down to a lower level',
    unit: 'percent',
    help: 'Share of discharged episodes followed within 30 days of discharge by a lower level of care.',
  },
  step_down_rate_completers: { label: 'Step-down among completers', unit: 'percent' },
  days_to_step_down: { label: 'Days to step-down (median)', unit: 'days' },
  step_down_cif_30: {
    label: 'Stepped down by day 30 after admission',
    unit: 'percent',
    help: 'Counted from admission over every episode, with other exits competing; not the share of discharges above.',
  },
  step_down_cif_60: {
    label: 'Stepped down by day 60 after admission',
    unit: 'percent',
    help: 'Counted from admission over every episode, with other exits competing.',
  },
  step_down_cif_90: {
    label: 'Stepped down by day 90 after admission',
    unit: 'percent',
    help: 'Counted from admission over every episode, with other exits competing.',
  },
  continuity_7: {
    label: 'Continuing care within 7 days',
    unit: 'percent',
    help: 'Step-downs seen in the next level within 7 days of discharge.',
  },
  continuity_14: {
    label: 'Continuing care within 14 days',
    unit: 'percent',
    help: 'Step-downs seen in the next level within 14 days of discharge.',
  },
  stepped_down_into_iop: {
    label: 'Stepped down into this level',
    unit: 'percent',
    help: 'Admitted within 14 days of a discharge from a higher level (not detox).',
  },
  step_up_90: { label: 'Step-up within 90 days', unit: 'percent' },
  cost_per_client_hour_group: { label: 'Group', unit: 'money' },
  cost_per_client_hour_individual: { label: 'Individual', unit: 'money' },
  cost_per_client_hour_family: { label: 'Family', unit: 'money' },
  group_share: { label: 'Group share of client-hours', unit: 'percent' },
  cost_per_episode: { label: 'Cost per episode (mean)', unit: 'money' },
  cost_per_completer: {
    label: 'Cost per completer',
    unit: 'money',
    help: 'Total staff cost of discharged episodes ÷ completers.',
  },
  cost_per_abstinent: { label: 'Cost per abstinent discharge', unit: 'money' },
  no_show_cost: { label: 'No-show cost', unit: 'money' },
  wait_days: { label: 'Wait from referral (median)', unit: 'days' },
  admitted_within_7: { label: 'Admitted within 7 days of referral', unit: 'percent' },
};

export const measureMeta = (name: string): MeasureMeta =>
  MEASURES[name] ?? { label: humanize(name), unit: 'number' };
