import { describe, expect, it } from 'vitest';
import type { Spec } from 'vega';
import { funnelSpec, PRINT_THEME, renderSvg, toVega } from '../../core';
import { withPointLabels } from '../../core/render/charts/point-labels';

const limits = [1, 10, 100, 1000].map((n) => {
  const se = Math.sqrt(0.24 / n);
  return { n, lo95: 0.4 - 2 * se, hi95: 0.4 + 2 * se, lo998: 0.4 - 3 * se, hi998: 0.4 + 3 * se };
});
type Point = { label: string | null; n: number; rate: number; position: string };
const WITHIN = 'within the limits';
const OUTSIDE = 'outside the limits';

/** The funnel's names as drawn: text, position, and whether shown. */
async function names(points: Point[]) {
  const svg = await renderSvg(funnelSpec({ width: 500, xTitle: 'Discharges', yTitle: 'Rate' }, PRINT_THEME), {
    points,
    limits,
    overall: [{ p: 0.4 }],
    bounds: [{ lo: 0, hi: 1 }],
  });
  const group = /<g class="mark-text role-mark funnel_points_labels"[^>]*>([\s\S]*?)<\/g>/.exec(svg);
  expect(group).not.toBeNull();
  return [
    ...group![1].matchAll(
      /<text[^>]*translate\(([\d.-]+),([\d.-]+)\)[^>]*opacity="([\d.]+)"[^>]*>([^<]*)<\/text>/g,
    ),
  ]
    .map(([, x, y, opacity, text]) => ({ text, x: Number(x), y: Number(y), shown: opacity === '1' }))
    .filter((l) => l.text);
}

describe('point labels (Vega label transform, added after compiling)', () => {
  it('names every named point that has room, and only those', async () => {
    const shown = await names([
      { label: 'Northside Recovery IOP', n: 900, rate: 0.42, position: WITHIN },
      { label: 'Valley Family Program', n: 150, rate: 0.3, position: WITHIN },
      { label: null, n: 500, rate: 0.5, position: WITHIN },
    ]);
    expect(shown.map((l) => [l.text, l.shown])).toEqual([
      ['Northside Recovery IOP', true],
      ['Valley Family Program', true],
    ]);
  });

  it('two programs at one spot are named on different sides, not one over the other', async () => {
    const [a, b] = await names([
      { label: 'Riverbend Evening IOP', n: 840, rate: 0.4, position: WITHIN },
      { label: 'Northside Recovery IOP', n: 842, rate: 0.401, position: WITHIN },
    ]);
    expect(a.shown && b.shown).toBe(true);
    // 11 px text: apart by a line's height, or side by side
    expect(Math.abs(a.y - b.y) >= 11 || Math.abs(a.x - b.x) >= 100).toBe(true);
  });

  it('in a crowd, names that fit nowhere are left out, and a flagged program keeps its name', async () => {
    const crowd: Point[] = Array.from({ length: 12 }, (_, i) => ({
      label: `Program number ${i + 1} of the crowd`,
      n: 600,
      rate: 0.45,
      position: i === 11 ? OUTSIDE : WITHIN,
    }));
    const drawn = await names(crowd);
    expect(drawn).toHaveLength(12);
    const shown = drawn.filter((l) => l.shown);
    expect(shown.length).toBeGreaterThan(0);
    expect(shown.length).toBeLessThan(12);
    expect(shown.map((l) => l.text)).toContain('Program number 12 of the crowd');
    expect(new Set(shown.map((l) => `${l.x},${l.y}`)).size).toBe(shown.length);
  });

  it('a spec that asks for no labels compiles as Vega-Lite compiles it; a missing layer is an error', () => {
    const plain = toVega({ data: { values: [] }, mark: 'point' });
    expect(plain.marks?.map((m) => m.type)).toEqual(['symbol']);
    const asking = {
      ...plain,
      usermeta: { pointLabels: { layer: 'nowhere', field: 'label', fontSize: 11, color: '#000' } },
    };
    expect(() => withPointLabels(asking as Spec)).toThrow(/no mark nowhere_marks/);
  });
});
