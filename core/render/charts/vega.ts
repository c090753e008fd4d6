import type { Spec } from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';
import { withPointLabels } from './point-labels';

type CompileOptions = NonNullable<Parameters<typeof compile>[1]>;

/**
 * A chart spec as Vega: Vega-Lite's compile, then the Vega-only marks the spec's usermeta asks
 * for (point labels). The one compile of the dashboard's charts and the static SVG's.
 */
export const toVega = (spec: TopLevelSpec, options?: CompileOptions): Spec =>
  withPointLabels(compile(spec, options).spec);
