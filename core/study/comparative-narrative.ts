import type { Comparative, NotEstimated, OutcomeEstimate, OutcomeName } from '../comparative/types';
import { isSuppressed } from '../privacy/small-cell';
import { isEstimated } from './comparative';
import { COMPARATIVE_LABELS, levelName } from '../catalogue';
import { formatMoney } from '../render';
import { count, number, percent } from './format';
import type { Study } from './types';

/** '+4.1 points' with a real minus sign. */
export const points = (d: number, digits = 1): string =>
  `${d > 0 ? '+' : ''}${number(d * 100, digits)} points`;

const estimate = (c: Comparative, name: OutcomeName): OutcomeEstimate | null => {
  const o = c.outcomes[name];
  return isEstimated(o) ? o : null;
};

/**
 * The study's opening paragraph when the comparator is standard outpatient care: the adjusted
 * primary result with its interval, the cost difference, the quadrant in plain words and the
 * E-value, each written from the block's figures.
 */
export function comparativeSummary(s: Study): string[] {
  return s.comparative ? comparativeSentences(s.comparative, s.meta.programLabel) : [];
}

/** The same sentences for any block; `T` names the treatment arm (a program, or the level). */
export function comparativeSentences(c: Comparative | NotEstimated, T: string): string[] {
  if (!isEstimated(c)) return [`The adjusted comparison could not be made: ${c.reason}.`];
  const C = levelName(c.control_level);
  const out: string[] = [];
  const primary = estimate(c, 'abstinent_followup_90_mip');
  const arms = `${count(c.arms.treated.n)} ${levelName(c.treatment_level)} and ${count(c.arms.control.n)} ${levelName(c.control_level)} entry episodes`;
  if (primary) {
    const d = primary.difference;
    const unadjusted =
      typeof primary.treated.unweighted === 'number' && typeof primary.control.unweighted === 'number'
        ? ` Unadjusted, the difference was ${points(primary.treated.unweighted - primary.control.unweighted)}.`
        : '';
    const clear =
      d.lower > 0
        ? `higher with ${T}`
        : d.upper < 0
          ? `higher with ${C}`
          : 'not clearly different between the two';
    out.push(
      `Adjusted for case-mix (${arms}, overlap-weighted), abstinence at the 90-day follow-up, counting clients not reached as using, was ${percent(primary.treated.value)} with ${T} against ${percent(primary.control.value)} with ${C}: a difference of ${points(d.value)} (95% CI ${number(d.lower * 100)} to ${number(d.upper * 100)}), so ${clear}.${unadjusted}`,
    );
  } else {
    const o = c.outcomes.abstinent_followup_90_mip;
    out.push(
      `Abstinence at the 90-day follow-up could not be compared (${'reason' in o ? o.reason : 'not estimated'}).`,
    );
  }
  const ce = c.cost_effectiveness;
  if (isEstimated(ce)) {
    const success = COMPARATIVE_LABELS[ce.outcome].success;
    const more = ce.delta_cost > 0 ? 'more' : 'less';
    const se = Math.sqrt(ce.variance_cost);
    out.push(
      `An episode of ${T} cost ${formatMoney(Math.abs(ce.delta_cost))} ${more} than one of ${C} in staff time (95% CI ${formatMoney(ce.delta_cost - 1.959964 * se)} to ${formatMoney(ce.delta_cost + 1.959964 * se)}), after the same adjustment.`,
    );
    out.push(quadrantSentence(ce.quadrant, ce.icer, T, C, success));
    const at = ce.ceac.find((p) => p.wtp === 50000);
    if (at)
      out.push(
        `If a payer values each additional ${success} at $50,000, the probability that ${T} is the better use of money is ${percent(at.p, 0)}.`,
      );
  }
  const ev = primary?.e_value;
  if (primary && ev && primary.rr) {
    const ci =
      ev.ci === 1
        ? 'The confidence interval already includes no difference.'
        : `A factor of ${number(ev.ci, 2)} each would be enough to bring the confidence interval to no difference.`;
    out.push(
      `Only a factor the data do not record, one that made clients at least ${number(ev.value, 2)} times as likely to be placed in ${levelName(c.treatment_level)} and at least ${number(ev.value, 2)} times as likely to be abstinent, beyond everything measured, could explain this difference away (E-value ${number(ev.value, 2)}). ${ci}`,
    );
  }
  return out;
}

function quadrantSentence(q: string, icer: number | null, T: string, C: string, success: string): string {
  switch (q) {
    case 'dominated':
      return `${capital(C)} was both cheaper and at least as effective: on these figures ${T} is dominated.`;
    case 'dominant':
      return `${T} was both more effective and no more costly: it dominates ${C}.`;
    case 'more effective, more costly':
      return `Each additional ${success} cost ${formatMoney(icer ?? NaN)} more with ${T} (the incremental cost-effectiveness ratio).`;
    case 'less effective, less costly':
      return `${T} was less effective and less costly: it saved ${formatMoney(icer ?? NaN)} per ${success} forgone.`;
    default:
      return `${T} made no difference in effect and was not more costly.`;
  }
}

const capital = (x: string) => x.charAt(0).toUpperCase() + x.slice(1);

/** Limitations the adjusted comparison adds (comparative-effectiveness.md §6). */
export function comparativeLimitations(s: Study): string[] {
  const c = s.comparative;
  if (!c || !isEstimated(c)) return [];
  const T = levelName(c.treatment_level);
  const out = [
    `Overlap weighting leaves an effective sample of ${number(c.arms.treated.ess, 0)} of ${count(c.arms.treated.n)} ${T} and ${number(c.arms.control.ess, 0)} of ${count(c.arms.control.n)} ${levelName(c.control_level)} entry episodes; the adjusted figures describe clients for whom either level was a plausible choice, not every client.`,
    `Positivity: ${percent(c.propensity.outside_05_95)} of entry episodes have a propensity below 0.05 or above 0.95 (c-statistic ${number(c.propensity.c_statistic, 2)}).`,
    'Only the case-mix in the export is adjusted for (age band, sex, primary substance, co-occurring mental health, prior episodes, court referral, housing, payer). Severity, motivation, family support and clinician judgement are not recorded; the E-value above says how strong such a factor would have to be.',
  ];
  const p = c.outcomes.abstinent_followup_90_mip;
  if (isEstimated(p))
    out.push(
      `Each outcome is measured on the episodes for which it can be observed: the 90-day follow-up on ${count(p.treated.n)} ${T} and ${count(p.control.n)} ${levelName(c.control_level)} episodes discharged at least 90 days before the extract date; the weights are not re-estimated on each set.`,
    );
  const hidden = Object.values(c.outcomes).some(
    (o) => isEstimated(o) && (isSuppressed(o.treated.unweighted) || isSuppressed(o.control.unweighted)),
  );
  if (hidden) out.push('Unadjusted rates built on fewer than 11 events are not shown.');
  return out;
}
