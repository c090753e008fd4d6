import { readFileSync } from 'node:fs';
import { copyFile, mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Cohort } from '../../core/cohort/types';
import { NativeConnector } from '../../core/connectors/native';
import type { LoadingConnector } from '../../core/engine/connector';
import { quoteLiteral } from '../../core/engine/sql';
import { OutcomeSession } from '../../core/measures/session';
import type { Proportion } from '../../core/measures/types';
import { isSuppressed } from '../../core/privacy/small-cell';
import { buildStudy } from '../../core/study/build';
import { definitionAnchor } from '../../core/catalogue/definitions';
import { escapeHtml } from '../../core/render/html';
import { studyBody, studyHtml } from '../../core/study/html';
import { studyCharts } from '../../core/study/charts';
import { studyExports } from '../../core/study/exports';
import { StudyService } from '../../core/study/service';
import { limitations } from '../../core/study/narrative';
import { outcomeSpecs } from '../../core/study/outcomes';
import { publishStudy } from '../../core/study/publish';
import type { Study, StudyRequest } from '../../core/study/types';
import { exportFolderFiles } from '../../pipelines/lib/export-folder';
import { ENGINES, GOLDEN_DIR, GOLDEN_EXPECTED } from '../support/engines';

const golden = JSON.parse(readFileSync(GOLDEN_EXPECTED, 'utf8')) as {
  programs: Record<string, { episodes: number; measures: Record<string, Record<string, number>> }>;
  risk_adjusted: Record<string, Record<string, number>>;
  risk_model: { c_statistic: number };
};
const PROGRAMS = Object.keys(golden.programs).sort();
const inputs = { files: [], productVersion: 'test' };
const limitationsOf = (s: Study) => limitations(s).join('\n');

