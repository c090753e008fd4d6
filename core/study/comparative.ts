import { computeComparative } from '../comparative/compute';
import type { Comparative, NotEstimated } from '../comparative/types';
import type { OutcomeSession } from '../measures/session';
import { isSmall, partitionSuppression, type Suppressed } from '../privacy/small-cell';
import type { StudyRequest } from './types';

export type StudyComparative = Comparative | NotEstimated;

export const isEstimated = <T extends object>(x: T | NotEstimated | null | undefined): x is T =>
  x != null && !('reason' in x && (x as NotEstimated).value === null);

/**
 * comparative-effectiveness.md for a study against standard outpatient care: the studied
 * programs' entry episodes at the study's level against every program's entry op episodes,
 * with the study's window and filters.
 */
export async function studyComparative(
  session: OutcomeSession,
  request: StudyRequest,
): Promise<StudyComparative> {
  const r = await computeComparative(session.context(request.level), {
    treatmentLevel: request.level,
    controlLevel: 'op',
    treatmentPrograms: request.programs,
    ...(request.from ? { from: request.from } : {}),
    ...(request.to ? { to: request.to } : {}),
    ...(request.filters ? { filters: request.filters } : {}),
  });
  return 'comparative' in r ? r.comparative : r;
}

const hidden: Suppressed = { suppressed: 'small' };

/**
 * The small-cell rule on the block: outcomes of arms under 11 eligible are already not estimated;
 * an unweighted proportion whose count of y = 1 is from 1 to 10 is hidden; histogram bins of 1 to
 * 10 are hidden with their complements (the bins add up to the arm's n).
 */
export function publishComparative(c: StudyComparative): StudyComparative {
  if (!isEstimated(c)) return c;
  const bins = (xs: (number | Suppressed)[]) => {
    const counts = xs.map((x) => (typeof x === 'number' ? x : 0));
    const rule = partitionSuppression(counts);
    return xs.map((x, i) => (rule[i] ? { suppressed: rule[i] } : x));
  };
  const outcomes = { ...c.outcomes };
  for (const [name, o] of Object.entries(outcomes) as [
    keyof typeof outcomes,
    (typeof outcomes)[keyof typeof outcomes],
  ][]) {
    if (!isEstimated(o) || name === 'cost') continue;
    const arm = (a: typeof o.treated) =>
      typeof a.unweighted === 'number' && isSmall(Math.round(a.unweighted * a.n))
        ? { ...a, unweighted: hidden }
        : a;
    outcomes[name] = { ...o, treated: arm(o.treated), control: arm(o.control) };
  }
  return {
    ...c,
    propensity: {
      ...c.propensity,
      histogram: {
        treated: bins(c.propensity.histogram.treated),
        control: bins(c.propensity.histogram.control),
      },
    },
    outcomes,
  };
}
