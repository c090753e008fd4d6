import { readdirSync, readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { attachSnapshotSql, type LoadingConnector } from '../../core';
import { WasmNodeConnector } from '../../core/platform/node';
import { fitToExport } from '../../web/src/app/fit-to-export';
import { QueryManager } from '../../web/src/app/query-manager';
import type { LoadedSummary } from '../../web/src/engine/engine-api';
import {
  decodeFirstScreen,
  isFirstScreenOf,
  proveFirstScreen,
  type FirstScreen,
} from '../../web/src/engine/first-screen';
import { SAMPLE_LABEL } from '../../web/src/engine/sample-listing';
import { HostedSession } from '../../web/src/engine/session-host';
import type { BrowserWasmConnector } from '../../web/src/engine/wasm-browser';
import { DEFAULT_STATE, groupingOf } from '../../web/src/state/app-state';
import { overviewQueries } from '../../web/src/views/overview-queries';
import { sampleFirstScreen } from '../../web/vite/first-screen';
import { sampleSnapshot } from '../../web/vite/sample-snapshot';
import { ENGINES } from '../support/engines';

/**
 * The sample ships the answers of its default first screen (web/vite/first-screen.ts): they must be
 * what the worker's session host answers on the shipped snapshot, on either engine, for exactly
 * the queries the Overview asks in the default state; a stale or mis-keyed file fails here.
 */
const SAMPLE_DIR = new URL('../../sample-data', import.meta.url).pathname;
let snapshotPath: string;
let screen: FirstScreen;

beforeAll(async () => {
  const names = readdirSync(SAMPLE_DIR).filter((f) => f.endsWith('.parquet') || f === 'manifest.json');
  snapshotPath = (await sampleSnapshot(SAMPLE_DIR, names))!;
  expect(snapshotPath).toBeTruthy();
  const file = await sampleFirstScreen(snapshotPath);
  expect(file).toBeTruthy();
  screen = decodeFirstScreen(readFileSync(file!, 'utf8'))!;
  expect(screen).toBeTruthy();
}, 240_000);

it('answers exactly the queries the Overview asks in the default state, keyed as the page keys them', () => {
  const state = fitToExport(DEFAULT_STATE, screen, false);
  const asked = Object.values(overviewQueries(state.cohort, groupingOf(state)));
  expect(asked.length).toBeGreaterThan(1);
  const keys = (qs: readonly (readonly unknown[])[]) =>
    qs.map(([method, ...args]) => QueryManager.key(7, method as 'grouped', args)).sort();
  expect(keys(screen.answers.map((a) => [a.method, ...a.args]))).toEqual(keys(asked));
});

describe.each(ENGINES)('$name', ({ open }) => {
  let conn: LoadingConnector;
  let hosted: HostedSession;

  beforeAll(async () => {
    conn = await open();
    let location = snapshotPath;
    if (conn instanceof WasmNodeConnector) {
      conn.registerFile('sample.duckdb', new Uint8Array(readFileSync(snapshotPath)));
      location = 'sample.duckdb';
    }
    await conn.exec(attachSnapshotSql(location, 'sample'));
    // the worker's own session host, on a Node connector of the same engine
    hosted = await HostedSession.fromSnapshot(conn as unknown as BrowserWasmConnector, SAMPLE_LABEL);
  }, 180_000);
  afterAll(() => conn?.close());

  it('is the first screen of the export the engine opens', () => {
    expect(isFirstScreenOf(screen, hosted.summary)).toBe(true);
    expect(screen.loaded.rowCounts.episodes).toBeGreaterThan(1000);
  });

  it('holds the answers the live session host gives', async () => {
    for (const a of screen.answers) {
      const live = await hosted.call(a.method, a.args);
      expect(a.value, a.method).toEqual(live);
    }
    const grouped = screen.answers.find((a) => a.method === 'grouped')!.value as {
      episodes: Map<string, number>;
    };
    expect(grouped.episodes.get('overall')).toBeGreaterThan(100);
  });

  it('proves the shipped answers live once the engine is ready, and counts one that differs', async () => {
    const live = (method: string, args: unknown[]) => hosted.call(method, args);
    expect(await proveFirstScreen(screen, live)).toBe(0);
    const [first, ...rest] = screen.answers;
    const stale = { ...first, value: { ...(first.value as object), groups: ['another'] } };
    const warn = console.warn;
    console.warn = () => undefined;
    try {
      expect(await proveFirstScreen({ ...screen, answers: [stale, ...rest] }, live)).toBe(1);
    } finally {
      console.warn = warn;
    }
  });
});

describe('a first screen that does not match', () => {
  const summary = (s: FirstScreen, over: Partial<LoadedSummary> = {}): LoadedSummary => ({
    label: SAMPLE_LABEL,
    loaded: s.loaded,
    options: s.options,
    engine: 'duckdb-wasm',
    seconds: 1,
    from: 'snapshot',
    ...over,
  });

  it('is not used for another export, nor for the sample loaded from its files', () => {
    expect(isFirstScreenOf(screen, summary(screen))).toBe(true);
    expect(isFirstScreenOf(screen, summary(screen, { from: 'files' }))).toBe(false);
    const other = { ...screen.loaded, rowCounts: { ...screen.loaded.rowCounts, episodes: 5 } };
    expect(isFirstScreenOf(screen, summary(screen, { loaded: other }))).toBe(false);
    const fewer = { ...screen.options, programs: screen.options.programs.slice(1) };
    expect(isFirstScreenOf(screen, summary(screen, { options: fewer }))).toBe(false);
  });

  it('is refused when of another format or not a first screen', () => {
    expect(decodeFirstScreen('{"format":1}')).toBeNull();
    expect(decodeFirstScreen('<!doctype html>')).toBeNull();
  });
});
