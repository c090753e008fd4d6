import type { OpenFailure } from '../engine/engine-api';

/**
 * What a load failure says: a headline and the lines under it (each finding's message, or the
 * message's own list), never repeating the headline (the too-large message is both).
 */
export function failureLines(failure: OpenFailure): { headline: string; lines: string[] } {
  const [headline, ...rest] = failure.message.split('\n');
  const errors = failure.report?.errors ?? [];
  const lines = errors.length
    ? errors.map((e) => e.message)
    : rest.map((l) => l.replace(/^- /, '')).filter(Boolean);
  return { headline, lines: [...new Set(lines)].filter((l) => l !== headline) };
}