describe.each(ENGINES)('outcome study: $name', ({ open }) => {
  let conn: LoadingConnector;
  let session: OutcomeSession;
  let study: Study;
  const request: StudyRequest = { programs: ['northside'], comparator: { kind: 'others' }, level: 'iop' };

  beforeAll(async () => {
    conn = await open();
    session = await OutcomeSession.open(conn, await exportFolderFiles(GOLDEN_DIR));
    study = await buildStudy(session, request, inputs);
  });
  afterAll(async () => conn?.close());

  it("every outcome equals the measures engine's figure for the same cohort", async () => {
    const program: Cohort = { level: 'iop', programs: ['northside'] };
    const others: Cohort = { level: 'iop', programs: PROGRAMS.filter((p) => p !== 'northside') };
    const a = (await session.grouped(program, { kind: 'overall' })).measures.get('overall')!;
    const b = (await session.grouped(others, { kind: 'overall' })).measures.get('overall')!;
    for (const o of outcomeSpecs()) {
      const row = study.outcomes.find((r) => r.measure === o.measure)!;
      expect(row.values.program, o.measure).toEqual(a[o.measure]);
      expect(row.values.comparator, o.measure).toEqual(b[o.measure]);
    }
    expect(study.n.program).toBe(golden.programs.northside.episodes);
    const cost = study.cost!.program;
    const value = (v: unknown) => (v as { value: number }).value;
    expect(isSuppressed(cost.costPerEpisode) ? null : cost.costPerEpisode.value).toBe(
      value(a.cost_per_episode),
    );
    expect(isSuppressed(cost.costPerCompleter) ? null : cost.costPerCompleter.value).toBe(
      value(a.cost_per_completer),
    );
    expect(isSuppressed(cost.perClientHour.group) ? null : cost.perClientHour.group.value).toBe(
      value(a.cost_per_client_hour_group),
    );
    // tertiles cut at points common to the study population: the arms' tertiles add up to the
    // tertiles of program and comparator pooled, and share their ranges
    const both = (await session.grouped({ level: 'iop' }, { kind: 'overall' })).measures.get('overall')!;
    const pooled = (both.group_share_tertiles as unknown as { tertiles: { episodes: number }[] }).tertiles;
    const other = study.cost!.comparator!;
    expect(
      cost.tertiles.map((t, i) => (t.episodes as number) + (other.tertiles[i].episodes as number)),
    ).toEqual(pooled.map((t) => t.episodes));
    expect(cost.tertiles.map((t) => [t.shareFrom, t.shareTo])).toEqual(
      other.tertiles.map((t) => [t.shareFrom, t.shareTo]),
    );
    expect(cost.tertiles.every((t) => typeof t.losMedian === 'number')).toBe(true);
    expect(value(a.cost_per_episode)).toBeCloseTo(
      golden.programs.northside.measures.cost_per_episode.value,
      6,
    );
  });

  it('embeds the definition of every outcome it reports, and says which measures version it follows', async () => {
    const html = studyBody(study, await studyCharts(study));
    expect(study.outcomes.length).toBeGreaterThan(5);
    for (const o of study.outcomes) expect(html, o.measure).toContain(`id="${definitionAnchor(o.measure)}"`);
    expect(html).toContain('measures v1.1');
    expect(html).not.toContain('measures v1<');
  });

  it('matches the independent R figures of the golden fixture', () => {
    const want = golden.programs.northside.measures;
    for (const m of ['completion_rate', 'abstinent_final30_mip', 'step_down_rate', 'followup_reached_90']) {
      const got = study.outcomes.find((r) => r.measure === m)!.values.program as Proportion;
      expect(got.numerator, m).toBe(want[m].numerator);
      expect(got.denominator, m).toBe(want[m].denominator);
      expect(got.value!, m).toBeCloseTo(want[m].value, 6);
    }
    const oe = study.adjusted.studied;
    if (oe === null || isSuppressed(oe)) throw new Error('no O/E');
    expect(oe.observed).toBe(golden.risk_adjusted.northside.observed);
    expect(oe.expected).toBeCloseTo(golden.risk_adjusted.northside.expected, 4);
    expect(oe.oe!).toBeCloseTo(golden.risk_adjusted.northside.oe, 4);
    expect(oe.lower!).toBeCloseTo(golden.risk_adjusted.northside.lower, 4);
  });

  it('v1.1 retention: RMST of each arm, the day-90 difference on the plain scale, labels say "not dropped out"', async () => {
    const a = (
      await session.grouped({ level: 'iop', programs: ['northside'] }, { kind: 'overall' })
    ).measures.get('overall')!;
    expect(study.retention.rmst.program).toEqual(a.rmst_retention_90);
    expect((study.retention.rmst.program as { value: number }).value).toBeCloseTo(
      golden.programs.northside.measures.rmst_retention_90.value,
      4,
    );
    const r90 = study.outcomes.find((o) => o.measure === 'retention_90')!;
    const s1 = (r90.values.program as { value: number }).value;
    const s0 = (r90.values.comparator as { value: number }).value;
    const d = study.retention.difference90 as { value: number; se: number; lower: number; upper: number };
    expect(d.value).toBeCloseTo(s1 - s0, 12);
    expect(r90.difference).toEqual(d);
    expect(d.upper - d.value).toBeCloseTo(1.959963984540054 * d.se, 12);
    const rm = study.retention.rmstDifference as { value: number };
    const rp = study.retention.rmst.program as { value: number };
    const rc = study.retention.rmst.comparator as { value: number };
    expect(rm.value).toBeCloseTo(rp.value - rc.value, 12);
    expect(
      study.outcomes
        .filter((o) => o.section === 'retention')
        .map((o) => o.label)
        .join(' '),
    ).not.toMatch(/still in treatment at day \d+ \(retained/i);
    expect(r90.label).toMatch(/^Not dropped out by day 90/);
    expect(study.retention.inTreatment.program.length).toBeGreaterThan(0);
    expect(study.outcomes.find((o) => o.measure === 'in_treatment_90')!.values.program).toEqual(
      a.in_treatment_90,
    );
  });

  it('v1.1 missed screens: counted from the data, per arm, and stated in the limitations', () => {
    const m = study.missedScreens!.program as Proportion;
    const completion = study.outcomes.find((o) => o.measure === 'completion_rate')!.values
      .program as Proportion;
    const mip = study.outcomes.find((o) => o.measure === 'abstinent_final30_mip')!.values
      .program as Proportion;
    expect(m.denominator).toBe(completion.denominator);
    // an episode abstinent under missing = positive has screens in the window and none missed
    expect(mip.numerator + m.numerator).toBeLessThanOrEqual(m.denominator);
    expect(m.numerator).toBeGreaterThan(0);
    expect(limitationsOf(study)).toContain(`${(100 * m.value!).toFixed(1)}% at`);
  });

  it('v1.1 funnel: standardised rates, limits widened by tau2, verdict against them; model diagnostics', () => {
    const a = study.adjusted;
    expect(a.overdispersion!.tau2).toBeCloseTo(0.011611853572, 6);
    expect(a.model!.c_statistic).toBeCloseTo(golden.risk_model.c_statistic, 4);
    expect(a.model!.n).toBe(254);
    const studied = a.studied as { standardized_rate: number; z: number; z_adjusted: number };
    expect(studied.z).toBeCloseTo(golden.risk_adjusted.northside.z, 4);
    expect(studied.z_adjusted).toBeCloseTo(golden.risk_adjusted.northside.z_adjusted, 4);
    // z = 2.72 lies outside the plain 95% limits; with tau2 added it is within
    expect(a.position).toBe('within the 95% limits');
    const point = a.points.find((p) => !isSuppressed(p) && p.studied) as { rate: number };
    expect(point.rate).toBeCloseTo(golden.risk_adjusted.northside.standardized_rate, 4);
  });

  it('the difference is Newcombe’s interval around program minus comparator', () => {
    const row = study.outcomes.find((r) => r.measure === 'completion_rate')!;
    const a = row.values.program as Proportion;
    const b = row.values.comparator as Proportion;
    const d = row.difference;
    if (d === null || isSuppressed(d)) throw new Error('no difference');
    expect(d.value!).toBeCloseTo(a.value! - b.value!, 12);
    expect(d.lower!).toBeLessThan(d.value!);
    expect(d.upper!).toBeGreaterThan(d.value!);
  });

  it('the flow adds up and Table 1 covers every analysed episode', () => {
    for (const arm of ['program', 'comparator'] as const) {
      const get = (k: string) => study.flow.find((f) => f.key === k)!.counts[arm] as number;
      const removed = study.flow
        .filter((f) => f.key !== 'exported' && f.key !== 'analysed')
        .reduce((s, f) => s + (f.counts[arm] as number), 0);
      expect(get('exported') - removed).toBe(get('analysed'));
      expect(get('analysed')).toBe(study.n[arm]);
      for (const v of study.baseline.filter((x) => x.kind === 'categorical')) {
        const sum = v.levels.reduce((s, l) => s + (l.counts[arm] as number), 0) + (v.missing[arm] as number);
        expect(sum, `${v.key} ${arm}`).toBe(study.n[arm]);
      }
    }
    const age = study.baseline.find((v) => v.key === 'age_at_admit')!;
    expect(age.smd).toBeTypeOf('number');
  });

  it('the outpatient comparator is op care not following the cohort level within 30 days', async () => {
    const s = await buildStudy(session, { ...request, comparator: { kind: 'outpatient' } }, inputs);
    const [r] = await conn.query<{ n: number }>(`SELECT count(*)::INTEGER AS n FROM episodes o
      WHERE o.level_of_care = 'op' AND NOT EXISTS (SELECT 1 FROM episodes i WHERE i.client_id = o.client_id
        AND i.level_of_care = 'iop' AND i.discharge_date >= o.admit_date - 30 AND i.discharge_date <= o.admit_date)`);
    const [all] = await conn.query<{ n: number }>(
      `SELECT count(*)::INTEGER AS n FROM episodes WHERE level_of_care = 'op'`,
    );
    expect(s.n.comparator).toBe(r.n);
    expect(r.n).toBeLessThan(all.n);
    expect(s.flow.find((f) => f.key === 'after_higher_level')!.counts.comparator).toBe(all.n - r.n);
    const sd = s.outcomes.find((o) => o.measure === 'step_down_rate')!;
    expect(sd.note).toMatch(/no lower level/);
  });

  it('an external reference is compared on the figures it gives', async () => {
    const s = await buildStudy(
      session,
      {
        ...request,
        comparator: {
          kind: 'external',
          label: 'TEDS-D 2019 IOP',
          source: 'SAMHSA TEDS-D 2019',
          figures: [{ measure: 'completion_rate', value: 0.4, numerator: 400, denominator: 1000 }],
        },
      },
      inputs,
    );
    const row = s.outcomes.find((o) => o.measure === 'completion_rate')!;
    expect(row.values.comparator).toMatchObject({ value: 0.4, numerator: 400, denominator: 1000 });
    expect(row.difference).not.toBeNull();
    const other = s.outcomes.find((o) => o.measure === 'retention_90')!;
    expect(other.values.comparator).toMatchObject({ value: null });
    expect(s.baseline.every((v) => v.missing.comparator === null)).toBe(true);
    expect(s.n.comparator).toBeNull();
  });

  it('every text from the export or the user is escaped in the HTML, wherever it appears', async () => {
    const evil = `<img src=x onerror="alert('x')">&`;
    const built = await buildStudy(
      session,
      {
        ...request,
        comparator: {
          kind: 'external',
          label: `TEDS ${evil}`,
          source: `SAMHSA ${evil}`,
          figures: [{ measure: 'completion_rate', value: 0.4, numerator: 400, denominator: 1000 }],
        },
      },
      inputs,
    );
    const s: Study = {
      ...built,
      meta: {
        ...built.meta,
        title: `Study ${evil}`,
        programLabel: `Northside ${evil}`,
        source: `EHR ${evil}`,
        filters: { ...built.meta.filters, payer: [`payer ${evil}`] },
      },
      validation: [{ rule: `rule ${evil}`, table: `table ${evil}`, rows: 12 }],
      reproducibility: {
        ...built.reproducibility,
        files: [{ name: `file ${evil}.parquet`, rows: 1, bytes: 1, sha256: `sha ${evil}` }],
      },
    };
    const html = await studyHtml(s);
    // no tag but ours: the charts' SVG text may keep a quote, never a '<'
    expect(html).not.toContain('<img');
    expect(html).not.toMatch(/<[a-z]+(\s+[a-z-]+(=("[^"]*"|[^\s>"]+))?)*\s+onerror=/i);
    const escaped = escapeHtml(evil);
    const shown = html.split(escaped).length - 1;
    // title ×2, program label in every table head, comparator label and source, data source,
    // filters ×2, the validation rule and table, the file name and hash
    expect(shown).toBeGreaterThanOrEqual(15);
  });

  it('small cells: no published count or rate rests on 1 to 10 episodes, and no lone hidden cell', async () => {
    // A small program further cut by a filter: many cells from 1 to 10.
    const s = publishStudy(
      await buildStudy(
        session,
        { programs: ['valley'], comparator: { kind: 'others' }, level: 'iop', filters: { sex: ['female'] } },
        inputs,
      ),
    );
    const small = (x: unknown) => typeof x === 'number' && x >= 1 && x <= 10;
    const partitions: unknown[][] = [];
    for (const arm of ['program', 'comparator'] as const) {
      partitions.push(s.flow.filter((f) => f.key !== 'exported').map((f) => f.counts[arm]));
      partitions.push(s.dischargeReasons.map((r) => r.counts[arm]));
      for (const v of s.baseline.filter((x) => x.kind === 'categorical'))
        partitions.push([...v.levels.map((l) => l.counts[arm]), v.missing[arm]]);
    }
    let hiddenSeen = 0;
    for (const cells of partitions) {
      for (const c of cells) expect(small(c)).toBe(false);
      const hidden = cells.filter((c) => isSuppressed(c)).length;
      hiddenSeen += hidden;
      expect(hidden === 0 || hidden >= 2).toBe(true);
    }
    expect(hiddenSeen).toBeGreaterThan(0);
    for (const o of s.outcomes)
      for (const arm of ['program', 'comparator'] as const) {
        const v = o.values[arm];
        if (v && !isSuppressed(v) && 'numerator' in v)
          expect(small(v.numerator) || small(v.denominator), o.measure).toBe(false);
        if (v && isSuppressed(v)) expect(o.difference === null || isSuppressed(o.difference)).toBe(true);
      }
    for (const v of s.baseline)
      for (const x of [v.summary?.program, v.summary?.comparator])
        if (x && !isSuppressed(x)) expect(x.n).toBeNull();
    for (const curve of [s.retention.curves.program, s.retention.curves.comparator ?? []])
      for (const p of curve) expect(p.atRisk).toBeGreaterThan(10);
    // The words follow the figures: no sentence carries a hidden number.
    const { html } = await studyExports(s);
    expect(html).toContain('&lt;11');
  });

  it('no export holds a client-level row or any id of the input', async () => {
    const ids = new Set<string>();
    // the session holds encounters only as totals: their ids are read from the file
    const encounters = (await exportFolderFiles(GOLDEN_DIR)).find((f) => f.name === 'encounters.parquet')!;
    await conn.loadParquet(encounters, 'input_encounters');
    for (const [table, cols] of [
      ['episodes', ['episode_id', 'client_id']],
      ['input_encounters', ['encounter_id', 'group_session_id']],
      ['drug_screens', ['screen_id']],
    ] as const)
      for (const col of cols)
        for (const r of await conn.query<{ v: string }>(
          `SELECT DISTINCT ${col}::VARCHAR AS v FROM ${table} WHERE ${col} IS NOT NULL`,
        ))
          ids.add(r.v);
    await conn.exec('DROP TABLE input_encounters');
    expect(ids.size).toBeGreaterThan(1000);
    const studies = [
      study,
      await buildStudy(
        session,
        { programs: ['harbor'], comparator: { kind: 'outpatient' }, level: 'iop' },
        inputs,
      ),
    ];
    for (const s of studies) {
      const ex = await studyExports(s);
      for (const [kind, text] of Object.entries(ex) as [string, string][]) {
        const numbers = new Set(text.match(/(?<![0-9A-Za-z.])\d{6,}(?![0-9A-Za-z])/g) ?? []);
        const leaked = [...numbers].filter((n) => ids.has(n));
        expect(leaked, `${kind} of ${s.meta.programLabel}`).toEqual([]);
        // No client's date either: the only calendar date is the extract date.
        expect(new Set(text.match(/\d{4}-\d{2}-\d{2}/g)), kind).toEqual(new Set([s.meta.extractDate]));
      }
      expect(ex.json).not.toMatch(/episode_id"\s*:|client_id"\s*:/);
    }
  });

  it('the service shows a study first and makes its exports when asked, building it once', async () => {
    let builds = 0;
    const service = new (class extends StudyService {
      override build(r: StudyRequest) {
        builds++;
        return super.build(r);
      }
    })(session, []);
    const expected = await new StudyService(session, []).build(request);
    // Vega numbers each drawing's clip paths anew
    const drawing = (html: string) => html.replace(/clip\d+/g, 'clip');
    const screen = await service.screen(request);
    expect(screen.study).toEqual(expected);
    expect(drawing(screen.screenHtml)).toBe(drawing(await studyHtml(expected, await studyCharts(expected))));
    const exports = await service.exports(request);
    const want = await studyExports(expected);
    expect(exports.json).toBe(want.json);
    expect(exports.csv).toBe(want.csv);
    expect(drawing(exports.html)).toBe(drawing(want.html));
    expect(builds).toBe(1);
    // another request is another study; the first is still kept
    await service.screen({ ...request, programs: ['harbor'] });
    await service.exports(request);
    expect(builds).toBe(2);
  });
});

