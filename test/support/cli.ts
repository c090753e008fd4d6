import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const root = new URL('../..', import.meta.url).pathname;

export interface ScriptRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** A stack trace line: a command must never print one to a person (DEBUG is cleared). */
export const STACK = /^\s+at .+:\d+:\d+\)?$/m;

/** Runs a script of the repository under tsx (TZ=UTC, DEBUG cleared); a failing exit is returned, not thrown. */
export async function runScript(script: string, args: readonly string[]): Promise<ScriptRun> {
  try {
    const { stdout, stderr } = await promisify(execFile)('npx', ['tsx', script, ...args], {
      cwd: root,
      env: { ...process.env, TZ: 'UTC', DEBUG: '' },
    });
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as ScriptRun;
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}
