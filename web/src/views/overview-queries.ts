import type { Cohort, Grouping, SeriesPart } from '../../../core';
import type { CardSpec } from '../components/card-spec';

/** The Overview's headline cards, in order. */
export const OVERVIEW_CARDS: CardSpec[] = [
  { name: 'completion_rate' },
  { name: 'retention_30' },
  { name: 'retention_60' },
  { name: 'retention_90' },
  { name: 'attendance_rate' },
  { name: 'abstinent_final30_cc' },
  { name: 'abstinent_final30_mip' },
  { name: 'step_down_rate' },
  { name: 'cost_per_completer' },
];
const SHOWN = OVERVIEW_CARDS.map((c) => c.name);
const SERIES: SeriesPart[] = ['discharge_reasons', 'admissions_by_month'];

/**
 * The engine queries the Overview shows for a cohort and grouping, as `useEngineQuery` arguments:
 * the view asks exactly these, and the build answers them for the sample's first screen.
 */
export const overviewQueries = (cohort: Cohort, grouping: Grouping) =>
  ({
    grouped: ['grouped', cohort, grouping, SHOWN],
    series: ['series', cohort, grouping, 180, SERIES],
  }) as const;
