import { parse, stringify } from 'devalue';
import type { LoadedExport, SessionOptions } from '../../../core';
import type { EngineMethod, LoadedSummary } from './engine-api';
import { sampleListing } from './export-files';
import { recordTiming, stamp } from './timing';

/**
 * The sample's first screen, shipped with it (Evidence-style prerendered queries): the answers to
 * the queries the default view asks, computed at build time on the sample's snapshot
 * (web/vite/first-screen.ts), so the page draws them while the engine still starts. devalue keeps
 * what JSON would lose (the Maps of a result, NaN, -0), so a seeded answer is the engine's own.
 */
export const FIRST_SCREEN_FORMAT = 1;
/** Its file, next to the sample's files (listed in files.json). */
export const FIRST_SCREEN_FILE = 'first-screen.json';

export interface FirstScreenAnswer {
  method: EngineMethod;
  args: unknown[];
  value: unknown;
}

export interface FirstScreen {
  format: number;
  /** The export the answers belong to, as the engine reports it once it opened the snapshot. */
  loaded: LoadedExport;
  options: SessionOptions;
  answers: FirstScreenAnswer[];
}

export const encodeFirstScreen = (screen: FirstScreen): string => stringify(screen);

/** The shipped first screen, or null when it is of another format or not one at all. */
export function decodeFirstScreen(text: string): FirstScreen | null {
  try {
    const screen = parse(text) as Partial<FirstScreen> | null;
    return screen?.format === FIRST_SCREEN_FORMAT && Array.isArray(screen.answers)
      ? (screen as FirstScreen)
      : null;
  } catch {
    return null;
  }
}

/**
 * The first screen the build shipped with the sample at `baseUrl`, or null: none, unreadable, or
 * not computed on the files the sample's listing names (another build's, another export's).
 */
export async function fetchFirstScreen(baseUrl: string): Promise<FirstScreen | null> {
  try {
    const [listing, res] = await Promise.all([
      sampleListing(baseUrl),
      fetch(new URL(FIRST_SCREEN_FILE, baseUrl)),
    ]);
    const screen = res.ok ? decodeFirstScreen(await res.text()) : null;
    const sameFiles = (files: { name: string; size: number }[]) =>
      JSON.stringify(files.map((f) => [f.name, f.size]).sort());
    return listing.firstScreen?.name === FIRST_SCREEN_FILE &&
      screen &&
      sameFiles(screen.loaded.files) === sameFiles(listing.files)
      ? screen
      : null;
  } catch {
    return null;
  }
}

/** Whether the export the engine opened is the one the first screen was computed on. */
export const isFirstScreenOf = (screen: FirstScreen, summary: LoadedSummary): boolean =>
  summary.from === 'snapshot' &&
  JSON.stringify(summary.loaded) === JSON.stringify(screen.loaded) &&
  JSON.stringify(summary.options) === JSON.stringify(screen.options);

/** What proveFirstScreen needs of the engine: one call by method name. */
export type LiveCall = (method: EngineMethod, args: unknown[]) => Promise<unknown>;

/**
 * Once the engine opened the export a first screen was computed on, asks it the shipped queries
 * again, one after another in the background: the first filter then does not pay the engine's
 * first queries (reading the snapshot's pages, first use of each statement), and the live answers
 * prove the shipped ones. A difference or a failure is reported on the timing channel and the
 * console, never thrown. Resolves with the number of answers that differed.
 */
export async function proveFirstScreen(screen: FirstScreen, call: LiveCall): Promise<number> {
  let differed = 0;
  for (const a of screen.answers) {
    const startedAt = stamp();
    let same = false;
    try {
      same = stringify(await call(a.method, a.args)) === stringify(a.value);
    } catch (err) {
      console.warn(`The shipped first screen's ${a.method} could not be re-run:`, err);
    }
    if (!same) {
      differed++;
      console.warn(`The shipped first screen's ${a.method} differs from the engine's live answer.`);
    }
    recordTiming({ kind: 'first-screen', method: a.method, startedAt, ms: stamp() - startedAt, same });
  }
  return differed;
}
