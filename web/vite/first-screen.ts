import { createHash } from 'node:crypto';
import { existsSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { attachSnapshotSql, sessionFromSnapshot, type OutcomeSession } from '../../core';
import { NativeConnector } from '../../core/platform/node';
import { fitToExport } from '../src/app/fit-to-export';
import type { EngineMethod } from '../src/engine/engine-api';
import {
  encodeFirstScreen,
  FIRST_SCREEN_FORMAT,
  type FirstScreen,
  type FirstScreenAnswer,
} from '../src/engine/first-screen';
import { DEFAULT_STATE, groupingOf } from '../src/state/app-state';
import { overviewQueries } from '../src/views/overview-queries';

const root = new URL('../..', import.meta.url).pathname;
/** Everything besides the snapshot (and core, in its key) that decides the answers. */
const SOURCES = [
  'web/vite/first-screen.ts',
  'web/src/engine/first-screen.ts',
  'web/src/engine/session-host.ts',
  'web/src/app/fit-to-export.ts',
  'web/src/state/app-state.ts',
  'web/src/views/overview-queries.ts',
];

/** The engine methods the worker's session host hands straight to OutcomeSession's method of that name. */
const FORWARDED = ['grouped', 'series', 'kmCurves', 'logRank', 'retentionDifferences', 'report'] as const;
type Forwarded = (typeof FORWARDED)[number];

function answerOn(session: OutcomeSession, method: EngineMethod, args: readonly unknown[]): Promise<unknown> {
  if (!(FORWARDED as readonly string[]).includes(method))
    throw new Error(`${method} is not answered on the first screen`);
  const fn = session[method as Forwarded] as (...a: unknown[]) => Promise<unknown>;
  return fn.apply(session, [...args]);
}

/**
 * The default first screen's answers on the sample's snapshot (web/src/engine/first-screen.ts):
 * the export as the engine will report it and the Overview's queries for the default URL state
 * fitted to it, answered by native DuckDB with one thread, as the browser's engine runs.
 */
export async function computeFirstScreen(snapshotPath: string): Promise<FirstScreen> {
  const conn = await NativeConnector.open(':memory:', { threads: '1', preserve_insertion_order: 'true' });
  try {
    await conn.exec(attachSnapshotSql(snapshotPath, 'sample'));
    const { session, options } = await sessionFromSnapshot(conn);
    const state = fitToExport(DEFAULT_STATE, { options }, false);
    const answers: FirstScreenAnswer[] = [];
    for (const [method, ...args] of Object.values(overviewQueries(state.cohort, groupingOf(state))))
      answers.push({ method, args, value: await answerOn(session, method, args) });
    return { format: FIRST_SCREEN_FORMAT, loaded: session.loaded, options, answers };
  } finally {
    await conn.close();
  }
}

/** The first screen of a snapshot, computed once per snapshot and code into the snapshot's cache folder. */
export async function sampleFirstScreen(snapshotPath: string): Promise<string | null> {
  const hash = createHash('sha256').update(basename(snapshotPath));
  for (const p of SOURCES) hash.update(`${p}\0`).update(readFileSync(join(root, p)));
  const out = join(dirname(snapshotPath), `${hash.digest('hex').slice(0, 20)}.first-screen.json`);
  if (existsSync(out)) return out;
  const partial = `${out}.${process.pid}.partial`;
  try {
    writeFileSync(partial, encodeFirstScreen(await computeFirstScreen(snapshotPath)));
  } catch {
    rmSync(partial, { force: true });
    return null;
  }
  renameSync(partial, out);
  return out;
}
