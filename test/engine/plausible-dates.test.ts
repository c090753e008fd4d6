import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LoadingConnector } from '../../core/engine/connector';
import { loadExport, type LoadedExport } from '../../core/engine/load-export';
import { exportFolderFiles } from '../../pipelines/lib/export-folder';
import { edit, set, writeExport } from '../fixtures/broken/export-builder';
import { ENGINES } from '../support/engines';

const brief = (l: LoadedExport) =>
  l.validation.warnings.map((f) => ({ rule: f.rule, count: f.count, examples: f.examples }));

/** Finding 6 of #15: with no manifest, one discharge dated 2200-06-30 became the extract date. */
describe.each(ENGINES)('one bad date moves the extract date silently ($name)', ({ open }) => {
  let conn: LoadingConnector;
  const dirs: Record<string, string> = {};
  beforeAll(async () => {
    conn = await open();
    dirs.future = await writeExport(
      edit('episodes', set({ episode_id: 1 }, { discharge_date: '2200-06-30' })),
      null,
    );
    dirs.ancient = await writeExport(edit('episodes', set({ episode_id: 2 }, { admit_date: '1900-01-01' })));
    dirs.contact = await writeExport(
      edit('followups', set({ episode_id: 3 }, { contact_date: '2027-01-01' })),
    );
    dirs.plain = await writeExport({}, null);
  });
  afterAll(async () => conn?.close());
  const load = async (name: string) => loadExport(conn, await exportFolderFiles(dirs[name]));

  it('passes over dates after today and says which date it chose and why', async () => {
    const plain = await load('plain');
    const loaded = await load('future');
    expect(loaded.extractDate).toBe(plain.extractDate);
    expect(loaded.extractDate).toBe('2026-05-20');
    const note = loaded.validation.warnings.find((w) => w.rule === 'export.extract_date')!;
    expect(note.message).toMatch(/2026-05-20 is used, the latest plausible date in the data; 1 after today/);
    expect(note.examples).toEqual(['episodes.discharge_date 2200-06-30']);
    // The 2200 discharge is after E: that episode is left out, with the rule that says so.
    expect(brief(loaded)).toContainEqual({ rule: 'episodes.date_order', count: 1, examples: ['1'] });
    expect(plain.validation.warnings).toEqual([]);
  });

  it('warns of admissions before 1990 with a count and examples', async () => {
    const loaded = await load('ancient');
    const warnings = brief(loaded);
    expect(warnings).toContainEqual({ rule: 'episodes.admit_date.implausible', count: 1, examples: ['2'] });
    // Its encounter and screen go with it, as with any episode left out.
    expect(warnings.filter((w) => !w.rule.endsWith('.parent_excluded'))).toHaveLength(1);
    expect(loaded.validation.warnings.find((w) => w.rule.endsWith('implausible'))!.message).toBe(
      'episodes.admit_date is before 1990-01-01',
    );
    expect(loaded.validation.tables.find((t) => t.name === 'episodes')!.excluded).toBe(1);
  });

  it('warns of a follow-up contact after the extract date', async () => {
    const loaded = await load('contact');
    expect(brief(loaded)).toEqual([
      { rule: 'followups.contact_date.implausible', count: 1, examples: ['3/30'] },
    ]);
    expect(loaded.validation.warnings[0].message).toBe(
      'followups.contact_date is before 1990-01-01 or after the extract date 2026-06-30',
    );
  });
});
