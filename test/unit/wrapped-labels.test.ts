import { describe, expect, it } from 'vitest';
import { mostLines, wrapLines, wrappedLabels } from '../../core/render/charts/legend';

describe('axis labels written on lines instead of cut short', () => {
  it('breaks after a space or an =, within the width, keeping a longer word whole', () => {
    expect(wrapLines('Abstinent, final 30 days (missing = positive)', 18)).toEqual([
      'Abstinent, final',
      '30 days (missing =',
      'positive)',
    ]);
    expect(wrapLines('primary_substance=alcohol', 18)).toEqual(['primary_substance=', 'alcohol']);
    expect(wrapLines('Completion', 18)).toEqual(['Completion']);
    expect(wrapLines('Pneumonoultramicroscopic', 10)).toEqual(['Pneumonoultramicroscopic']);
  });

  it('counts the lines of the longest name', () => {
    expect(mostLines(['Completion', 'Not dropped out, day 30'], 18)).toBe(2);
    expect(mostLines([], 18)).toBe(1);
  });

  it('maps only the names that need it, as a Vega expression', () => {
    expect(wrappedLabels(['Completion'], 18)).toBe('datum.label');
    expect(wrappedLabels(['Completion', 'Not dropped out, day 30'], 18)).toBe(
      '{"Not dropped out, day 30":["Not dropped out,","day 30"]}[datum.label] || datum.label',
    );
  });
});
