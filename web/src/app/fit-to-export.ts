import type { SessionOptions } from '../../../core';
import { defaultLevelOf, type AppState } from '../state/app-state';

/**
 * Programs of the URL that the loaded export does not have are dropped, so a cohort is never empty by
 * accident; a level the user did not choose becomes the export's most common level.
 */
export function fitToExport(
  state: AppState,
  summary: { options: SessionOptions },
  levelChosen: boolean,
): AppState {
  const known = new Set(summary.options.programs.map((p) => p.program_id));
  const programs = state.cohort.programs?.filter((p) => known.has(p));
  const level = levelChosen ? state.cohort.level : defaultLevelOf(summary.options.levels);
  if ((programs?.length ?? 0) === (state.cohort.programs?.length ?? 0) && level === state.cohort.level)
    return state;
  return { ...state, cohort: { ...state.cohort, level, programs: programs?.length ? programs : undefined } };
}
