import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { OutcomeSession } from '../../core/measures/session';
import { TRANSITIONS, type TransitionCount } from '../../core/measures/transitions-series';
import type { Proportion } from '../../core/measures/types';
import { exportFolderFiles } from '../../pipelines/lib/export-folder';
import { writeExport } from '../fixtures/broken/export-builder';
import { ENGINES, GOLDEN_EXPECTED } from '../support/engines';
import { goldenSession } from '../support/golden-session';

const sum = (rows: TransitionCount[], pick: (r: TransitionCount) => boolean) =>
  rows.filter(pick).reduce((s, r) => s + r.episodes, 0);

describe.each(ENGINES)('transitions after discharge ($name)', ({ open }) => {
  const fixture = goldenSession(open);

  it('overall: 46 step-downs of 254 discharged, as golden', async () => {
    const expected = JSON.parse(await readFile(GOLDEN_EXPECTED, 'utf8'));
    const golden = expected.measures.step_down_rate as Proportion;
    const t = (await fixture.session.series({ level: 'iop' }, { kind: 'overall' }, 0))
      .transitions_after_discharge;
    if (!('rows' in t)) throw new Error('unavailable');
    expect(t.rows.map((r) => r.transition)).toEqual([...TRANSITIONS]);
    expect(sum(t.rows, (r) => r.transition === 'step_down')).toBe(golden.numerator);
    expect(sum(t.rows, () => true)).toBe(golden.denominator);
    expect(golden.numerator).toBe(46);
    expect(golden.denominator).toBe(254);
  });

  it('per program: step-downs and discharged equal the step_down_rate of each program', async () => {
    const by = { kind: 'by', column: 'program_id' } as const;
    const grouped = await fixture.session.grouped({ level: 'iop' }, by);
    const t = (await fixture.session.series({ level: 'iop' }, by, 0)).transitions_after_discharge;
    if (!('rows' in t)) throw new Error('unavailable');
    for (const g of grouped.groups) {
      const rate = grouped.measures.get(g)!.step_down_rate as Proportion;
      expect(sum(t.rows, (r) => r.grp === g && r.transition === 'step_down')).toBe(rate.numerator);
      expect(sum(t.rows, (r) => r.grp === g)).toBe(rate.denominator);
      expect(t.rows.filter((r) => r.grp === g)).toHaveLength(4);
    }
    expect(sum(t.rows, (r) => r.transition === 'step_up')).toBeGreaterThan(0);
    expect(sum(t.rows, (r) => r.transition === 'none')).toBeGreaterThan(0);
  });

  it('not available when the manifest says client_linkage: false', async () => {
    const unlinked = await open();
    try {
      const manifest = JSON.stringify({
        contract_version: '1',
        extract_date: '2026-06-30',
        client_linkage: false,
      });
      const s = await OutcomeSession.open(unlinked, await exportFolderFiles(await writeExport({}, manifest)));
      const t = (await s.series({ level: 'iop' }, { kind: 'overall' }, 0)).transitions_after_discharge;
      expect(t).toEqual({ value: null, reason: expect.stringContaining('not linked by client') });
    } finally {
      await unlinked.close();
    }
  });
});
