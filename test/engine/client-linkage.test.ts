import { describe, expect, it } from 'vitest';
import { OutcomeSession } from '../../core/measures/session';
import { exportFolderFiles } from '../../pipelines/lib/export-folder';
import { writeExport } from '../fixtures/broken/export-builder';
import { ENGINES } from '../support/engines';
import type { Proportion } from '../../core/measures/types';

const manifest = (linkage: boolean) =>
  JSON.stringify({ contract_version: '1', extract_date: '2026-06-30', client_linkage: linkage });

describe.each(ENGINES)('client linkage ($name)', ({ open }) => {
  it.each([true, false])('step-down measures with client_linkage %s', async (linked) => {
    const conn = await open();
    try {
      const session = await OutcomeSession.open(
        conn,
        await exportFolderFiles(await writeExport({}, manifest(linked))),
      );
      const { measures } = await session.report({ level: 'iop' });
      if (linked) {
        expect(typeof (measures.step_down_rate as Proportion).value).toBe('number');
      } else {
        expect(measures.step_down_rate).toEqual({
          value: null,
          reason: expect.stringContaining('not linked by client'),
        });
        expect((measures.step_up_90 as Proportion).value).toBeNull();
      }
      expect(typeof (measures.completion_rate as Proportion).value).toBe('number');
    } finally {
      await conn.close();
    }
  });
});
