import { DISCHARGE_REASONS } from '../contract/codes';
import type { Unit, ValueKind } from './value-kinds';

/** Where a study outcome sits in the outcome study's table (outcome-study.md §4). */
export type OutcomeSection = 'discharge' | 'retention' | 'abstinence' | 'followup' | 'continuing_care';

/**
 * One measure as every reader shows it: the dashboard, the command line, the study and the
 * privacy rule. The long per-measure definitions live beside it in ./definitions.ts, by key.
 */
export interface MeasureEntry {
  key: string;
  /** The dashboard's card and table label. */
  label: string;
  /** For a chart axis or a narrow column. */
  short: string;
  unit: Unit;
  kind: ValueKind;
  /** One sentence: what the figure counts. */
  help?: string;
  /** Its section of the spec. */
  reference: string;
  /** An outcome of the outcome study: its label there and its section. */
  study?: { label: string; section: OutcomeSection };
}

type Extra = Partial<Pick<MeasureEntry, 'help' | 'short' | 'study'>>;
const SPEC = (section: number) => `measures.md §${section}`;

const entry = (
  key: string,
  kind: ValueKind,
  unit: Unit,
  label: string,
  section: number,
  extra: Extra = {},
): MeasureEntry => ({
  key,
  label,
  short: extra.short ?? label,
  unit,
  kind,
  reference: SPEC(section),
  ...extra,
});

const share = (key: string, label: string, section: number, extra: Extra = {}) =>
  entry(key, 'proportion', 'percent', label, section, extra);

const title = (code: string) => code.charAt(0).toUpperCase() + code.slice(1).replaceAll('_', ' ');