describe.each(ENGINES)('outcome study with rows that fail validation: $name', ({ open }) => {
  let dir: string;
  let conn: LoadingConnector;
  let study: Study;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'study-invalid-'));
    for (const f of await readdir(GOLDEN_DIR))
      if (f !== 'episodes.parquet') await copyFile(join(GOLDEN_DIR, f), join(dir, f));
    // Three northside IOP episodes discharged before admission: they break episodes.date_order.
    const writer = await NativeConnector.open();
    await writer.exec(`COPY (
      WITH bad AS (SELECT episode_id FROM read_parquet(${quoteLiteral(join(GOLDEN_DIR, 'episodes.parquet'))})
                   WHERE program_id = 'northside' AND level_of_care = 'iop' AND discharge_date IS NOT NULL
                   ORDER BY episode_id LIMIT 3)
      SELECT * REPLACE (CASE WHEN episode_id IN (SELECT episode_id FROM bad) THEN admit_date - 5 ELSE discharge_date END AS discharge_date)
      FROM read_parquet(${quoteLiteral(join(GOLDEN_DIR, 'episodes.parquet'))})
    ) TO ${quoteLiteral(join(dir, 'episodes.parquet'))} (FORMAT parquet)`);
    await writer.close();
    conn = await open();
    const session = await OutcomeSession.open(conn, await exportFolderFiles(dir));
    study = await buildStudy(
      session,
      { programs: ['northside'], comparator: { kind: 'others' }, level: 'iop' },
      inputs,
    );
  });
  afterAll(async () => {
    await conn?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('counts the excluded episodes in the flow and the rule, and hides the small count in exports', () => {
    const failed = study.flow.find((f) => f.key === 'failed_validation')!.counts;
    expect(failed).toEqual({ program: 3, comparator: 0 });
    expect(study.n.program).toBe(golden.programs.northside.episodes - 3);
    expect(study.validation).toContainEqual({ rule: 'episodes.date_order', table: 'episodes', rows: 3 });
    const published = publishStudy(study);
    expect(published.validation.find((v) => v.rule === 'episodes.date_order')!.rows).toEqual({
      suppressed: 'small',
    });
    expect(published.flow.find((f) => f.key === 'failed_validation')!.counts.program).toEqual({
      suppressed: 'small',
    });
    expect(limitationsOf(study)).toMatch(
      /Validation: \d+ rules left rows out of the analysis \(\d+ rows in all\)/,
    );
    expect(limitationsOf(published)).toMatch(/Validation: \d+ rules left rows out of the analysis, listed/);
  });
});
