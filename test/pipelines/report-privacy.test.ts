import { auditRelease } from '../../core/privacy/audit';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NativeConnector } from '../../core/connectors/native';
import { parseReportArgs } from '../../pipelines/lib/report-args';
import { GOLDEN_DIR } from '../support/engines';
import { runScript } from '../support/cli';

const COUNT_KEYS = new Set([
  'n',
  'numerator',
  'denominator',
  'at_risk',
  'episodes',
  'observed',
  'unpriced_encounters',
]);
const HIDDEN = new Set(['<11', 'suppressed']);

const report = (...args: string[]) => runScript('pipelines/report.ts', args);

/** Every count of a JSON report with its path: the count fields and the cells of discharge_reasons / excluded. */
function counts(x: unknown, path = ''): [string, unknown][] {
  if (Array.isArray(x)) return x.flatMap((v, i) => counts(v, `${path}[${i}]`));
  if (typeof x !== 'object' || x === null) return [];
  const cells = path.endsWith('.discharge_reasons') || path.endsWith('.excluded');
  return Object.entries(x).flatMap(([k, v]): [string, unknown][] =>
    cells || COUNT_KEYS.has(k) ? [[`${path}.${k}`, v]] : counts(v, `${path}.${k}`),
  );
}

/** Every number of a JSON value with its path. */
function numbers(x: unknown, path = ''): [string, number][] {
  if (typeof x === 'number') return [[path, x]];
  if (Array.isArray(x)) return x.flatMap((v, i) => numbers(v, `${path}[${i}]`));
  if (typeof x === 'object' && x !== null)
    return Object.entries(x).flatMap(([k, v]) => numbers(v, `${path}.${k}`));
  return [];
}

let dir: string;
let ids: string[];
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'iop-report-privacy-'));
  const conn = await NativeConnector.open();
  try {
    const rows = await conn.query<{ id: string }>(
      `SELECT DISTINCT episode_id::VARCHAR AS id FROM read_parquet(?)
       UNION SELECT DISTINCT client_id::VARCHAR FROM read_parquet(?)`,
      [join(GOLDEN_DIR, 'episodes.parquet'), join(GOLDEN_DIR, 'episodes.parquet')],
    );
    ids = rows.map((r) => r.id);
  } finally {
    await conn.close();
  }
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** The ids of the input that occur in the text as a whole number (not inside a longer number). */
const idsIn = (text: string): string[] =>
  ids.filter((id) => new RegExp(`(?<![\\d.])${id}(?!\\d)`).test(text));

describe('npm run report --json: the privacy rule', () => {
  it('a one-episode cohort: counts "<11", figures on them hidden, no input id; the screen stays exact', async () => {
    const out = join(dir, 'tiny.json');
    const r = await report(GOLDEN_DIR, '--program', 'harbor', '--where', 'sex=other', '--json', out);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('cohort 1 episodes');
    expect(r.stderr).toMatch(/JSON written to .*privacy rule applied: \d+ counts hidden/);
    const text = await readFile(out, 'utf8');
    const json = JSON.parse(text);
    expect(text).toContain('"<11"');
    expect(json.cohort.episodes).toBe('<11');
    expect(json.programs.harbor.episodes).toBe('<11');
    expect(json.measures.discharge_reasons).toEqual({ terminated: '<11' });
    expect(json.measures.completion_rate).toMatchObject({
      value: null,
      lower: null,
      upper: null,
      denominator: '<11',
    });
    expect(json.measures.los_median).toMatchObject({ value: null, q1: null, q3: null, n: '<11' });
    expect(json.privacy.suppressed_cells).toBeGreaterThan(0);
    for (const [path, v] of counts(json))
      expect(
        typeof v === 'number' ? v === 0 || v > 10 : HIDDEN.has(v as string),
        `${path}=${String(v)}`,
      ).toBe(true);
    expect(ids.length).toBe(671);
    expect(idsIn(`{"x": [${ids[0]}]}`)).toEqual([ids[0]]);
    expect(idsIn(text)).toEqual([]);
  });

  it('five programs: a lone small reason takes a complement, shown figures are exact, --exact writes exact', async () => {
    const out = join(dir, 'male.json');
    const exactOut = join(dir, 'male-exact.json');
    const [r, x] = await Promise.all([
      report(GOLDEN_DIR, '--where', 'sex=male', '--json', out),
      report(GOLDEN_DIR, '--where', 'sex=male', '--json', exactOut, '--exact'),
    ]);
    expect(r.code).toBe(0);
    expect(x.code).toBe(0);
    expect(x.stderr).toMatch(/^Warning: .*male-exact\.json .*not for release\.$/m);
    expect(r.stdout).toBe(x.stdout);
    const text = await readFile(out, 'utf8');
    const json = JSON.parse(text);
    const exact = JSON.parse(await readFile(exactOut, 'utf8'));
    expect(exact.privacy).toBeUndefined();
    expect(JSON.stringify(exact)).not.toContain('<11');

    for (const [path, v] of counts(json))
      expect(
        typeof v === 'number' ? v === 0 || v > 10 : HIDDEN.has(v as string),
        `${path}=${String(v)}`,
      ).toBe(true);
    // harbor: dropped_out (11, not small) hidden beside summit's dropped_out (10), and with it the
    // LOS median whose n would show it
    expect(exact.programs.harbor.measures.discharge_reasons.dropped_out).toBe(11);
    expect(exact.programs.summit.measures.discharge_reasons.dropped_out).toBe(10);
    expect(json.programs.harbor.measures.discharge_reasons.dropped_out).toBe('suppressed');
    expect(json.programs.summit.measures.discharge_reasons.dropped_out).toBe('<11');
    expect(json.programs.harbor.measures.los_median_dropped_out).toMatchObject({
      value: null,
      n: 'suppressed',
    });
    // no row (a program's reasons) and no column (a reason across programs) has one hidden cell alone
    const programs = Object.keys(exact.programs);
    const hidden = (v: unknown) => HIDDEN.has(v as string);
    for (const p of ['overall', ...programs]) {
      const row = Object.values(
        p === 'overall' ? json.measures.discharge_reasons : json.programs[p].measures.discharge_reasons,
      );
      expect(row.filter(hidden).length, p).not.toBe(1);
    }
    for (const reason of Object.keys(exact.measures.discharge_reasons)) {
      if (hidden(json.measures.discharge_reasons[reason])) continue;
      const column = programs.map((p) => json.programs[p].measures.discharge_reasons[reason] ?? 0);
      expect(column.filter(hidden).length, reason).not.toBe(1);
    }
    // every number left in the published file is the exact figure
    const exactNumbers = new Map(numbers(exact));
    const shown = numbers(json).filter(([path]) => !path.startsWith('.privacy'));
    // (fewer since #15: counts 1-10 away from the episodes they rest on are hidden too)
    expect(shown.length).toBeGreaterThan(400);
    expect(auditRelease(json)).toEqual([]);
    for (const [path, v] of shown) expect(exactNumbers.get(path), path).toBe(v);
    expect(idsIn(text)).toEqual([]);
  });

  it('--exact: parsed with --json only', () => {
    expect(parseReportArgs(['d', '--json', 'r.json', '--exact'])).toMatchObject({
      json: 'r.json',
      exact: true,
    });
    expect(parseReportArgs(['d', '--json', 'r.json']).exact).toBeUndefined();
    expect(() => parseReportArgs(['d', '--exact'])).toThrow(/--exact applies to --json FILE/);
  });
});
