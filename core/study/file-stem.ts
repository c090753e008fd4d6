/**
 * A study's file name stem: a readable slug of its programs plus a short hash of their exact ids,
 * so ids that slug alike (`a!`, `a?`, names in other scripts) never share a file, and the same
 * study always gets the same name.
 */
export function studyStem(programIds: readonly string[], comparatorKind: string): string {
  const slug =
    programIds
      .join('+')
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .replace(/[^A-Za-z0-9+_-]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 48) || 'program';
  const kind = comparatorKind.replace(/[^A-Za-z0-9_-]+/g, '-');
  return `study-${slug}-${shortHash(JSON.stringify(programIds))}-vs-${kind}`;
}

/** FNV-1a over the UTF-16 code units, 32 bits as 8 hex digits: stable, not a secret. */
export function shortHash(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(16).padStart(8, '0');
}