/** Every measure of measures.md (v1.1), in its order; the study's outcomes are in the study's order. */
export const MEASURES: readonly MeasureEntry[] = [
  share('completion_rate', 'Completion', 1, {
    help: 'Completed among discharged episodes.',
    study: { label: 'Completed treatment (of discharged)', section: 'discharge' },
  }),
  entry('discharge_reasons', 'counts', 'number', 'Discharge reasons', 1),
  entry('los_median', 'median', 'days', 'Length of stay (median)', 1, { help: 'Among discharged episodes.' }),
  ...DISCHARGE_REASONS.map((r) =>
    entry(`los_median_${r}`, 'median', 'days', `Length of stay, ${title(r).toLowerCase()} (median)`, 1),
  ),
  ...[30, 60, 90].map((d) =>
    entry(`retention_${d}`, 'survival', 'percent', `Not dropped out by day ${d}`, 2, {
      short: `Not dropped out day ${d}`,
      help: `Kaplan–Meier: not discharged prematurely by day ${d} (retained or completed: completers stay in the curve).`,
      study: {
        label: `Not dropped out by day ${d} (retained or completed; Kaplan–Meier)`,
        section: 'retention',
      },
    }),
  ),
  ...[30, 60, 90].map((d) =>
    entry(`in_treatment_${d}`, 'survival', 'percent', `Still in treatment at ${d} days`, 2, {
      short: `In treatment day ${d}`,
      help: `Kaplan–Meier: not discharged for any reason by day ${d}.`,
      study: {
        label: `Still in treatment at day ${d} (any discharge ends it; Kaplan–Meier)`,
        section: 'retention',
      },
    }),
  ),
  entry('rmst_retention_90', 'rmst', 'days', 'Days not dropped out, first 90 (restricted mean)', 2, {
    help: 'The area under the not-dropped-out curve from day 0 to day 90: days not dropped out, of the first 90.',
  }),
  share('attendance_rate', 'Attendance', 3, {
    help: 'Attended among attended, no-show and late-cancelled services.',
  }),
  entry('hours_per_week', 'median', 'hours', 'Attended hours per week (median)', 3),
  share('meets_asam_intensity', 'Meets ASAM intensity', 3, {
    help: '≥ 9 attended hours a week (6 for ages 12–17).',
  }),
  share('negative_screen_rate', 'Negative screens', 4, {
    help: 'Negative among resulted screens (dilute and refused count as positive).',
  }),
  share('abstinent_final30_cc', 'Abstinent, final 30 days (complete case)', 4, {
    short: 'Abstinent final 30 d (complete case)',
    help: 'Among discharged episodes with a resulted screen in the final 30 days.',
    study: { label: 'Abstinent in final 30 days — complete case', section: 'abstinence' },
  }),
  share('abstinent_final30_mip', 'Abstinent, final 30 days (missing = positive)', 4, {
    short: 'Abstinent final 30 d (missing = positive)',
    help: 'Among all discharged episodes.',
    study: { label: 'Abstinent in final 30 days — missing = positive', section: 'abstinence' },
  }),
  entry('longest_negative_run', 'median', 'screens', 'Longest run of negative screens (median)', 4, {
    help: 'Consecutive negative screens in date order; a missed or positive screen ends the run.',
  }),
  share('abstinent_at_discharge_cc', 'No use at discharge, self-report (complete case)', 5),
  share('abstinent_at_discharge_mip', 'No use at discharge, self-report (missing = using)', 5),
  entry('use_days_change', 'mean', 'days', 'Fewer use days, admission to discharge (mean)', 5),
  ...[30, 90, 180].flatMap((k) => [
    share(`followup_reached_${k}`, `Reached at ${k} days`, 6, {
      short: `Follow-up ${k} d reached`,
      study: { label: `Reached at ${k}-day follow-up`, section: 'followup' },
    }),
    share(`abstinent_followup_${k}_cc`, `No use at ${k} days (complete case)`, 6, {
      short: `Abstinent ${k} d (reached)`,
      study: { label: `Abstinent at ${k}-day follow-up — reached`, section: 'followup' },
    }),
    share(`abstinent_followup_${k}_mip`, `No use at ${k} days (missing = using)`, 6, {
      short: `Abstinent ${k} d (missing = using)`,
      study: { label: `Abstinent at ${k}-day follow-up — missing = using`, section: 'followup' },
    }),
  ]),
  share('step_down_rate', 'Step-down to a lower level', 7, {
    short: 'Step-down',
    help: 'Share of discharged episodes followed within 30 days of discharge by a lower level of care.',
    study: { label: 'Stepped down to a lower level within 30 days', section: 'continuing_care' },
  }),
  share('step_down_rate_completers', 'Step-down among completers', 7),
  entry('days_to_step_down', 'median', 'days', 'Days to step-down (median)', 7),
  ...[30, 60, 90].map((d) =>
    entry(`step_down_cif_${d}`, 'ratio', 'percent', `Stepped down by day ${d} after admission`, 7, {
      short: `Stepped down by day ${d}`,
      help:
        d === 30
          ? 'Counted from admission over every episode, with other exits competing; not the share of discharges above.'
          : 'Counted from admission over every episode, with other exits competing.',
    }),
  ),
  ...[7, 14].map((d) =>
    share(`continuity_${d}`, `Continuing care within ${d} days`, 7, {
      short: `Continuity ${d} d`,
      help: `Step-downs seen in the next level within ${d} days of discharge.`,
      study: { label: `Continuity within ${d} days (of step-downs)`, section: 'continuing_care' },
    }),
  ),
  ...[7, 30].map((d) =>
    share(`continuity_${d}_all`, `Follow-up after discharge, any level, within ${d} days`, 7, {
      short: `Follow-up ${d} d (of all discharges)`,
      help: `Of all discharged episodes (the payers' denominator, as in HEDIS FUI): the same client's next episode, at any level, began care within ${d} days.`,
    }),
  ),
  share('stepped_down_into_iop', 'Stepped down into this level', 7, {
    help: 'Admitted within 14 days of a discharge from a higher level (not detox).',
  }),
  share('step_up_90', 'Step-up within 90 days', 7, {
    short: 'Step-up 90 d',
    study: { label: 'Stepped up to a higher level within 90 days', section: 'continuing_care' },
  }),
  entry('cost_per_client_hour_group', 'ratio', 'money', 'Group', 8),
  entry('cost_per_client_hour_individual', 'ratio', 'money', 'Individual', 8),
  entry('cost_per_client_hour_family', 'ratio', 'money', 'Family', 8),
  entry('group_share', 'ratio', 'percent', 'Group share of client-hours', 8),
  entry('cost_per_episode', 'mean', 'money', 'Cost per episode (mean)', 8),
  entry('cost_per_completer', 'ratio', 'money', 'Cost per completer', 8, {
    help: 'Total staff cost of discharged episodes ÷ completers.',
  }),
  entry('cost_per_abstinent', 'ratio', 'money', 'Cost per abstinent discharge', 8),
  entry('no_show_cost', 'total', 'money', 'No-show cost', 8),
  entry('group_share_tertiles', 'tertiles', 'money', 'Cost by group-share tertile', 8),
  entry('paid_per_episode', 'mean', 'money', 'Paid per episode (mean)', 8),
  entry('paid_per_completer', 'ratio', 'money', 'Paid per completer', 8),
  entry('wait_days', 'median', 'days', 'Wait from referral (median)', 9),
  share('admitted_within_7', 'Admitted within 7 days of referral', 9),
  entry('completion_by_quarter', 'series', 'percent', 'Completion by quarter', 11),
];

/** The keys of the measures of one section of measures.md, in the catalogue's order. */
export const measureKeysOf = (section: number): string[] =>
  MEASURES.filter((m) => m.reference === SPEC(section)).map((m) => m.key);
