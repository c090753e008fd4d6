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
    const test = s.retention.logRank
      ? ` (log-rank ${pValue(s.retention.logRank.p)} over the whole curve)`
      : '';
    out.push(
      `Retention at 90 days (Kaplan–Meier, premature discharge as the event) was ${outcomeInline(r90.values.program)} against ${outcomeInline(r90.values.comparator)}${test}.`,
    );
  }
  const abst = row(s, 'abstinent_final30_mip');
  const abstCc = row(s, 'abstinent_final30_cc');
  if (abst) {
    const diff = shownDifference(abst) ? `, a difference of ${differenceText(abst.difference)} points` : '';
    const cc = abstCc
      ? ` (complete case: ${outcomeInline(abstCc.values.program)} against ${outcomeInline(abstCc.values.comparator)})`
      : '';
    out.push(
      `Abstinence in the final 30 days, counting episodes without a screen as not abstinent, was ${outcomeInline(abst.values.program)} against ${outcomeInline(abst.values.comparator)}${diff}${cc}.`,
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

  const cc = row(s, 'abstinent_final30_cc');
  const mip = row(s, 'abstinent_final30_mip');
  if (cc && mip) {
    const parts = arms.flatMap((arm) => {
      const a = cc.values[arm];
      const b = mip.values[arm];
      if (!a || !b || isSuppressed(a) || isSuppressed(b) || !('denominator' in a) || !('denominator' in b))
        return [];
      if (a.denominator == null || b.denominator == null || !b.denominator) return [];
      return [`${percent(1 - a.denominator / b.denominator)} of discharged episodes at ${armName(arm)}`];
    });
    if (parts.length)
      out.push(
        `Missing outcome data: no drug screen in the final 30 days for ${parts.join(' and ')}; the two abstinence conventions bound the truth, and the complete-case figure assumes those episodes resemble the screened ones.`,
      );
  }
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
