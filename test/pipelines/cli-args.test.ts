import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { parseCommandLine, UsageError } from '../../pipelines/lib/cli';
import { parseReportArgs } from '../../pipelines/lib/report-args';

const run = promisify(execFile);
async function cli(script: string, args: string[]) {
  try {
    const r = await run('npx', ['tsx', script, ...args], { env: { ...process.env, TZ: 'UTC' } });
    return { code: 0, stdout: r.stdout, stderr: r.stderr };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

/** #10 boundary item and finding 7 of #15: one argument parser; impossible dates are usage errors (exit 2). */
describe('one command-line parser', () => {
  it('reads flags strictly and says what is wrong', () => {
    expect(parseCommandLine(['d', '--out', 'x'], { out: { type: 'string' } })).toMatchObject({
      values: { out: 'x' },
      positionals: ['d'],
    });
    expect(() => parseCommandLine(['--nope'], {})).toThrow(new UsageError('unknown option --nope'));
    expect(() =>
      parseCommandLine(['--out', '--json'], { out: { type: 'string' }, json: { type: 'boolean' } }),
    ).toThrow(/--out needs a value/);
    expect(parseReportArgs(['d', '--from=2024-01-01', '--program', 'a', '--program', 'b']).cohort).toEqual({
      level: 'iop',
      from: '2024-01-01',
      programs: ['a', 'b'],
    });
  });

  it('impossible calendar dates: exit 2 with a message, on report and study', async () => {
    for (const [script, extra] of [
      ['pipelines/report.ts', []],
      ['pipelines/study.ts', ['--all-programs', '--out', '/tmp/never-written']],
    ] as const) {
      const r = await cli(script, ['/no/such/folder', '--from', '2023-02-29', ...extra]);
      expect(r.code, script).toBe(2);
      expect(r.stderr).toMatch(/^Error: --from: 2023-02-29 is not a day of the calendar/m);
      expect(r.stderr).not.toMatch(/Conversion Error|\n\s+at /);
    }
    const v = await cli('pipelines/cli.ts', ['validate', '--bogus']);
    expect(v.code).toBe(2);
    expect(v.stderr).toMatch(/unknown option --bogus/);
    const g = await cli('pipelines/cli.ts', [
      'generate',
      '--out',
      '/tmp/x',
      '--episodes',
      '5',
      '--seed',
      '1',
      '--extract-date',
      '2023-02-29',
    ]);
    expect(g.code).toBe(2);
    expect(g.stderr).toMatch(/--extract-date must be a date/);
  });
});
