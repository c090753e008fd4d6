import { DISCHARGE_REASONS } from '../contract/codes';
import { measureKeysOf } from './measures';

/**
 * What every measure the product shows means: what it counts, over which denominator, with which
 * interval, and the R function that serves as its reference. The dashboard's Definitions view, the
 * study and docs/measures.md say the same thing; this module is where the app reads it.
 */
export interface Definition {
  /** What the figure counts, in plain words. */
  what: string;
  /** Who is counted: the episodes (or services, screens) the figure is a share or summary of. */
  denominator: string;
  /** The 95% interval shown with it, or why there is none. */
  interval: string;
  /** The R function that computes the same figure (the golden values come from it). */
  reference: string;
}

const WILSON = 'Wilson score 95% interval.';
const WILSON_R = 'R: prop.test(x, n, correct = FALSE)$conf.int (the Wilson score interval)';
const NONE_MEDIAN = 'None; the quartiles (IQR, the middle half of episodes) are shown instead.';
const QUANTILE_R = 'R: quantile(x, c(0.25, 0.5, 0.75), type = 7)';
const DISCHARGED = 'Discharged episodes of the cohort.';
const CLUSTERED =
  'Episode-clustered 95% interval (ratio estimator: one client’s services are not independent).';
const CLUSTERED_R =
  'R (base): p ± 1.959964·√(k/(k−1)·Σ(aᵢ − p·nᵢ)² / (Σn)²) over the k episodes, clipped to [0, 1]';
const KM_R = 'R: survival::survfit(Surv(time, status) ~ 1, conf.type = "log-log")';
const KM_INTERVAL = 'Greenwood 95% interval on the log(−log) scale; none while no event has happened yet.';
const RATIO_COST =
  'Ratio-estimator 95% interval over discharged episodes (each episode’s cost against whether it counts).';

const retention = (d: number): Definition => ({
  what: `Share of episodes not discharged prematurely (dropped out or terminated) by day ${d} after admission: retained or completed. Completers and transfers stay counted as not dropped out.`,
  denominator:
    'Every cohort episode, Kaplan–Meier: completers, transfers and open episodes are censored at the extract date, neutral exits (incarcerated, died, other) at discharge.',
  interval: KM_INTERVAL,
  reference: KM_R,
});

const inTreatment = (d: number): Definition => ({
  what: `Share of episodes still in treatment on day ${d} after admission: every discharge, whatever its reason, ends the stay.`,
  denominator: 'Every cohort episode, Kaplan–Meier; open episodes censored at the extract date.',
  interval: `${KM_INTERVAL} None either once every episode has left.`,
  reference: KM_R,
});

const followupReached = (k: number): Definition => ({
  what: `Share of discharged episodes whose ${k}-day follow-up contact reached the client.`,
  denominator: `Discharged episodes whose discharge date plus ${k} days is on or before the extract date.`,
  interval: WILSON,
  reference: WILSON_R,
});
const followupCc = (k: number): Definition => ({
  what: `Share reporting no use of their primary substance in the 30 days before the ${k}-day follow-up (complete case: only clients who were reached and answered).`,
  denominator: `Clients reached at ${k} days with a reported number of use days.`,
  interval: WILSON,
  reference: WILSON_R,
});
const followupMip = (k: number): Definition => ({
  what: `Share reached at ${k} days and reporting no use (missing counts as using: anyone not reached or not answering counts as not abstinent).`,
  denominator: `Every discharged episode eligible for the ${k}-day follow-up (discharge + ${k} days ≤ extract date).`,
  interval: WILSON,
  reference: WILSON_R,
});

const stepDownCif = (d: number): Definition => ({
  what: `Cumulative share of episodes that stepped down to a lower level of care by day ${d} after admission, with any other discharge as a competing exit. Counted from admission, so it differs from “Step-down to a lower level”, which is a share of discharged episodes whatever their length of stay.`,
  denominator: 'Every cohort episode (Aalen–Johansen); open episodes censored at the extract date.',
  interval: 'None shown; the curve is a point estimate.',
  reference: 'R: cmprsk::cuminc(ftime, fstatus, cencode = 0)',
});

const costPerHour = (format: string): Definition => ({
  what: `Staff cost of attended ${format} services per client-hour (hourly cost of the staff role × minutes; a group meeting’s cost is shared among the clients who attended it).`,
  denominator: `Attended ${format} client-hours of the cohort.`,
  interval: 'None (a pooled ratio of totals).',
  reference: 'R: sum(cost) / sum(hours) over the golden encounters',
});

