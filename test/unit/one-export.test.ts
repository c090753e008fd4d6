import { describe, expect, it } from 'vitest';
import { mixedExportMessage, oneExport } from '../../web/src/engine/export-files';

const f = (path: string) => ({ name: path.split('/').pop()!, path });
const pick = (paths: string[]) => oneExport(paths.map(f), (x) => x.path);

/** Finding 2 of #15: a parent folder holding two exports loaded episodes from one, encounters from the other. */
describe('the browser silently mixes two exports', () => {
  it('refuses tables from more than one folder and lists them', () => {
    const chosen = pick([
      'parent/a/episodes.parquet',
      'parent/a/manifest.json',
      'parent/b/encounters.parquet',
      'parent/b/episodes.parquet',
      'parent/b/followups.parquet',
      'parent/notes.txt',
    ]);
    expect(chosen).toEqual({
      folders: [
        { folder: 'parent/a', names: ['episodes.parquet', 'manifest.json'] },
        { folder: 'parent/b', names: ['encounters.parquet', 'episodes.parquet', 'followups.parquet'] },
      ],
    });
    if (!('folders' in chosen)) return;
    const message = mixedExportMessage(chosen.folders);
    expect(message).toMatch(/2 exports, which are never mixed/);
    expect(message).toContain('- parent/b: encounters.parquet, episodes.parquet, followups.parquet');
    expect(message).not.toContain('manifest.json');
  });

  it('takes the one folder that holds tables, nested or not', () => {
    expect(pick(['exp/episodes.parquet', 'exp/manifest.json', 'exp/readme.txt'])).toEqual({
      files: [f('exp/episodes.parquet'), f('exp/manifest.json')],
    });
    expect(pick(['parent/exp/episodes.parquet', 'parent/manifest.json'])).toEqual({
      files: [f('parent/exp/episodes.parquet')],
    });
    expect(pick(['episodes.parquet', 'programs.parquet'])).toEqual({
      files: [f('episodes.parquet'), f('programs.parquet')],
    });
    expect(pick(['x/readme.txt'])).toEqual({ files: [f('x/readme.txt')] });
    expect('folders' in pick(['exp/episodes.parquet', 'exp/old/episodes.parquet'])).toBe(true);
  });
});
