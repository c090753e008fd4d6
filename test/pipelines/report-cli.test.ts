import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseReportArgs } from '../../pipelines/lib/report-args';
import { GOLDEN_DIR, GOLDEN_EXPECTED } from '../support/engines';
import { runScript, STACK } from '../support/cli';

const report = (...args: string[]) => runScript('pipelines/report.ts', args);

describe('report arguments', () => {
  it('parses every option; repeated --where is OR; none/unknown is null', () => {
    const a = parseReportArgs([
      'dir',
      '--level',
      'op',
      '--program',
      'a',
      '--program',
      'b',
      '--from',
      '2024-01-01',
      '--to',
      '2024-12-31',
      '--where',
      'sex=female',
      '--where',
      'sex=male',
      '--where',
      'payer=unknown',
      '--where',
      'mat=none',
      '--where',
      'co_occurring_mh=yes',
      '--where',
      'age_band=55+',
      '--json',
      'out.json',
    ]);
    expect(a).toEqual({
      folder: 'dir',
      json: 'out.json',
      cohort: {
        level: 'op',
        from: '2024-01-01',
        to: '2024-12-31',
        programs: ['a', 'b'],
        filters: {
          sex: ['female', 'male'],
          payer: [null],
          mat: [null],
          co_occurring_mh: [true],
          age_band: ['55+'],
        },
      },
    });
    expect(parseReportArgs(['dir']).cohort).toEqual({ level: 'iop' });
  });
  it('rejects bad arguments with a message', () => {
    for (const [args, msg] of [
      [[], /missing the export folder/],
      [['d', '--level', 'x'], /--level/],
      [['d', '--where', 'sex'], /COLUMN=VALUE/],
      [['d', '--where', 'race=x'], /unknown column race/],
      [['d', '--where', 'sex=robot'], /unknown value/],
      [['d', '--where', 'primary_substance=none'], /never missing/],
      [['d', '--from', '2024-02-30x'], /not a date/],
      [['d', '--from', '2025-01-01', '--to', '2024-01-01'], /after/],
      [['d', '--program'], /needs a value/],
      [['d', 'e'], /only one folder/],
      [['d', '--nope'], /unknown option/],
    ] as const)
      expect(() => parseReportArgs(args), args.join(' ')).toThrow(msg);
  });
});

describe('npm run report', () => {
  it('golden export: tables for the cohort and every program, JSON named as measures.md', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'iop-report-'));
    try {
      const out = join(dir, 'r.json');
      const r = await report(GOLDEN_DIR, '--json', out);
      expect(r.code).toBe(0);
      expect(r.stdout).toContain('cohort 263 episodes');
      expect(r.stdout).toMatch(/completion_rate\s+35\.4%\s+29\.8% – 41\.5%\s+90\/254/);
      for (const p of ['harbor', 'northside', 'riverbend', 'summit', 'valley'])
        expect(r.stdout).toContain(`Program ${p}`);
      const json = JSON.parse(await readFile(out, 'utf8'));
      const expected = JSON.parse(await readFile(GOLDEN_EXPECTED, 'utf8'));
      expect(json.contract_version).toBe('1');
      expect(json.cohort.episodes).toBe(263);
      expect(json.measures.retention_30.at_risk).toBe(154);
      for (const name of Object.keys(expected.measures)) expect(Object.keys(json.measures)).toContain(name);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
  it('filters narrow the cohort', async () => {
    const r = await report(GOLDEN_DIR, '--program', 'valley', '--where', 'sex=female', '--where', 'sex=male');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/cohort \d+ episodes/);
    expect(r.stdout).toContain('Program valley');
    expect(r.stdout).not.toContain('Program harbor');
  });
  it('bad arguments: exit 2, a message, no stack trace', async () => {
    for (const args of [['/no/such/folder'], [GOLDEN_DIR, '--program', 'nope']]) {
      const r = await report(...args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr).toMatch(/^Error: /m);
      expect(r.stdout + r.stderr).not.toMatch(STACK);
    }
  });
});