export const DEFINITIONS: Record<string, Definition> = {
  completion_rate: {
    what: 'Share of discharged episodes whose discharge reason is “completed”.',
    denominator: DISCHARGED,
    interval: WILSON,
    reference: WILSON_R,
  },
  discharge_reasons: {
    what: 'Number of discharged episodes by discharge reason (completed, transferred, dropped out, terminated, incarcerated, died, other).',
    denominator: DISCHARGED,
    interval: 'None (counts).',
    reference: 'R: table(discharge_reason)',
  },
  los_median: {
    what: 'Median length of stay in days: discharge date minus admission date.',
    denominator: DISCHARGED,
    interval: NONE_MEDIAN,
    reference: QUANTILE_R,
  },
  ...Object.fromEntries(
    DISCHARGE_REASONS.map((r) => [
      `los_median_${r}`,
      {
        what: `Median length of stay in days of episodes discharged as “${r.replace('_', ' ')}”.`,
        denominator: `Discharged episodes with that reason.`,
        interval: NONE_MEDIAN,
        reference: QUANTILE_R,
      },
    ]),
  ),
  retention_30: retention(30),
  retention_60: retention(60),
  retention_90: retention(90),
  in_treatment_30: inTreatment(30),
  in_treatment_60: inTreatment(60),
  in_treatment_90: inTreatment(90),
  rmst_retention_90: {
    what: 'Average number of days, out of the first 90, an episode was not prematurely discharged: the area under the retention curve up to day 90.',
    denominator: 'Every cohort episode, as for retention.',
    interval: 'Value ± 1.96 × its standard error.',
    reference: 'R: summary(survfit(...), rmean = 90)$table[c("rmean", "se(rmean)")]',
  },
  at_risk: {
    what: 'Number at risk: episodes still followed on that day (neither discharged prematurely nor censored before it).',
    denominator: 'Every cohort episode.',
    interval: 'None (a count).',
    reference: 'R: summary(survfit(...), times = c(0, 30, 60, 90))$n.risk',
  },
  log_rank: {
    what: 'Log-rank test of whether the retention curves of the groups differ; a small p-value means a difference larger than chance.',
    denominator: 'Every cohort episode of the groups compared.',
    interval: 'A p-value from the chi-square distribution.',
    reference: 'R: survival::survdiff(Surv(time, status) ~ group)',
  },
  attendance_rate: {
    what: 'Share of scheduled services attended; cancellations made in advance do not count against the client.',
    denominator: 'Attended, no-show and late-cancelled services dated within their episode.',
    interval: CLUSTERED,
    reference: CLUSTERED_R,
  },
  hours_per_week: {
    what: 'Median attended hours of service per week of stay (attended minutes ÷ 60 ÷ weeks, at least one week).',
    denominator: 'Cohort episodes.',
    interval: NONE_MEDIAN,
    reference: QUANTILE_R,
  },
  meets_asam_intensity: {
    what: 'Share of episodes receiving at least 9 attended hours a week, the ASAM 2.1 minimum for adults (6 for ages 12–17).',
    denominator: 'Cohort episodes.',
    interval: WILSON,
    reference: WILSON_R,
  },
  negative_screen_rate: {
    what: 'Share of drug screens that were negative. Dilute and refused screens count as positive; missed screens are left out.',
    denominator: 'Resulted screens (not missed) dated within their episode.',
    interval: CLUSTERED,
    reference: CLUSTERED_R,
  },
  abstinent_final30_cc: {
    what: 'Share of discharged episodes whose every resulted screen in the last 30 days of the stay was negative (complete case: episodes without a screen then are left out).',
    denominator: 'Discharged episodes with at least one resulted screen in their final 30 days.',
    interval: WILSON,
    reference: WILSON_R,
  },
  abstinent_final30_mip: {
    what: 'Share of discharged episodes with at least one screen in the last 30 days of the stay, every one negative (missing = positive: an episode without screens then counts as not abstinent).',
    denominator: 'Every discharged episode.',
    interval: WILSON,
    reference: WILSON_R,
  },
  longest_negative_run: {
    what: 'Median, over episodes, of the longest run of consecutive negative screens, in screens (a missed or positive screen ends a run).',
    denominator: 'Cohort episodes with at least one screen.',
    interval: NONE_MEDIAN,
    reference: QUANTILE_R,
  },
  abstinent_at_discharge_cc: {
    what: 'Share reporting no use of their primary substance in the 30 days before discharge (complete case: only episodes with an answer).',
    denominator: 'Discharged episodes with a reported number of use days at discharge.',
    interval: WILSON,
    reference: WILSON_R,
  },
  abstinent_at_discharge_mip: {
    what: 'Share reporting no use in the 30 days before discharge, with a missing answer counted as using.',
    denominator: 'Every discharged episode.',
    interval: WILSON,
    reference: WILSON_R,
  },
  use_days_change: {
    what: 'Mean reduction in days of use in the past 30: days reported at admission minus days reported at discharge.',
    denominator: 'Episodes with both answers.',
    interval: 'Student t 95% interval of the mean.',
    reference: 'R: t.test(use_days_admit - use_days_discharge)$conf.int',
  },
  followup_reached_30: followupReached(30),
  followup_reached_90: followupReached(90),
  followup_reached_180: followupReached(180),
  abstinent_followup_30_cc: followupCc(30),
  abstinent_followup_90_cc: followupCc(90),
  abstinent_followup_180_cc: followupCc(180),
  abstinent_followup_30_mip: followupMip(30),
  abstinent_followup_90_mip: followupMip(90),
  abstinent_followup_180_mip: followupMip(180),
  step_down_rate: {
    what: 'Share of discharged episodes followed within 30 days of discharge by the same client’s admission at a lower level of care (for IOP: outpatient). A share of discharges, whenever they happened.',
    denominator: DISCHARGED,
    interval: WILSON,
    reference: WILSON_R,
  },
  step_down_rate_completers: {
    what: 'The step-down share among episodes that completed treatment.',
    denominator: 'Completed episodes of the cohort.',
    interval: WILSON,
    reference: WILSON_R,
  },
  days_to_step_down: {
    what: 'Median length of stay, in days, of episodes that stepped down.',
    denominator: 'Episodes that stepped down.',
    interval: NONE_MEDIAN,
    reference: QUANTILE_R,
  },
  step_down_cif_30: stepDownCif(30),
  step_down_cif_60: stepDownCif(60),
  step_down_cif_90: stepDownCif(90),
  transitions: {
    what: 'What followed each discharge within 30 days: a lower level (step-down), a higher level (step-up), the same level (readmission) or no further care.',
    denominator: DISCHARGED,
    interval: 'None (shares of a whole).',
    reference: 'R: table(transition) / n',
  },
  continuity_7: {
    what: 'Share of step-downs whose client attended a service at the next level within 7 days of discharge (or was admitted, when the next episode has no services).',
    denominator: 'Episodes that stepped down.',
    interval: WILSON,
    reference: WILSON_R,
  },
  continuity_14: {
    what: 'Share of step-downs whose client attended a service at the next level within 14 days of discharge.',
    denominator: 'Episodes that stepped down.',
    interval: WILSON,
    reference: WILSON_R,
  },
  continuity_7_all: {
    what: 'Share of discharged episodes whose client began care at any level within 7 days of discharge (the payer’s follow-up-after-discharge view, as HEDIS FUI).',
    denominator: 'Discharged episodes with discharge + 30 days on or before the extract date.',
    interval: WILSON,
    reference: WILSON_R,
  },
  continuity_30_all: {
    what: 'Share of discharged episodes whose client began care at any level within 30 days of discharge (as HEDIS FUI).',
    denominator: 'Discharged episodes with discharge + 30 days on or before the extract date.',
    interval: WILSON,
    reference: WILSON_R,
  },
  stepped_down_into_iop: {
    what: 'Share of cohort episodes that arrived from a higher level of care (not detox): the client was discharged from it within the 14 days before admission.',
    denominator: 'Cohort episodes.',
    interval: WILSON,
    reference: WILSON_R,
  },
  step_up_90: {
    what: 'Share of discharged episodes followed within 90 days by an admission at a higher level of care (for IOP: partial hospitalisation, residential or detox).',
    denominator: 'Discharged episodes with discharge + 90 days on or before the extract date.',
    interval: WILSON,
    reference: WILSON_R,
  },
  cost_per_client_hour_group: costPerHour('group'),
  cost_per_client_hour_individual: costPerHour('individual'),
  cost_per_client_hour_family: costPerHour('family'),
  group_share: {
    what: 'Share of attended client-hours spent in group services.',
    denominator: 'Attended client-hours of the cohort.',
    interval: 'None (a pooled ratio of totals).',
    reference: 'R: sum(group hours) / sum(hours)',
  },
  group_share_tertiles: {
    what: 'Episodes split into three equal-sized bands by their group share, each with its episodes, completion, abstinence, mean cost and cost per completer. It describes; it does not show that a format works.',
    denominator: 'Cohort episodes with attended services.',
    interval: 'None.',
    reference: 'R: quantile(group_share, c(1/3, 2/3), type = 7)',
  },
  cost_per_episode: {
    what: 'Mean staff cost of an episode (attended services, a client’s share of group meetings, and missed individual or family services).',
    denominator: 'Cohort episodes.',
    interval: 'Student t 95% interval of the mean.',
    reference: 'R: t.test(cost)$conf.int',
  },
  cost_per_completer: {
    what: 'Total staff cost of the discharged episodes divided by the number who completed: what one completion costs.',
    denominator: 'Discharged episodes (cost) over completed episodes (count).',
    interval: RATIO_COST,
    reference: 'R (base): R ± 1.959964·√(k/(k−1)·Σ(cᵢ − R·yᵢ)² / (Σy)²), yᵢ = completed',
  },
  cost_per_abstinent: {
    what: 'Total staff cost of the discharged episodes divided by the number abstinent in their final 30 days (missing = positive).',
    denominator: 'Discharged episodes (cost) over abstinent ones (count).',
    interval: RATIO_COST,
    reference: 'R (base): R ± 1.959964·√(k/(k−1)·Σ(cᵢ − R·yᵢ)² / (Σy)²), yᵢ = abstinent',
  },
  no_show_cost: {
    what: 'Staff cost of individual and family services the client missed (no-show or late cancellation), in total and per episode.',
    denominator: 'Cohort episodes.',
    interval: 'None (a total).',
    reference: 'R: sum(cost[attendance %in% c("no_show", "late_cancel")])',
  },
  paid_per_episode: {
    what: 'Mean amount paid by the payer per episode, when the export carries paid amounts.',
    denominator: 'Cohort episodes.',
    interval: 'None.',
    reference: 'R: mean(paid)',
  },
  paid_per_completer: {
    what: 'Total paid for discharged episodes divided by the number who completed.',
    denominator: 'Discharged episodes over completed episodes.',
    interval: 'None.',
    reference: 'R: sum(paid) / sum(completed)',
  },
  wait_days: {
    what: 'Median days from referral to admission.',
    denominator: 'Cohort episodes with a referral date.',
    interval: NONE_MEDIAN,
    reference: QUANTILE_R,
  },
  admitted_within_7: {
    what: 'Share admitted within 7 days of referral.',
    denominator: 'Cohort episodes with a referral date.',
    interval: WILSON,
    reference: WILSON_R,
  },
  observed_expected: {
    what: 'Observed completions divided by the completions expected from the program’s case mix (O/E). Above 1: more completions than its clients predict.',
    denominator:
      'Discharged episodes of the program; expected = the sum of each episode’s predicted probability from one logistic model fitted on all programs (age band, sex, primary substance, co-occurring, prior episodes, court referral, housing, payer).',
    interval: 'Exact Poisson 95% interval for the observed count, divided by the expected.',
    reference:
      'R: glm(completed ~ ..., family = binomial); qchisq(0.025, 2*O)/2/E and qchisq(0.975, 2*O + 2)/2/E',
  },
  standardized_rate: {
    what: 'Risk-standardised completion: O/E times the overall completion rate, the rate the program would have with the average case mix.',
    denominator: 'Discharged episodes of the program.',
    interval: 'The O/E interval times the overall rate.',
    reference: 'R: oe * mean(completed)',
  },
  funnel: {
    what: 'Each program’s risk-standardised completion against its number of discharges, with 95% and 99.8% limits around the overall rate; a program outside the limits differs by more than chance.',
    denominator: 'Discharged episodes per program.',
    interval:
      'Limits p ± z·√(p(1−p)/n), widened by the between-program variance τ² when the programs are over-dispersed.',
    reference: 'Spiegelhalter (2005), funnel plots for institutional comparison',
  },
  c_statistic: {
    what: 'How well the case-mix model separates completers from non-completers: the chance that a random completer has a higher predicted probability than a random non-completer (0.5 = no better than chance, 1 = perfect).',
    denominator: 'Discharged episodes the model was fitted on.',
    interval: 'None.',
    reference: 'R (base): the Mann–Whitney form over fitted(glm(...)), ties counted ½',
  },
  brier: {
    what: 'Mean squared difference between each episode’s predicted probability of completion and what happened (0 is perfect; smaller is better).',
    denominator: 'Discharged episodes the model was fitted on.',
    interval: 'None.',
    reference: 'R: mean((fitted(model) - completed)^2)',
  },
  overdispersion: {
    what: 'Whether programs differ more than chance allows (φ, the mean squared z-score; above 1 means over-dispersed) and by how much (τ², the between-program variance used to widen the funnel limits).',
    denominator: 'The programs compared (k).',
    interval: 'None; when k ≥ 10 the z-scores are first winsorised at their 10th and 90th percentiles.',
    reference: 'Spiegelhalter (2005), additive random-effects model, as NHS funnel plots',
  },
  completion_by_quarter: {
    what: 'Completion among episodes discharged in each calendar quarter, drawn as a control chart (p-chart) with 3-sigma limits around the overall rate, so change can be told from noise.',
    denominator: 'Episodes discharged in the quarter.',
    interval: `${WILSON} Control limits p ± 3·√(p(1−p)/n).`,
    reference: WILSON_R,
  },
};

