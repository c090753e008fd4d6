import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LoadingConnector } from '../../core/engine/connector';
import { ExportError, loadExport, type LoadedExport } from '../../core/engine/load-export';
import type { Finding, ValidationReport } from '../../core/validate/types';
import { exportFolderFiles } from '../../pipelines/lib/export-folder';
import {
  BASE,
  edit,
  set,
  writeExport,
  type ExportFixture,
  type Row,
} from '../fixtures/broken/export-builder';
import { ENGINES, GOLDEN_DIR } from '../support/engines';

type Expect = { rule: string; count: number; examples: string[] };
interface Case {
  name: string;
  fixture?: ExportFixture;
  manifest?: string | null;
  warnings?: Expect[];
  errors?: Expect[];
  /** Export unusable (ExportError). */
  unusable?: boolean;
  /** Rows of clean tables, when checked. */
  clean?: Record<string, number>;
  extractDate?: string;
}

const w = (rule: string, examples: string[], count = examples.length): Expect => ({ rule, count, examples });
const add = (table: keyof typeof BASE, ...extra: Row[]): ExportFixture =>
  edit(table, (rs) => [...rs, ...extra]);
const enc = (encounter_id: number, changes: Row = {}): Row => ({
  ...BASE.encounters[0],
  encounter_id,
  ...changes,
});

