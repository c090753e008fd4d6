import { isSuppressed } from '../privacy/small-cell';
import { differenceText, number, outcomeInline, percent, pValue } from './format';
import type { OutcomeRow, Shown, Study } from './types';

/**
 * The words of the study, written from its figures (exact on screen, published in exports, so a
 * sentence never carries a hidden number).
 */
const row = (s: Study, measure: string): OutcomeRow | undefined =>
  s.outcomes.find((o) => o.measure === measure);

const n = (x: Shown<number> | null): number | null => (x === null || isSuppressed(x) ? null : x);

/** A difference clause only when there is a difference to show. */
const shownDifference = (o: OutcomeRow): boolean =>
  o.difference !== null && !isSuppressed(o.difference) && o.difference.value !== null;

/** "32.0% of discharged episodes at Harbor (218/682) and 12.1% at ... had a missed or no screen in the final 30 days". */
function missedClause(s: Study): string | null {
  if (!s.missedScreens) return null;
  const arms = s.n.comparator === null ? (['program'] as const) : (['program', 'comparator'] as const);
  const parts = arms.flatMap((arm) => {
    const v = s.missedScreens![arm];
    if (!v) return [];
    const name = arm === 'program' ? s.meta.programLabel : s.meta.comparatorLabel;
    if (isSuppressed(v)) return [`a number not shown at ${name}`];
    if (v.value === null) return [];
    return [
      `${percent(v.value)} at ${name} (${v.numerator.toLocaleString('en-US')}/${v.denominator.toLocaleString('en-US')})`,
    ];
  });
  return parts.length
    ? `the discharged episodes with a missed or no drug screen in the final 30 days: ${parts.join(' and ')}`
    : null;
}

/** Restricted mean days not dropped out within the first 90 days, and its difference. */
function rmstSentence(s: Study): string | null {
  const days = (x: Study['retention']['rmst']['program']) =>
    x === null || isSuppressed(x) || x.value === null
      ? null
      : `${number(x.value, 1)} days (95% CI ${number(x.lower, 1)}–${number(x.upper, 1)})`;
  const a = days(s.retention.rmst.program);
  if (!a) return null;
  const b = s.retention.rmst.comparator === null ? null : days(s.retention.rmst.comparator);
  const d = s.retention.rmstDifference;
  const diff =
    d && !isSuppressed(d)
      ? `; difference ${d.value > 0 ? '+' : ''}${number(d.value, 1)} days (${number(d.lower, 1)} to ${number(d.upper, 1)})`
      : '';
  return `Within the first 90 days, episodes stayed not dropped out for a mean of ${a} at ${s.meta.programLabel}${b ? ` against ${b} for ${s.meta.comparatorLabel}` : ''}${diff} (restricted mean).`;
}

/** Primary results in three sentences, each with its interval. */
export function summarySentences(s: Study): string[] {
  const P = s.meta.programLabel;
  const C = s.meta.comparatorLabel;
  const out: string[] = [];
  const tooSmall = (['program', 'comparator'] as const).filter((a) => {
    const x = s.n[a];
    return x !== null && (isSuppressed(x) || x === 0);
  });
  if (tooSmall.length)
    out.push(
      `${tooSmall.map((a) => (a === 'program' ? P : C)).join(' and ')} ${tooSmall.length > 1 ? 'have' : 'has'} fewer than 11 analysed episodes, so ${tooSmall.length > 1 ? 'their' : 'its'} figures are not shown and no comparison can be made.`,
    );
  const completion = row(s, 'completion_rate');
  if (completion) {
    const diff = shownDifference(completion)
      ? `; difference ${differenceText(completion.difference)} percentage points`
      : '';
    out.push(
      `Treatment completion among discharged episodes was ${outcomeInline(completion.values.program)} at ${P}, against ${outcomeInline(completion.values.comparator)} for ${C}${diff}.`,
    );
  }
  const r90 = row(s, 'retention_90');
  if (r90) {
    const d = s.retention.difference90;
    const diff = d && !isSuppressed(d) ? `; difference ${differenceText(d)} percentage points` : '';
    const test = s.retention.logRank
      ? ` (log-rank ${pValue(s.retention.logRank.p)} over the whole curve)`
      : '';
    out.push(
      `The share not dropped out by day 90 (Kaplan–Meier: premature discharge is the event, completers count as not dropped out) was ${outcomeInline(r90.values.program)} against ${outcomeInline(r90.values.comparator)}${diff}${test}.`,
    );
    const rm = rmstSentence(s);
    if (rm) out.push(rm);
    if (s.retention.curvesCross)
      out.push(
        'The two curves cross before day 90, so neither the day-90 difference nor the log-rank test describes the whole course: read the curves and the restricted mean together.',
      );
  }
  const abst = row(s, 'abstinent_final30_mip');
  const abstCc = row(s, 'abstinent_final30_cc');
  if (abst) {
    const diff = shownDifference(abst) ? `, a difference of ${differenceText(abst.difference)} points` : '';
    const cc = abstCc
      ? ` (complete case: ${outcomeInline(abstCc.values.program)} against ${outcomeInline(abstCc.values.comparator)})`
      : '';
    const gap = missedClause(s);
    out.push(
      `Abstinence in the final 30 days, counting an episode with a missed or no screen in that window as not abstinent, was ${outcomeInline(abst.values.program)} against ${outcomeInline(abst.values.comparator)}${diff}${cc}${gap ? `; the gap between the two conventions comes from ${gap}` : ''}.`,
    );
  }
  return out.map((x) => x.charAt(0).toUpperCase() + x.slice(1));
}

