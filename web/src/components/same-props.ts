import { isValidElement } from 'react';

const NOT_DATA = new Error('not plain data');

/** A value's JSON, or null when it holds anything JSON would not tell apart (functions, elements, Maps, NaN). */
function dataJson(v: unknown): string | null {
  try {
    return JSON.stringify(v, (_k, x: unknown) => {
      if (typeof x === 'function' || x instanceof Map || x instanceof Set || isValidElement(x))
        throw NOT_DATA;
      if (typeof x === 'number' && !Number.isFinite(x)) throw NOT_DATA;
      return x;
    });
  } catch {
    return null;
  }
}

/**
 * React.memo's comparison for the panels of a view: the same props, or plain data props of equal
 * JSON (a view writes its options, tables and links inline, so they are new objects every render).
 * A filter click re-rendered every chart panel of the view, and an answer every panel it did not
 * change (the Overview's cards and charts twice a filter: its two queries answer apart).
 */
export function samePanelProps<P extends object>(a: Readonly<P>, b: Readonly<P>): boolean {
  const keys = Object.keys(a) as (keyof P)[];
  if (keys.length !== Object.keys(b).length) return false;
  return keys.every((k) => {
    const [x, y] = [a[k], b[k]];
    if (Object.is(x, y)) return true;
    if (typeof x !== 'object' || typeof y !== 'object' || x === null || y === null) return false;
    const jx = dataJson(x);
    return jx !== null && jx === dataJson(y);
  });
}
