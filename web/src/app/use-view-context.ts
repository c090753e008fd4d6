import { useMemo } from 'react';
import { groupingOf } from '../state/app-state';
import { useData } from './data-context';
import { groupLabeler } from './groups';

/** What every view needs: the cohort, the grouping of the comparison and how its groups are named. */
export function useViewContext() {
  const { state, summary } = useData();
  const grouping = useMemo(() => groupingOf(state), [state]);
  const label = useMemo(() => groupLabeler(state, summary.options), [state, summary.options]);
  return { state, summary, cohort: state.cohort, grouping, label };
}
