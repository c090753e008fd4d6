import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadExport } from '../../core/engine/load-export';
import { tedsComparator, tedsReference, tedsYears } from '../../core/study/teds-reference';
import { importTeds } from '../../pipelines/import/teds/import';
import { exportFolderFiles } from '../../pipelines/lib/export-folder';
import { coveringRows, readCodebook, sampler, writeTedsCsv, type TedsRow } from '../fixtures/teds/generate';
import { ENGINES } from '../support/engines';

let dir: string;
let rows: TedsRow[];
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'teds-ref-engine-'));
  const columns = await readCodebook();
  const draw = sampler(columns, 5);
  rows = [...coveringRows(columns, 1), ...Array.from({ length: 300 }, (_, i) => draw(300_000 + i))];
  await writeTedsCsv(join(dir, 'tedsd_puf_2019.csv'), columns, rows);
  await importTeds(join(dir, 'tedsd_puf_2019.csv'), join(dir, 'export'));
});
afterAll(async () => rm(dir, { recursive: true, force: true }));

describe.each(ENGINES)('TEDS-D reference over a loaded import ($name)', ({ open }) => {
  it('counts the IOP discharges by reason and names TEDS-D and the year', async () => {
    const conn = await open();
    try {
      const loaded = await loadExport(conn, await exportFolderFiles(join(dir, 'export')));
      const ref = await tedsReference(conn, loaded.manifest);
      const [{ n, completed }] = await conn.query<{ n: number; completed: number }>(
        `SELECT count(*)::INTEGER AS n, count(*) FILTER (WHERE discharge_reason = 'completed')::INTEGER AS completed
         FROM episodes WHERE level_of_care = 'iop' AND discharge_date IS NOT NULL`,
      );
      const completion = ref.find((f) => f.measure === 'completion_rate')!;
      expect(n).toBeGreaterThan(10);
      expect(completion).toMatchObject({ numerator: completed, denominator: n });
      expect(completion.value).toBeCloseTo(completed / n, 12);
      expect(tedsYears(loaded.manifest)).toBe('2019');
      const comparator = tedsComparator(ref, loaded.manifest);
      expect(comparator.label).toBe('national TEDS-D IOP discharges 2019');
      expect(comparator.source).toContain('TEDS-D');
      expect(comparator.source).toContain(`IOP discharges, n = ${n}`);
      expect(comparator.figures).toEqual([
        { measure: 'completion_rate', value: completion.value, numerator: completed, denominator: n },
      ]);
    } finally {
      await conn.close();
    }
  });
});