const CASES: Case[] = [
  {
    name: 'base export is clean',
    warnings: [],
    clean: { programs: 2, episodes: 4, encounters: 4, cost_rates: 3, drug_screens: 3, followups: 3 },
  },
  {
    name: 'unknown code',
    fixture: edit('episodes', set({ episode_id: 4 }, { level_of_care: 'IOP' })),
    warnings: [w('episodes.level_of_care.code', ['4'])],
    clean: { episodes: 3 },
  },
  {
    name: 'null in a not-null column',
    fixture: edit('episodes', set({ episode_id: 4 }, { sex: null })),
    warnings: [w('episodes.sex.not_null', ['4'])],
  },
  {
    name: 'value out of range',
    fixture: edit('episodes', set({ episode_id: 4 }, { age_at_admit: 11 })),
    warnings: [w('episodes.age_at_admit.range', ['4'])],
  },
  {
    name: 'minutes out of range',
    fixture: edit('encounters', set({ encounter_id: 13 }, { minutes: 0 })),
    warnings: [w('encounters.minutes.range', ['13'])],
    clean: { encounters: 3 },
  },
  {
    name: 'numeric code list',
    fixture: edit('followups', set({ episode_id: 1, target_day: 90 }, { target_day: 60 })),
    warnings: [w('followups.target_day.code', ['1/60'])],
  },
  {
    name: 'discharge_reason null exactly when discharge_date null',
    fixture: edit('episodes', set({ episode_id: 4 }, { discharge_reason: null })),
    warnings: [w('episodes.discharge_reason_iff_date', ['4'])],
  },
  {
    name: 'group_session_id exactly for group format',
    fixture: edit('encounters', (rs) =>
      set(
        { encounter_id: 11 },
        { group_session_id: 7 },
      )(set({ encounter_id: 10 }, { group_session_id: null })(rs)),
    ),
    warnings: [w('encounters.group_session_iff_group', ['10', '11'])],
  },
  {
    name: 'referral after admission',
    fixture: edit('episodes', set({ episode_id: 4 }, { referral_date: '2026-05-02' })),
    warnings: [w('episodes.date_order', ['4'])],
  },
  {
    name: 'discharge after the extract date',
    fixture: edit('episodes', set({ episode_id: 4 }, { discharge_date: '2026-07-05' })),
    warnings: [w('episodes.date_order', ['4'])],
  },
  {
    name: 'encounter outside its episode (after discharge; after E for an open episode)',
    fixture: edit('encounters', (rs) =>
      set(
        { encounter_id: 11 },
        { service_date: '2026-03-01' },
      )(set({ encounter_id: 12 }, { service_date: '2026-07-02' })(rs)),
    ),
    warnings: [w('encounters.within_episode', ['11', '12'])],
  },
  {
    name: 'screen before admission',
    fixture: edit('drug_screens', set({ screen_id: 21 }, { collected_date: '2026-02-01' })),
    warnings: [w('drug_screens.within_episode', ['21'])],
  },
  {
    name: 'follow-up of an open episode',
    fixture: add('followups', {
      episode_id: 2,
      target_day: 30,
      reached: false,
      contact_date: null,
      use_days_past30: null,
    }),
    warnings: [w('followups.episode_discharged', ['2/30'])],
  },
  {
    name: 'contact date and use days only when reached',
    fixture: edit(
      'followups',
      set({ episode_id: 1, target_day: 90 }, { contact_date: '2026-05-10', use_days_past30: 3 }),
    ),
    warnings: [
      w('followups.contact_date_when_reached', ['1/90']),
      w('followups.use_days_when_reached', ['1/90']),
    ],
    clean: { followups: 2 },
  },
  {
    name: 'orphan encounter',
    fixture: add('encounters', enc(14, { episode_id: 99 })),
    warnings: [w('encounters.episode_id.orphan', ['14'])],
  },
  {
    name: 'orphan episode program',
    fixture: edit('episodes', set({ episode_id: 4 }, { program_id: 'P9' })),
    warnings: [w('episodes.program_id.orphan', ['4'])],
  },
  {
    name: 'cost rate of an unknown program and an unknown role',
    fixture: add(
      'cost_rates',
      { program_id: 'P9', staff_role: 'nurse', hourly_cost: 50 },
      { program_id: 'P1', staff_role: 'janitor', hourly_cost: 20 },
    ),
    warnings: [
      w('cost_rates.staff_role.code', ['P1/janitor']),
      w('cost_rates.program_id.orphan', ['P9/nurse']),
    ],
    clean: { cost_rates: 3 },
  },
  {
    name: 'hourly cost not > 0',
    fixture: edit('cost_rates', (rs) =>
      set(
        { staff_role: 'counselor' },
        { hourly_cost: 0 },
      )(set({ staff_role: 'psychologist' }, { hourly_cost: -5 })(rs)),
    ),
    warnings: [w('cost_rates.hourly_cost.range', ['P1/counselor', 'P1/psychologist'])],
  },
  {
    name: 'an excluded episode takes its encounters, screens and follow-ups with it',
    fixture: edit('episodes', set({ episode_id: 1 }, { level_of_care: 'xxx' })),
    warnings: [
      w('episodes.level_of_care.code', ['1']),
      w('encounters.episode_id.parent_excluded', ['10', '11']),
      w('drug_screens.episode_id.parent_excluded', ['20']),
      w('followups.episode_id.parent_excluded', ['1/30', '1/90']),
    ],
    clean: { episodes: 3, encounters: 2, drug_screens: 2, followups: 1 },
  },
  {
    name: 'an excluded program takes its episodes, cost rates and their children with it',
    fixture: edit('programs', set({ program_id: 'P2' }, { program_name: null })),
    warnings: [
      w('programs.program_name.not_null', ['P2']),
      w('episodes.program_id.parent_excluded', ['3', '4']),
      w('encounters.episode_id.parent_excluded', ['13']),
      w('cost_rates.program_id.parent_excluded', ['P2/social_worker']),
      w('drug_screens.episode_id.parent_excluded', ['22']),
      w('followups.episode_id.parent_excluded', ['3/30']),
    ],
    clean: { programs: 1, episodes: 2, encounters: 3, cost_rates: 2, drug_screens: 2, followups: 2 },
  },
  {
    name: 'at most 5 examples, smallest keys first (numeric order)',
    fixture: add('encounters', ...[100, 9, 25, 1000, 7, 300, 50].map((id) => enc(id, { minutes: 700 }))),
    warnings: [w('encounters.minutes.range', ['7', '9', '25', '50', '100'], 7)],
  },
  {
    name: 'a row breaking two rules counts under both and is left out once',
    fixture: edit('episodes', set({ episode_id: 4 }, { sex: null, age_at_admit: 200 })),
    warnings: [w('episodes.age_at_admit.range', ['4']), w('episodes.sex.not_null', ['4'])],
    clean: { episodes: 3 },
  },
  {
    name: 'no manifest: E is the latest date in the data',
    manifest: null,
    warnings: [],
    extractDate: '2026-05-20',
  },
  {
    name: 'manifest that is not JSON',
    manifest: '{"extract_date": 2026-06-30',
    warnings: [w('manifest.invalid', [], 1)],
    extractDate: '2026-05-20',
  },
  {
    name: 'manifest with a bad extract_date',
    manifest: '{"extract_date":"2026-13-01"}',
    warnings: [w('manifest.extract_date', [], 1)],
    extractDate: '2026-05-20',
  },
  {
    name: 'optional paid_amount absent',
    fixture: { encounters: { rows: BASE.encounters, drop: ['paid_amount'] } },
    warnings: [],
  },
  {
    name: 'other physical types of the same family are accepted',
    fixture: {
      episodes: {
        rows: BASE.episodes,
        types: { episode_id: 'INTEGER', age_at_admit: 'BIGINT', prior_episodes: 'UTINYINT' },
      },
      encounters: {
        rows: BASE.encounters,
        types: { minutes: 'INTEGER', paid_amount: 'DOUBLE', encounter_id: 'UBIGINT' },
      },
      cost_rates: { rows: BASE.cost_rates, types: { hourly_cost: 'DECIMAL(8,2)' } },
      followups: { rows: BASE.followups, types: { target_day: 'INTEGER' } },
    },
    warnings: [],
    clean: { episodes: 4, encounters: 4 },
  },
  // errors
  {
    name: 'missing required table',
    fixture: { programs: null },
    unusable: true,
    errors: [w('programs.missing', [], 1)],
  },
  { name: 'missing optional table', fixture: { drug_screens: null }, warnings: [] },
  {
    name: 'missing required column',
    fixture: { episodes: { rows: BASE.episodes, drop: ['sex'] } },
    unusable: true,
    errors: [w('episodes.sex.missing', [], 1)],
  },
  {
    name: 'DATE stored as text',
    fixture: { episodes: { rows: BASE.episodes, types: { admit_date: 'VARCHAR' } } },
    unusable: true,
    errors: [w('episodes.admit_date.type', [], 1)],
  },
  {
    name: 'DATE stored as a midnight timestamp is taken as its date (#15)',
    fixture: { episodes: { rows: BASE.episodes, types: { discharge_date: 'TIMESTAMP' } } },
    warnings: [w('episodes.discharge_date.timestamp', [], 0)],
    clean: { episodes: 4 },
  },
  {
    name: 'wrong type in an optional table leaves the export usable',
    fixture: { encounters: { rows: BASE.encounters, types: { minutes: 'DOUBLE' } } },
    errors: [w('encounters.minutes.type', [], 1)],
    warnings: [],
  },
  {
    name: 'BOOLEAN stored as integer',
    fixture: {
      followups: {
        rows: BASE.followups.map((r) => ({ ...r, reached: r.reached ? 1 : 0 })),
        types: { reached: 'INTEGER' },
      },
    },
    errors: [w('followups.reached.type', [], 1)],
    warnings: [],
  },
  {
    name: 'a wider integer whose values do not fit',
    fixture: {
      episodes: {
        rows: set({ episode_id: 4 }, { prior_episodes: 70000 })(BASE.episodes),
        types: { prior_episodes: 'INTEGER' },
      },
    },
    unusable: true,
    errors: [w('episodes.prior_episodes.type', ['4'])],
  },
  {
    name: 'duplicate key',
    fixture: edit('encounters', set({ encounter_id: 11 }, { encounter_id: 10 })),
    errors: [w('encounters.key.duplicate', ['10'])],
    warnings: [],
  },
  {
    name: 'null key',
    fixture: edit('drug_screens', set({ screen_id: 21 }, { screen_id: null })),
    errors: [w('drug_screens.key.null', [], 1)],
    warnings: [],
  },
  {
    name: 'duplicate composite key',
    fixture: add('cost_rates', { program_id: 'P1', staff_role: 'counselor', hourly_cost: 61 }),
    errors: [w('cost_rates.key.duplicate', ['P1/counselor'])],
    warnings: [],
  },
  {
    name: 'duplicate episode key makes the export unusable',
    fixture: edit('episodes', set({ episode_id: 4 }, { episode_id: 3 })),
    unusable: true,
    errors: [w('episodes.key.duplicate', ['3'])],
  },
];

