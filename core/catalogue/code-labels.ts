import { COVARIATES, type CovariateName } from './covariates';

/** Short enough for the level picker; the ASAM level in brackets. */
export const LEVEL_LABELS: Readonly<Record<string, string>> = {
  detox: 'Detox',
  residential: 'Residential (3.x)',
  php: 'PHP (2.5)',
  iop: 'IOP (2.1)',
  op: 'Outpatient (1)',
};

const SPECIAL: Readonly<Record<string, string>> = {
  self_pay: 'Self-pay',
  dropped_out: 'Dropped out',
  step_down: 'Step-down',
  step_up: 'Step-up',
  none: 'None',
};

/** "self_pay" → "Self-pay", "dropped_out" → "Dropped out". */
export function humanize(code: string): string {
  if (SPECIAL[code]) return SPECIAL[code];
  const s = code.replaceAll('_', ' ');
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** The label of a covariate's value; null is the column's null label (for MAT, "No MAT"). */
export function valueLabel(column: CovariateName, v: string | boolean | null): string {
  if (v === null) return column === 'mat' ? 'No MAT' : 'Unknown';
  if (COVARIATES[column].type === 'BOOLEAN')
    return v === true || v === 'true' ? 'Yes' : v === false || v === 'false' ? 'No' : humanize(String(v));
  if (column === 'mat' && v === COVARIATES.mat.nullLabel) return 'No MAT';
  if (v === 'unknown') return 'Unknown';
  return humanize(String(v));
}
