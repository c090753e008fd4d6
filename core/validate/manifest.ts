import { CONTRACT_VERSION, type Manifest } from '../contract/schema';
import { isCalendarDate } from '../dates/calendar-date';
import type { Finding } from './types';

const finding = (rule: string, message: string): Finding => ({
  rule,
  severity: 'warning',
  table: 'manifest',
  message,
  count: 1,
  examples: [],
});

/** Parses manifest.json; anything wrong with it is a warning and the manifest (or its field) is ignored. */
export function parseManifest(text: string): { manifest: Manifest | null; findings: Finding[] } {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    const why = err instanceof Error ? err.message : String(err);
    return {
      manifest: null,
      findings: [finding('manifest.invalid', `manifest.json is not valid JSON (${why}); it is ignored.`)],
    };
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    return {
      manifest: null,
      findings: [finding('manifest.invalid', 'manifest.json is not a JSON object; it is ignored.')],
    };
  }
  const manifest = value as Manifest;
  const findings: Finding[] = [];
  if (manifest.contract_version !== undefined && String(manifest.contract_version) !== CONTRACT_VERSION) {
    findings.push(
      finding(
        'manifest.contract_version',
        `manifest.json declares contract version ${JSON.stringify(manifest.contract_version)}; this product reads version ${CONTRACT_VERSION}.`,
      ),
    );
  }
  if (manifest.extract_date !== undefined && !isCalendarDate(manifest.extract_date)) {
    findings.push(
      finding(
        'manifest.extract_date',
        `manifest.json extract_date ${JSON.stringify(manifest.extract_date)} is not a date 'YYYY-MM-DD'; the latest date in the data is used instead.`,
      ),
    );
  }
  return { manifest, findings };
}
