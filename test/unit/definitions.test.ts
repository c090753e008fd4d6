import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFINITION_SECTIONS, DEFINITIONS } from '../../core/catalogue/definitions';
import { MEASURE_NAMES } from '../../core/measures/registry';
import { MEASURES } from '../../core/catalogue';
import { contractDoc } from '../../pipelines/lib/contract-doc';
import { measuresDoc } from '../../pipelines/lib/measures-doc';

const root = resolve(__dirname, '../..');

function files(dir: string, ext: RegExp): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    if (statSync(p).isDirectory()) return f === 'node_modules' || f === 'fixtures' ? [] : files(p, ext);
    return ext.test(f) ? [p] : [];
  });
}

/** Measure keys a view names in its card, chart and table lists (`name: 'retention_30'`). */
function keysNamedInViews(): string[] {
  const keys = new Set<string>();
  for (const f of files(join(root, 'web/src/views'), /\.tsx?$/))
    for (const m of readFileSync(f, 'utf8').matchAll(/\{ name: '([a-z0-9_]+)'/g)) keys.add(m[1]);
  return [...keys];
}

describe('measure definitions', () => {
  it('define every measure the core computes', () => {
    expect(MEASURE_NAMES.filter((k) => !DEFINITIONS[k])).toEqual([]);
  });

  it('define every measure the dashboard has a label for', () => {
    expect(MEASURES.map((m) => m.key).filter((k) => !DEFINITIONS[k])).toEqual([]);
  });

  it('define every measure a view names', () => {
    const named = keysNamedInViews();
    expect(named).toContain('retention_30');
    expect(named.filter((k) => !DEFINITIONS[k])).toEqual([]);
  });

  it('say what, over whom, with which interval and after which reference, for each', () => {
    for (const [key, d] of Object.entries(DEFINITIONS))
      for (const field of ['what', 'denominator', 'interval', 'reference'] as const)
        expect(d[field].length, `${key}.${field}`).toBeGreaterThan(3);
  });

  it('place every definition in exactly one section', () => {
    const placed = DEFINITION_SECTIONS.flatMap((s) => s.keys);
    expect(new Set(placed).size).toBe(placed.length);
    expect([...placed].sort()).toEqual(Object.keys(DEFINITIONS).sort());
  });
});

describe('shipped documents', () => {
  it('docs/measures.md is written from the definitions (npm run pipelines -- measures-doc)', () => {
    expect(readFileSync(join(root, 'docs/measures.md'), 'utf8')).toBe(measuresDoc());
  });

  it('docs/export-contract.md is written from the schema (npm run pipelines -- contract-doc)', () => {
    expect(readFileSync(join(root, 'docs/export-contract.md'), 'utf8')).toBe(contractDoc());
  });

  it('every link of the README and docs/ leads to a file of the repository', () => {
    const docs = [join(root, 'README.md'), ...files(join(root, 'docs'), /\.md$/)];
    const links = docs.flatMap((d) =>
      [...readFileSync(d, 'utf8').matchAll(/\]\(([^)#\s]+)(#[^)]*)?\)/g)]
        .map((m) => m[1])
        .filter((href) => !/^[a-z]+:/.test(href))
        .map((href) => ({ doc: d, target: resolve(dirname(d), href) })),
    );
    expect(links.length).toBeGreaterThan(3);
    expect(links.filter((l) => !l.target.startsWith(root + '/') || !existsSync(l.target))).toEqual([]);
  });

  it('nothing outside the repository is read or linked', () => {
    const outside = ['..', 'shared'].join('/');
    const checked = [
      join(root, 'README.md'),
      ...['docs', 'core', 'web', 'pipelines', 'test'].flatMap((d) =>
        files(join(root, d), /\.(ts|tsx|md|json|html)$/),
      ),
      ...readdirSync(root)
        .filter((f) => /config\.(ts|js)$/.test(f))
        .map((f) => join(root, f)),
    ];
    expect(checked.length).toBeGreaterThan(50);
    expect(checked.filter((f) => readFileSync(f, 'utf8').includes(outside))).toEqual([]);
  });
});
