import { describe, expect, it } from 'vitest';
import { DASHBOARD_THEME, PALETTE, PRINT_THEME } from '../../core';

/** WCAG 2 relative luminance and contrast ratio. */
function luminance(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((i) => {
    const c = parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}
const contrast = (a: string, b: string) => {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
};

describe('series colours', () => {
  it('computes contrast as WCAG does (black on white is 21:1, #767676 on white 4.54:1)', () => {
    expect(contrast('#000000', '#ffffff')).toBeCloseTo(21, 6);
    expect(contrast('#767676', '#ffffff')).toBeCloseTo(4.54, 2);
  });

  it('every series colour has at least 3:1 contrast with the white chart background', () => {
    const weak = PALETTE.filter((c) => contrast(c, '#ffffff') < 3);
    expect(weak).toEqual([]);
    expect(new Set(PALETTE.map((c) => c.toLowerCase())).size).toBe(PALETTE.length);
  });

  it('both chart themes draw their arms, single series and flagged points with at least 3:1 contrast on white', () => {
    for (const theme of [DASHBOARD_THEME, PRINT_THEME]) {
      const colours = [...theme.arms, theme.accent, theme.flag, theme.ink, theme.muted];
      expect(colours.filter((c) => contrast(c, '#ffffff') < 3)).toEqual([]);
    }
    expect(DASHBOARD_THEME.arms).toEqual(PALETTE.slice(0, 2));
  });
});
