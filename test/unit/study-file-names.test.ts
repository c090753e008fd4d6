import { describe, expect, it } from 'vitest';
import { shortHash, studyStem } from '../../core/study/file-stem';

/** Finding 5 of #15: program ids that sanitised alike ("a!", "a?") wrote 8 studies into 6 files. */
describe('study files overwrite each other', () => {
  it('gives every program id its own stable file name', () => {
    const ids = [
      'a!',
      'a?',
      'a',
      'a-',
      'Ünïcödé',
      'Unicode',
      '東京',
      'القاهرة',
      'Москва',
      '',
      '../etc',
      'a/b',
    ];
    const stems = ids.map((id) => studyStem([id], 'others'));
    expect(new Set(stems).size).toBe(ids.length);
    for (const s of stems) expect(s).toMatch(/^study-[A-Za-z0-9+_-]+-[0-9a-f]{8}-vs-others$/);
    expect(studyStem(['a!'], 'others')).toBe(studyStem(['a!'], 'others'));
    expect(studyStem(['Ünïcödé'], 'others')).toMatch(/^study-Unicode-/);
    expect(studyStem(['harbor', 'valley'], 'outpatient')).toMatch(
      /^study-harbor\+valley-[0-9a-f]{8}-vs-outpatient$/,
    );
    expect(studyStem(['a', 'b'], 'others')).not.toBe(studyStem(['a+b'], 'others'));
  });

  it('hashes as FNV-1a 32 (published test vectors)', () => {
    expect(shortHash('')).toBe('811c9dc5');
    expect(shortHash('a')).toBe('e40c292c');
    expect(shortHash('foobar')).toBe('bf9cf968');
  });
});
