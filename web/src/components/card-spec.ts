import type { GroupedMeasures, Unit } from '../../../core';

/** A headline card: a measure by name, with its catalogue label and unit unless overridden. */
export interface CardSpec {
  name: string;
  label?: string;
  unit?: Unit;
}

/** Cards of measures for the groups of a grouped result, each group named by `label`. */
export interface CardsProps {
  data: GroupedMeasures;
  cards: CardSpec[];
  label: (g: string) => string;
}
