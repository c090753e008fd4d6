export type { Finding, Severity, TableReport, ValidationReport } from './types';
export {
  validateAndClean,
  type ValidateInput,
  type ValidateProgress,
  type ValidateResult,
} from './validate-export';
export { parseManifest } from './manifest';
export { isCalendarDate } from '../dates/calendar-date';
