import { describe, expect, it } from 'vitest';
import { TooLargeError } from '../../core/engine/too-large';
import { failureLines } from '../../web/src/components/failure-lines';

/** Finding 9 of #15 (last part): the too-large message was printed twice. */
describe('the too-large message printed twice', () => {
  it('says the too-large message once', () => {
    const { message } = new TooLargeError('encounters.parquet', 80_000_000);
    const finding = {
      rule: 'encounters.too_large',
      severity: 'error' as const,
      table: 'encounters' as const,
      message,
      count: 1,
      examples: [],
    };
    const shown = failureLines({
      message,
      report: { usable: false, errors: [finding], warnings: [], tables: [], ignoredFiles: [] },
    });
    expect(shown).toEqual({ headline: message, lines: [] });
    expect(message).toMatch(/80,000,000 encounter rows/);
  });

  it('keeps every other line under its headline', () => {
    expect(failureLines({ message: 'The export could not be read:\n- a\n- b\n- a' })).toEqual({
      headline: 'The export could not be read:',
      lines: ['a', 'b'],
    });
  });
});
