import type { Cohort } from '../../../core';

/** A facet's values with one ticked or unticked: a ticked value goes last, as the URL keeps them. */
export const toggled = <T>(selected: readonly T[], value: T): T[] =>
  selected.includes(value) ? selected.filter((x) => x !== value) : [...selected, value];

/** The cohort with one program ticked or unticked, as the filter panel makes it. */
export function programToggled(cohort: Cohort, program: string): Cohort {
  const programs = toggled(cohort.programs ?? [], program);
  return { ...cohort, programs: programs.length ? programs : undefined };
}

/** The cohorts one program ticked or unticked away: where a person on a table of programs goes next. */
export const programNeighbours = (cohort: Cohort, programs: readonly string[]): Cohort[] =>
  programs.map((p) => programToggled(cohort, p));
