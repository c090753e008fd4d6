import { abstinenceMeasures } from './abstinence';
import { costMeasures } from './cost';
import { accessMeasures } from './access';
import { attendanceMeasures } from './attendance';
import { dischargeMeasures } from './discharge';
import { followupMeasures } from './followup';
import type { MeasureGroup } from './group';
import { retentionMeasures } from './retention';
import { selfReportMeasures } from './self-report';
import { stepDownMeasures } from './step-down';

/** Every measure group, in the order of measures.md. */
const GROUPS: MeasureGroup[] = [
  dischargeMeasures,
  retentionMeasures,
  attendanceMeasures,
  abstinenceMeasures,
  selfReportMeasures,
  followupMeasures,
  stepDownMeasures,
  costMeasures,
  accessMeasures,
];

export const MEASURE_GROUPS: readonly MeasureGroup[] = GROUPS;

/**
 * Adds a measure group kept outside this list (a test's example measure, a site's own measure):
 * with its catalogue entry (core/catalogue addMeasureEntry) it reaches every reader.
 */
export function addMeasureGroup(group: MeasureGroup): void {
  if (GROUPS.some((g) => g.id === group.id))
    throw new Error(`measure group ${group.id} is already registered`);
  GROUPS.push(group);
}

/** Every measures.md name, in report order. */
export const MEASURE_NAMES: readonly string[] = MEASURE_GROUPS.flatMap((g) => g.measures);