/** The words behind every abbreviation the product shows. */
export const GLOSSARY: Record<string, string> = {
  IOP: 'Intensive outpatient program (ASAM level 2.1): at least 9 hours of services a week for adults.',
  PHP: 'Partial hospitalisation program (ASAM level 2.5).',
  OP: 'Outpatient care (ASAM level 1).',
  ASAM: 'American Society of Addiction Medicine, whose levels of care (1 to 4) the product uses.',
  MAT: 'Medication for addiction treatment (buprenorphine, methadone, naltrexone).',
  'Complete case': 'Only episodes with a recorded answer or screen are counted; missing ones are left out.',
  'Missing = positive (or missing = using)':
    'Every eligible episode is counted; one without a screen or answer counts as not abstinent. The cautious figure.',
  IQR: 'Interquartile range: the middle half of the values, from the 25th to the 75th percentile.',
  'O/E': 'Observed ÷ expected: outcomes seen against outcomes predicted from the case mix.',
  KM: 'Kaplan–Meier: the estimate of a share over time that allows for episodes still open.',
  CIF: 'Cumulative incidence: the share that has had an event by a day, allowing for other exits.',
  'n / at risk': 'n: the denominator of a share. At risk: the episodes still followed on that day.',
  'p-value': 'The chance of a difference at least this large if the groups did not differ.',
  'Wilson interval': 'The 95% interval used for every share; well behaved even for small counts.',
  LOS: 'Length of stay: days from admission to discharge (to the extract date while open).',
  'Extract date': 'The date the export was taken; episodes open then are counted as open.',
  HEDIS: 'The US health-plan quality measures; FUI is its follow-up after a substance-use discharge.',
  '<11': 'A count from 1 to 10 hidden in an exported report, so no client can be recognised.',
};

