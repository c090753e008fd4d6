import { humanize } from './code-labels';
import { MEASURES, type MeasureEntry } from './measures';

export * from './code-labels';
export * from './comparative';
export * from './covariates';
export * from './measures';
export * from './value-kinds';

const byKey = new Map<string, MeasureEntry>(MEASURES.map((m) => [m.key, m]));
const added: MeasureEntry[] = [];

/** A measure's catalogue entry; a key the catalogue lacks reads as a plain number under its own name. */
export const measureEntry = (key: string): MeasureEntry =>
  byKey.get(key) ?? {
    key,
    label: humanize(key),
    short: humanize(key),
    unit: 'number',
    kind: 'ratio',
    reference: '',
  };

/** Every entry: the catalogue's, then any added with addMeasureEntry. */
export const measureEntries = (): readonly MeasureEntry[] => [...MEASURES, ...added];

/** Adds a measure's entry at load time (a measure kept outside core, or a test's example measure). */
export function addMeasureEntry(entry: MeasureEntry): void {
  if (byKey.has(entry.key)) throw new Error(`measure ${entry.key} is already in the catalogue`);
  byKey.set(entry.key, entry);
  added.push(entry);
}
