import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * The layers' boundaries, read from the TypeScript sources: web/ and pipelines/ reach core/ only
 * through its public entry points, and no module imports itself round a cycle. Type-only imports
 * (`import type`, `export type`) vanish at run time and are left out of the cycle check.
 */
const root = resolve(__dirname, '../..');
const PUBLIC = new Set(['core/index.ts', 'core/platform/node/index.ts', 'core/platform/browser/index.ts']);

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    if (statSync(p).isDirectory()) return f === 'node_modules' || f === 'dist' ? [] : sources(p);
    return /\.tsx?$/.test(f) && !f.endsWith('.d.ts') ? [p] : [];
  });
}

interface Edge {
  to: string;
  typeOnly: boolean;
}

const IMPORT =
  /(?:^|\n)\s*(import|export)\s+(type\s+)?(?:[\w*{}\s,]*?\s+from\s+)?['"](\.{1,2}\/[^'"]+)['"]|import\(\s*['"](\.{1,2}\/[^'"]+)['"]\s*\)/g;

/** The file a relative specifier names (x.ts, x.tsx, x/index.ts), repository-relative. */
function resolveSpec(from: string, spec: string): string | null {
  const base = resolve(dirname(from), spec);
  for (const c of [base, `${base}.ts`, `${base}.tsx`, join(base, 'index.ts'), join(base, 'index.tsx')])
    if (existsSync(c) && statSync(c).isFile()) return relative(root, c);
  return null;
}

function importsOf(file: string): Edge[] {
  const text = readFileSync(file, 'utf8').replace(/\/\*[\s\S]*?\*\//g, '');
  const edges: Edge[] = [];
  for (const m of text.matchAll(IMPORT)) {
    const spec = m[3] ?? m[4];
    const to = resolveSpec(file, spec);
    if (to && /\.tsx?$/.test(to)) edges.push({ to, typeOnly: !!m[2] });
  }
  return edges;
}

const files = ['core', 'web', 'pipelines'].flatMap((d) => sources(join(root, d)));
const graph = new Map(files.map((f) => [relative(root, f), importsOf(f)]));

/** Every cycle of run-time imports, each once, as a path a → b → … → a. */
function cycles(): string[][] {
  const found = new Map<string, string[]>();
  const state = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];
  const visit = (n: string) => {
    state.set(n, 'open');
    stack.push(n);
    for (const e of graph.get(n) ?? []) {
      if (e.typeOnly) continue;
      if (state.get(e.to) === 'open') {
        const loop = stack.slice(stack.indexOf(e.to));
        const key = [...loop].sort().join(' ');
        if (!found.has(key)) found.set(key, [...loop, e.to]);
      } else if (!state.has(e.to)) visit(e.to);
    }
    stack.pop();
    state.set(n, 'done');
  };
  for (const n of graph.keys()) if (!state.has(n)) visit(n);
  return [...found.values()];
}

describe('module boundaries', () => {
  it('reads the sources it checks', () => {
    expect(graph.get('web/src/app/App.tsx')?.length).toBeGreaterThan(3);
    expect(graph.get('core/index.ts')?.some((e) => e.to === 'core/measures/session.ts')).toBe(true);
  });

  it('web/ and pipelines/ import core/ only through its public entry points', () => {
    const deep: string[] = [];
    for (const [from, edges] of graph)
      if (!from.startsWith('core/'))
        for (const e of edges)
          if (e.to.startsWith('core/') && !PUBLIC.has(e.to)) deep.push(`${from} → ${e.to}`);
    expect(deep).toEqual([]);
  });

  it('core/ imports nothing of web/ or pipelines/', () => {
    const up = [...graph]
      .filter(([from]) => from.startsWith('core/'))
      .flatMap(([from, edges]) =>
        edges.filter((e) => !e.to.startsWith('core/')).map((e) => `${from} → ${e.to}`),
      );
    expect(up).toEqual([]);
  });

  it('no import cycles', () => {
    expect(cycles().map((c) => c.join(' → '))).toEqual([]);
  });

  it('finds a cycle when there is one', () => {
    graph.set('web/fake-a.ts', [{ to: 'web/fake-b.ts', typeOnly: false }]);
    graph.set('web/fake-b.ts', [{ to: 'web/fake-a.ts', typeOnly: false }]);
    try {
      expect(cycles().map((c) => c.join(' → '))).toContain('web/fake-a.ts → web/fake-b.ts → web/fake-a.ts');
    } finally {
      graph.delete('web/fake-a.ts');
      graph.delete('web/fake-b.ts');
    }
  });
});
