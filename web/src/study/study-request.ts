import type { Cohort, StudyRequest } from '../../../core';

/** What the study picker holds; turned into a StudyRequest with the dashboard's cohort. */
export interface StudyChoice {
  programs: string[];
  comparator: 'others' | 'programs' | 'outpatient' | 'external';
  comparatorPrograms: string[];
  /** `numerator`: the exact count behind a loaded reference, used while percent and n still match it. */
  external: { label: string; source: string; percent: string; n: string; numerator?: number };
}

export const emptyChoice = (firstProgram: string | undefined): StudyChoice => ({
  programs: firstProgram ? [firstProgram] : [],
  comparator: 'others',
  comparatorPrograms: [],
  external: { label: 'National reference', source: '', percent: '', n: '' },
});

/** The completion figure; exact counts when the fields still show the loaded reference's rounded rate. */
function exactFigure(pct: number, n: number | undefined, numerator: number | undefined) {
  if (n !== undefined && numerator !== undefined && Math.abs(pct - (100 * numerator) / n) < 0.005)
    return { measure: 'completion_rate', value: numerator / n, numerator, denominator: n };
  return { measure: 'completion_rate', value: pct / 100, ...(n !== undefined ? { denominator: n } : {}) };
}

/** The request, or why it cannot be made yet (a sentence for the person choosing). */
export function toRequest(
  choice: StudyChoice,
  cohort: Cohort,
): { request: StudyRequest } | { problem: string } {
  if (!choice.programs.length) return { problem: 'Choose the program to study.' };
  const base = {
    programs: choice.programs,
    level: cohort.level,
    ...(cohort.from ? { from: cohort.from } : {}),
    ...(cohort.to ? { to: cohort.to } : {}),
    ...(cohort.filters ? { filters: cohort.filters } : {}),
  };
  switch (choice.comparator) {
    case 'others':
      return { request: { ...base, comparator: { kind: 'others' } } };
    case 'outpatient':
      if (cohort.level === 'op')
        return { problem: 'The outpatient comparator needs a cohort level other than op.' };
      return { request: { ...base, comparator: { kind: 'outpatient' } } };
    case 'programs': {
      const programs = choice.comparatorPrograms.filter((p) => !choice.programs.includes(p));
      if (!programs.length)
        return { problem: 'Choose at least one comparator program other than the studied one.' };
      return { request: { ...base, comparator: { kind: 'programs', programs } } };
    }
    case 'external': {
      const e = choice.external;
      const pct = Number(e.percent);
      const n = e.n.trim() === '' ? undefined : Number(e.n);
      if (!e.source.trim()) return { problem: 'Give the source of the external reference.' };
      if (e.percent.trim() === '' || !(pct >= 0 && pct <= 100))
        return { problem: 'Give the reference completion rate as a percentage from 0 to 100.' };
      if (n !== undefined && !(Number.isInteger(n) && n > 0))
        return { problem: 'The number of discharges must be a whole number above 0.' };
      return {
        request: {
          ...base,
          comparator: {
            kind: 'external',
            label: e.label.trim() || 'External reference',
            source: e.source.trim(),
            figures: [exactFigure(pct, n, e.numerator)],
          },
        },
      };
    }
  }
}
