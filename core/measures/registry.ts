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
export const MEASURE_GROUPS: readonly MeasureGroup[] = [
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

/** Every measures.md name, in report order. */
export const MEASURE_NAMES: readonly string[] = MEASURE_GROUPS.flatMap((g) => g.measures);
