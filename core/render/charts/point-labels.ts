import type { LabelAnchor, Mark, Spec } from 'vega';

/**
 * Names of points that never overlap: Vega's label transform places each name beside its point
 * (above, below, right, left, then the corners), clear of the other names and every point, and
 * leaves out a name that fits nowhere (the point keeps its tooltip). Vega-Lite has no such
 * transform, so a spec asks for it in its `usermeta` (`pointLabels`) and `toVega` adds the text
 * mark after compiling.
 */
export interface PointLabels {
  /** The `name` of the Vega-Lite layer of the points (its Vega mark is `<layer>_marks`). */
  layer: string;
  /** The field of a point's name; a point whose name is null or empty is not named. */
  field: string;
  fontSize: number;
  color: string;
  /** A numeric field: points of a higher value are named first (they keep their names in a crowd). */
  priority?: string;
}

/**
 * Keeping names off the points draws the marks to a canvas, which a page has and Node does not
 * (node-canvas is not a dependency): there the names still keep clear of each other.
 */
const canDraw = () => typeof document !== 'undefined';

const ANCHORS: LabelAnchor[] = [
  'top',
  'bottom',
  'right',
  'left',
  'top-right',
  'top-left',
  'bottom-right',
  'bottom-left',
];

/** The `usermeta` that asks `toVega` for the names of a layer's points. */
export const pointLabelsMeta = (labels: PointLabels) => ({ pointLabels: labels });

/** `vg` with the text marks its usermeta's `pointLabels` asks for, after the points' mark. */
export function withPointLabels(vg: Spec): Spec {
  const labels = (vg.usermeta as { pointLabels?: PointLabels } | undefined)?.pointLabels;
  if (!labels) return vg;
  const base = `${labels.layer}_marks`;
  const marks = vg.marks ?? [];
  const at = marks.findIndex((m) => m.name === base);
  // the points' layer is a top-level one, so its mark is in the root group
  if (at < 0) throw new Error(`point labels: no mark ${base} at the top level`);
  const text: Mark = {
    type: 'text',
    name: `${labels.layer}_labels`,
    from: { data: base },
    interactive: false,
    encode: {
      // update (enter included): a point kept across a data change takes its new name
      update: {
        text: {
          signal: `isValid(datum.datum[${JSON.stringify(labels.field)}]) ? datum.datum[${JSON.stringify(labels.field)}] : ''`,
        },
        fontSize: { value: labels.fontSize },
        fill: { value: labels.color },
      },
    },
    transform: [
      {
        type: 'label',
        size: { signal: '[width, height]' },
        anchor: ANCHORS,
        offset: [3],
        avoidBaseMark: canDraw(),
        // compared: the text's item, whose datum is the point's item, whose datum is the row
        ...(labels.priority
          ? { sort: { field: `datum.datum.${labels.priority}`, order: 'descending' } }
          : {}),
      },
    ],
  };
  return { ...vg, marks: [...marks.slice(0, at + 1), text, ...marks.slice(at + 1)] };
}