export const definitionAnchor = (key: string): string => `def-${key}`;

/** The anchor of a section of definitions ("Step-down and continuity" → "defs-step-down-and-continuity"). */
export const sectionAnchor = (title: string): string =>
  `defs-${title
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/-$/, '')}`;

export const definitionOf = (key: string): Definition | undefined => DEFINITIONS[key];

/**
 * A section of definitions: a number stands for the catalogue's measures of that section of
 * measures.md, a string for a term that is no measure of its own.
 */
const section = (title: string, ...parts: readonly (number | string)[]) => ({
  title,
  keys: parts.flatMap((p) => (typeof p === 'number' ? measureKeysOf(p) : [p])),
});

/** The order the definitions are read in (the Definitions view, docs/measures.md). */
export const DEFINITION_SECTIONS: readonly { title: string; keys: readonly string[] }[] = [
  section('Discharge', 1),
  section('Retention', 2, 'at_risk', 'log_rank'),
  section('Attendance and intensity', 3),
  section('Abstinence from drug screens', 4),
  section('Self-reported use', 5),
  section('Follow-up after discharge', 6),
  section('Step-down and continuity', 7, 'transitions'),
  section('Cost', 8),
  section('Access', 9),
  section(
    'Risk-adjusted comparison and trends',
    'observed_expected',
    'standardized_rate',
    'funnel',
    'c_statistic',
    'brier',
    'overdispersion',
    11,
  ),
];
