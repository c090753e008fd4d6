import { useMemo } from 'react';
import { groupingOf } from '../state/app-state';
import { useData } from './data-context';
import { groupLabeler } from './groups';

/** What every view needs: the cohort, the grouping of the comparison and how its groups are named. */
export function useViewContext() {
  const { state, summary } = useData();
  // Kept while the comparison stays the same: a filter click made a new labeller, so every chart
  // relabelled (and compared) its old rows before the new ones came.
  const compareKey = JSON.stringify(state.compare);
  const groupingKey = state.compare.kind === 'sets' ? JSON.stringify([compareKey, state.cohort]) : compareKey;
  const grouping = useMemo(() => groupingOf(state), [groupingKey]); // the keys hold what they read
  const label = useMemo(() => groupLabeler(state.compare, summary.options), [compareKey, summary.options]);
  return { state, summary, cohort: state.cohort, grouping, label };
}
