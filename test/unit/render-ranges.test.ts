import { describe, expect, it } from 'vitest';
import { formatDaysRange, formatMeasure } from '../../core';

describe('day ranges', () => {
  it('keeps one decimal on both ends when either end needs it', () => {
    expect(formatDaysRange(59.2, 61)).toBe('59.2\u201361.0 days');
    expect(formatDaysRange(59, 61.04)).toBe('59\u201361 days');
    expect(formatDaysRange(59.96, 61)).toBe('60\u201361 days');
    expect(formatDaysRange(-1.25, 3)).toBe('\u22121.3\u20133.0 days');
  });

  it('an RMST and a median of days print their range so', () => {
    const rmst = { value: 60.1, se: 0.5, lower: 59.2, upper: 61 };
    expect(formatMeasure(rmst, 'rmst_retention_90')).toBe('60.1 days (59.2\u201361.0 days)');
    const los = { value: 42, q1: 20, q3: 63.5, n: 120 };
    expect(formatMeasure(los, 'los_median')).toBe('42 days (IQR 20.0\u201363.5 days), n = 120');
  });
});
