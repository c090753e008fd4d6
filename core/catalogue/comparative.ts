import type { OutcomeName } from '../comparative/types';

/** The comparative outcomes as the study names them. */
export const COMPARATIVE_LABELS: Record<OutcomeName, { label: string; short: string; success: string }> = {
  abstinent_followup_90_mip: {
    label: 'Abstinent at the 90-day follow-up (not reached = using)',
    short: 'Abstinent at 90 days (primary)',
    success: 'client abstinent at 90 days',
  },
  abstinent_followup_90_cc: {
    label: 'Abstinent at the 90-day follow-up, among those reached',
    short: 'Abstinent at 90 days, reached',
    success: 'client abstinent at 90 days among those reached',
  },
  abstinent_final30_mip: {
    label: 'Abstinent in the final 30 days of treatment (drug screens, missing = positive)',
    short: 'Abstinent, final 30 days',
    success: 'client abstinent in the final 30 days',
  },
  completed: { label: 'Completed treatment', short: 'Completed', success: 'completion' },
  escalation_180: {
    label: 'Needed a higher level of care (PHP, residential or detox) within 180 days',
    short: 'Escalation within 180 days',
    success: 'escalation avoided',
  },
  cost: { label: 'Staff cost per episode', short: 'Cost per episode', success: '' },
};

/** A level of care as a sentence names it. */
const LEVEL_NAMES: Record<string, string> = {
  iop: 'IOP',
  op: 'outpatient care',
  php: 'partial hospitalisation',
  residential: 'residential care',
  detox: 'detox',
};
export const levelName = (level: string): string => LEVEL_NAMES[level] ?? level;
