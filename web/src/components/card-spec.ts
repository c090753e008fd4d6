import type { Unit } from '../../../core';

/** A headline card: a measure by name, with its catalogue label and unit unless overridden. */
export interface CardSpec {
  name: string;
  label?: string;
  unit?: Unit;
}
