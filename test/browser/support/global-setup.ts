import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TestProject } from 'vitest/node';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const GOLDEN = resolve(root, 'test/fixtures/golden/export');

/** The export the built app opens with: sample-data/ when it holds one, else the golden fixture. */
export function sampleDirForTests(): string {
  const sample = join(root, 'sample-data');
  const has = existsSync(sample) && readdirSync(sample).some((f) => f === 'episodes.parquet');
  return has ? sample : GOLDEN;
}

function freePort(): Promise<number> {
  return new Promise((res, rej) => {
    const srv = createServer();
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => res(port));
    });
    srv.on('error', rej);
  });
}

async function waitFor(url: string, ms: number) {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`vite preview did not answer at ${url}`);
}

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
    sampleDir: string;
  }
}

let server: ChildProcess | null = null;

/** Builds the app with vite and serves the build with `vite preview` on a free port for the browser tests. */
export default async function setup(project: TestProject) {
  const sampleDir = sampleDirForTests();
  const env = { ...process.env, IOP_SAMPLE_DIR: sampleDir };
  const vite = join(root, 'node_modules/.bin/vite');
  const build = spawnSync(vite, ['build', '--logLevel', 'warn'], { cwd: root, env, encoding: 'utf8' });
  if (build.status !== 0) throw new Error(`vite build failed:\n${build.stdout}\n${build.stderr}`);
  const port = await freePort();
  server = spawn(vite, ['preview', '--port', String(port), '--strictPort', '--host', '127.0.0.1'], {
    cwd: root,
    env,
    stdio: 'ignore',
    detached: true,
  });
  const baseUrl = `http://127.0.0.1:${port}/`;
  await waitFor(baseUrl, 30_000);
  project.provide('baseUrl', baseUrl);
  project.provide('sampleDir', sampleDir);
  return async () => {
    if (server?.pid) process.kill(-server.pid, 'SIGTERM');
    server = null;
  };
}