/** Limitations written from the data (outcome-study.md §7). */
export function limitations(s: Study): string[] {
  const out: string[] = [];
  const arms: ('program' | 'comparator')[] =
    s.n.comparator === null ? ['program'] : ['program', 'comparator'];
  const armName = (arm: 'program' | 'comparator') =>
    arm === 'program' ? s.meta.programLabel : s.meta.comparatorLabel;

  const gap = missedClause(s);
  if (gap)
    out.push(
      `Missing outcome data: ${gap}. Missing = positive counts those episodes as not abstinent, complete case leaves out the ones without any result, so the two abstinence conventions bound the truth; the complete-case figure assumes the unscreened resemble the screened.`,
    );
  const reach = row(s, 'followup_reached_90') ?? row(s, 'followup_reached_30');
  if (reach) {
    const parts = arms.flatMap((arm) => {
      const v = reach.values[arm];
      return v && !isSuppressed(v) && v.value !== null ? [`${percent(v.value)} at ${armName(arm)}`] : [];
    });
    if (parts.length)
      out.push(
        `Follow-up reach at ${reach.measure.replace(/\D/g, '')} days was ${parts.join(' and ')} of eligible episodes; abstinence at follow-up among those reached may overstate abstinence among all.`,
      );
  }
  const small = arms.filter((arm) => {
    const v = n(s.n[arm]);
    return v === null || v < 100;
  });
  if (small.length)
    out.push(
      `Small denominators: ${small.map((arm) => `${armName(arm)} has ${s.n[arm] !== null && !isSuppressed(s.n[arm]!) ? `${s.n[arm]} analysed episodes` : 'fewer than 11 analysed episodes'}`).join('; ')}, so intervals are wide and small differences cannot be told from chance.`,
    );
  const hidden = s.meta.privacy === 'small-cell' && JSON.stringify(s).includes('"suppressed":"');
  if (hidden)
    out.push(
      'Some figures are shown as "<11" or "suppressed" under the small-cell rule (counts of 1 to 10 and the cells that would reveal them).',
    );
  const imbalanced = s.baseline.filter((v) => v.smd !== null && !isSuppressed(v.smd) && v.smd > 0.1);
  if (imbalanced.length)
    out.push(
      `The groups differ at baseline (standardised mean difference above 0.1) in ${imbalanced.map((v) => `${v.label.toLowerCase()} (${number(v.smd as number, 2)})`).join(', ')}; unadjusted differences in outcomes may reflect these differences in who was treated.`,
    );
  // No total when a rule's count is hidden: the total would give it away.
  const anyHidden = s.validation.some((v) => isSuppressed(v.rows));
  const excluded = s.validation.reduce((t, v) => t + (isSuppressed(v.rows) ? 0 : v.rows), 0);
  if (s.validation.length)
    out.push(
      `Validation: ${s.validation.length} rule${s.validation.length > 1 ? 's' : ''} left rows out of the analysis${!anyHidden && excluded ? ` (${excluded.toLocaleString('en-US')} rows in all)` : ''}, listed by rule in the design section; episodes that fail validation are not analysed, and service, screen or follow-up rows that fail are not counted.`,
    );
  if (s.meta.comparatorKind === 'external')
    out.push(
      `The external reference (${s.meta.externalSource ?? 'source not given'}) comes from another population and may define its outcomes differently; only the figures it gives are compared, and its interval is taken as published or from its counts.`,
    );
  if (s.meta.comparatorKind === 'outpatient')
    out.push(
      'Clients are placed in intensive or standard outpatient care by clinical severity, so the outpatient comparator is expected to differ at baseline; step-down does not apply to outpatient care.',
    );
  out.push(
    'This is an observational comparison of routinely collected records, not a randomised trial: differences between the program and its comparator are associations and cannot be read as the effect of the program. The adjusted comparison accounts only for the covariates in the risk model.',
  );
  return out;
}
