import { expect } from 'vitest';
import type { Row } from '../../core/engine/connector';

/**
 * Deep equality, numbers to a relative `tolerance` (of at least 1): figures computed in two ways
 * add doubles in different orders. Maps compare by keys, in order, then values.
 */
export function expectClose(actual: unknown, expected: unknown, tolerance: number, path = '$'): void {
  if (typeof expected === 'number' && typeof actual === 'number') {
    if (Math.abs(actual - expected) > tolerance * Math.max(1, Math.abs(expected)))
      expect(actual, path).toBe(expected);
    return;
  }
  if (expected instanceof Map && actual instanceof Map) {
    expect([...actual.keys()], path).toEqual([...expected.keys()]);
    for (const [k, v] of expected) expectClose(actual.get(k), v, tolerance, `${path}.${String(k)}`);
    return;
  }
  if (expected && typeof expected === 'object' && actual && typeof actual === 'object') {
    expect(Object.keys(actual).sort(), path).toEqual(Object.keys(expected).sort());
    for (const [k, v] of Object.entries(expected))
      expectClose((actual as Row)[k], v, tolerance, `${path}.${k}`);
    return;
  }
  expect(actual, path).toEqual(expected);
}
