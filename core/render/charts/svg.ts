import { parse, View } from 'vega';
import { expressionInterpreter } from 'vega-interpreter';
import type { TopLevelSpec } from 'vega-lite';
import type { Datasets } from './base';
import { toVega } from './vega';

/** A spec and its named datasets drawn to static SVG (no canvas, no network). */
export async function renderSvg(spec: TopLevelSpec, data: Datasets = {}): Promise<string> {
  // Interpreted expressions (no new Function): the app's Content-Security-Policy has no unsafe-eval.
  const view = new View(parse(toVega(spec), undefined, { ast: true }), {
    renderer: 'none',
    expr: expressionInterpreter,
  });
  try {
    for (const [name, rows] of Object.entries(data))
      view.data(
        name,
        rows.map((r) => ({ ...r })),
      );
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}
