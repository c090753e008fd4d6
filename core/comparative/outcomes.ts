import type { TableName } from '../contract/schema';
import type { EntryRow } from './entry-episodes';
import type { OutcomeName } from './types';

export interface OutcomeDefinition {
  name: OutcomeName;
  /** Tables the outcome needs besides episodes. */
  needs: readonly TableName[];
  binary: boolean;
  better: 'higher' | 'lower';
  eligible(r: EntryRow): boolean;
  y(r: EntryRow): number;
}

/** comparative-effectiveness.md §3, in the spec's order (the primary first). */
export const OUTCOMES: readonly OutcomeDefinition[] = [
  {
    name: 'abstinent_followup_90_mip',
    needs: ['followups'],
    binary: true,
    better: 'higher',
    eligible: (r) => r.fu90_mip_eligible,
    y: (r) => (r.fu90_mip ? 1 : 0),
  },
  {
    name: 'abstinent_followup_90_cc',
    needs: ['followups'],
    binary: true,
    better: 'higher',
    eligible: (r) => r.fu90_cc_eligible,
    y: (r) => (r.fu90_cc ? 1 : 0),
  },
  {
    name: 'abstinent_final30_mip',
    needs: ['drug_screens'],
    binary: true,
    better: 'higher',
    eligible: (r) => r.discharged,
    y: (r) => (r.final30_mip ? 1 : 0),
  },
  {
    name: 'completed',
    needs: [],
    binary: true,
    better: 'higher',
    eligible: (r) => r.discharged,
    y: (r) => (r.completed ? 1 : 0),
  },
  {
    name: 'escalation_180',
    needs: [],
    binary: true,
    better: 'lower',
    eligible: (r) => r.escalation_eligible,
    y: (r) => (r.escalation ? 1 : 0),
  },
  {
    name: 'cost',
    needs: ['encounters', 'cost_rates'],
    binary: false,
    better: 'lower',
    eligible: (r) => r.discharged && r.cost !== null,
    y: (r) => r.cost ?? NaN,
  },
];

export const outcomeDefinition = (name: OutcomeName): OutcomeDefinition =>
  OUTCOMES.find((o) => o.name === name)!;
