import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { computeComparative } from '../../core/comparative/compute';
import type { Comparative, OutcomeEstimate } from '../../core/comparative/types';
import type { LoadingConnector } from '../../core/engine/connector';
import { OutcomeSession } from '../../core/measures/session';
import { isSmall, isSuppressed } from '../../core/privacy/small-cell';
import { buildStudy } from '../../core/study/build';
import { comparativeSummary } from '../../core/study/comparative-narrative';
import { studyExports } from '../../core/study/exports';
import { studyHtml } from '../../core/study/html';
import type { Study, StudyRequest } from '../../core/study/types';
import { exportFolderFiles } from '../../pipelines/lib/export-folder';
import { compareWithR } from '../support/compare-r';
import { ENGINES } from '../support/engines';

const DIR = new URL('../fixtures/comparative/', import.meta.url).pathname;
const EXPECTED = JSON.parse(readFileSync(`${DIR}expected.json`, 'utf8')) as Record<string, unknown>;
const inputs = { files: [], productVersion: 'test' };
const request: StudyRequest = {
  programs: ['harbor'],
  comparator: { kind: 'outpatient' },
  level: 'iop',
  from: '2024-07-01',
};

describe.each(ENGINES)(
  'the study against outpatient care leads with the adjusted comparison ($name)',
  ({ open }) => {
    let conn: LoadingConnector;
    let session: OutcomeSession;
    let study: Study;

    beforeAll(async () => {
      conn = await open();
      session = await OutcomeSession.open(conn, await exportFolderFiles(`${DIR}export`));
      study = await buildStudy(session, request, inputs);
    }, 120_000);
    afterAll(async () => conn?.close());

    it('carries the comparative block of the core for the same arms, which is R’s', async () => {
      const core = await computeComparative(session.context('iop'), {
        treatmentPrograms: ['harbor'],
        from: '2024-07-01',
      });
      expect('comparative' in core && study.comparative).toEqual('comparative' in core && core.comparative);
      const diffs: string[] = [];
      compareWithR(EXPECTED.harbor_from_2024_07, study.comparative, 'harbor', diffs);
      expect(diffs).toEqual([]);
    });

    it('the first paragraph states the primary result, its interval and the unadjusted one from the block', () => {
      const c = study.comparative as Comparative;
      const p = c.outcomes.abstinent_followup_90_mip as OutcomeEstimate;
      const [first, cost, quadrant] = comparativeSummary(study);
      expect(first).toContain(`${(p.treated.value * 100).toFixed(1)}% with Harbor House IOP`);
      expect(first).toContain(`${(p.control.value * 100).toFixed(1)}% with outpatient care`);
      const pts = (v: number) => (v * 100).toFixed(1).replace('-', '\u2212');
      expect(first).toContain(`95% CI ${pts(p.difference.lower)} to ${pts(p.difference.upper)}`);
      const clear = p.difference.lower > 0 || p.difference.upper < 0;
      expect(first.includes('not clearly different')).toBe(!clear);
      const ce = c.cost_effectiveness as Exclude<Comparative['cost_effectiveness'], { reason: string }>;
      expect(cost).toContain(
        ce.delta_cost > 0 ? 'more than one of outpatient care' : 'less than one of outpatient care',
      );
      if (ce.quadrant === 'more effective, more costly')
        expect(quadrant).toContain(
          `$${Math.round(ce.icer!).toLocaleString('en-US')} more with Harbor House IOP`,
        );
      if (ce.quadrant === 'dominated') expect(quadrant).toContain('both cheaper and at least as effective');
      expect(comparativeSummary(study).join(' ')).toContain(`E-value ${p.e_value!.value.toFixed(2)}`);
    });

    it('the HTML shows the section before the unadjusted design, with its five pictures, self-contained', async () => {
      const html = await studyHtml(study);
      const section = html.slice(
        html.indexOf('<section id="comparative">'),
        html.indexOf('<section id="design">'),
      );
      expect(section.length).toBeGreaterThan(1000);
      expect(html.indexOf('id="comparative"')).toBeLessThan(html.indexOf('id="design"'));
      expect(section.match(/<svg/g)).toHaveLength(5);
      expect(section).toContain('The target trial and its emulation');
      expect(html).not.toMatch(/(src|href)="https?:/);
    });

    it('step-down from outpatient care is not applicable, not 0%', () => {
      const row = study.outcomes.find((o) => o.measure === 'step_down_rate')!;
      expect(row.values.comparator).toEqual({ value: null, reason: 'not applicable' });
      expect(row.difference).toBeNull();
    });

    it('exports: the block is in the JSON, no histogram bin or unweighted rate rests on 1 to 10 episodes', async () => {
      const ex = await studyExports(study);
      const json = JSON.parse(ex.json) as Study;
      const c = json.comparative as Comparative;
      expect(c.treatment_level).toBe('iop');
      for (const arm of ['treated', 'control'] as const) {
        const bins = c.propensity.histogram[arm];
        expect(bins.some(isSuppressed)).toBe(true);
        for (const b of bins) if (!isSuppressed(b)) expect(isSmall(b)).toBe(false);
        expect(bins.filter(isSuppressed).length).not.toBe(1);
      }
      for (const o of Object.values(c.outcomes)) {
        if ('reason' in o) continue;
        for (const a of [o.treated, o.control]) {
          expect(a.n).toBeGreaterThanOrEqual(11);
          if (typeof a.unweighted === 'number' && o.rr)
            expect(isSmall(Math.round(a.unweighted * a.n))).toBe(false);
        }
      }
      expect(ex.html).toContain('id="comparative"');
    });
  },
);

describe('npm run study -- <folder> --program ID --comparator op --exact', () => {
  let out: string;
  beforeAll(async () => {
    out = await mkdtemp(join(tmpdir(), 'study-comparative-'));
  });
  afterAll(async () => rm(out, { recursive: true, force: true }));

  it('writes a study whose comparative block equals R', async () => {
    const args = ['tsx', 'pipelines/study.ts', `${DIR}export`, '--program', 'harbor', '--from', '2024-07-01'];
    await promisify(execFile)('npx', [...args, '--comparator', 'op', '--exact', '--out', out], {
      env: { ...process.env, TZ: 'UTC' },
    });
    const [file] = (await readdir(out)).filter((f) => f.endsWith('.json'));
    const json = JSON.parse(await readFile(join(out, file), 'utf8')) as Study;
    expect(json.meta.privacy).toBe('exact');
    const diffs: string[] = [];
    compareWithR(EXPECTED.harbor_from_2024_07, json.comparative, 'cli', diffs);
    expect(diffs).toEqual([]);
  }, 120_000);
});