const brief = (fs: Finding[]): Expect[] =>
  fs
    .map((f) => ({ rule: f.rule, count: f.count, examples: f.examples }))
    .sort((a, b) => a.rule.localeCompare(b.rule));
const sorted = (es: Expect[]) => [...es].sort((a, b) => a.rule.localeCompare(b.rule));

async function load(
  conn: LoadingConnector,
  dir: string,
): Promise<{ report: ValidationReport; loaded?: LoadedExport; error?: ExportError }> {
  try {
    const loaded = await loadExport(conn, await exportFolderFiles(dir));
    return { report: loaded.validation, loaded };
  } catch (err) {
    if (!(err instanceof ExportError)) throw err;
    return { report: err.report, error: err };
  }
}

const dirs = new Map<string, string>();
beforeAll(async () => {
  for (const c of CASES) dirs.set(c.name, await writeExport(c.fixture, c.manifest));
});

describe.each(ENGINES)('validation rules on $name', ({ open }) => {
  let conn: LoadingConnector;
  beforeAll(async () => {
    conn = await open();
  });
  afterAll(async () => conn?.close());

  it.each(CASES)('$name', async (c) => {
    const { report, loaded, error } = await load(conn, dirs.get(c.name)!);
    expect(brief(report.errors)).toEqual(sorted(c.errors ?? []));
    if (c.warnings) expect(brief(report.warnings)).toEqual(sorted(c.warnings));
    expect(report.usable).toBe(!c.unusable);
    if (c.unusable) {
      expect(error?.kind).toBe('invalid');
      expect(error?.message).toContain(report.errors[0].message);
      return;
    }
    expect(loaded).toBeDefined();
    if (c.extractDate) expect(loaded!.extractDate).toBe(c.extractDate);
    const erroneous = new Set(report.errors.map((e) => e.table));
    expect(loaded!.tables).toEqual(
      report.tables.filter((t) => t.present && !erroneous.has(t.name)).map((t) => t.name),
    );
    for (const t of report.tables.filter((x) => x.usable)) {
      // encounters are held only as totals (encounter-totals.ts), rows counted in `encounters`
      const count =
        t.name === 'encounters'
          ? 'SELECT coalesce(sum(encounters), 0)::INTEGER AS n FROM encounter_totals'
          : `SELECT count(*)::INTEGER AS n FROM ${t.name}`;
      const [{ n }] = await conn.query<{ n: number }>(count);
      expect(n, `${t.name} clean rows`).toBe(t.rows - t.excluded);
      if (c.clean?.[t.name] !== undefined) expect(n, `${t.name} clean rows`).toBe(c.clean[t.name]);
    }
  });

  it('clean rows reach the encounter totals cast to the contract types, an absent optional column as NULL', async () => {
    const dir = await writeExport({
      encounters: {
        rows: BASE.encounters,
        drop: ['paid_amount'],
        types: { minutes: 'INTEGER', encounter_id: 'INTEGER' },
      },
    });
    await load(conn, dir);
    // encounters are held only as totals (encounter-totals.ts): no clean encounters table
    const [{ n: tables }] = await conn.query<{ n: number }>(
      `SELECT count(*)::INTEGER AS n FROM information_schema.tables WHERE table_name = 'encounters'`,
    );
    expect(tables).toBe(0);
    const [r] = await conn.query(
      `SELECT sum(encounters)::INTEGER AS n, count(paid)::INTEGER AS paid, sum(minutes_group)::INTEGER AS group_minutes,
         sum(missed_minutes)::INTEGER AS missed_minutes, any_value(typeof(first_attended)) AS date_type
       FROM encounter_totals`,
    );
    // paid NULL: the export has no paid_amount (its measures say "not available")
    expect(r).toEqual({ n: 4, paid: 0, group_minutes: 150, missed_minutes: 80, date_type: 'DATE' });
  });

  it('a CSV renamed to .parquet and an empty file are named in a clear error', async () => {
    const dir = await writeExport();
    await writeFile(join(dir, 'episodes.parquet'), 'episode_id,client_id\n1,2\n');
    await writeFile(join(dir, 'followups.parquet'), '');
    const { error } = await load(conn, dir);
    expect(error?.kind).toBe('unreadable');
    expect(error?.message).toContain(
      'episodes.parquet is not a Parquet file: it holds text (a CSV file renamed to .parquet?)',
    );
    expect(error?.message).toContain('followups.parquet is empty');
    expect(brief(error!.report.errors).map((e) => e.rule)).toEqual([
      'episodes.unreadable',
      'followups.unreadable',
    ]);
  });

  it('the golden export gives no errors and no warnings, and reports its progress', async () => {
    const steps = new Set<string>();
    const loaded = await loadExport(conn, await exportFolderFiles(GOLDEN_DIR), {
      onProgress: (p) => steps.add(`${p.step}:${p.table ?? ''}`),
    });
    expect(loaded.validation.errors).toEqual([]);
    expect(loaded.validation.warnings).toEqual([]);
    expect(loaded.extractDate).toBe('2026-06-30');
    expect(loaded.tables).toEqual([
      'programs',
      'episodes',
      'encounters',
      'cost_rates',
      'drug_screens',
      'followups',
    ]);
    expect(loaded.rowCounts).toEqual({
      programs: 5,
      episodes: 421,
      encounters: 5021,
      cost_rates: 40,
      drug_screens: 1332,
      followups: 616,
    });
    expect(steps).toContain('reading:episodes');
    expect(steps).toContain('validating:encounters');
    expect(steps).toContain('cleaning:followups');
  });

  it('unknown files are listed as ignored and never read', async () => {
    const files = [
      ...(await exportFolderFiles(await writeExport())),
      { name: 'notes.parquet', size: 3, bytes: async () => new Uint8Array([1, 2, 3]) },
      { name: 'README.txt', size: 1, bytes: async () => new Uint8Array([65]) },
    ];
    const loaded = await loadExport(conn, files);
    expect(loaded.validation.ignoredFiles).toEqual(['notes.parquet', 'README.txt']);
    expect(loaded.validation.errors).toEqual([]);
  });
});
