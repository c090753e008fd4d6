import { TABLES, type TableName, type TableSpec } from '../contract/schema';
import type { Connector } from '../engine/connector';
import { quoteIdent } from '../engine/sql';
import { createEncounterTotals, ENCOUNTER_TOTALS } from './encounter-totals';
import { latestDate } from './extract-date';
import { inferredExtractDateFinding, todayUtc } from './plausible-dates';
import {
  EPISODE_SPAN,
  PARENT_TABLES,
  flagFrom,
  flagSelect,
  parentTable,
  rowFlags,
  type RowFlag,
} from './row-flags';
import { col, examplesAgg, keyExpr, splitExamples, srcTable, toCount } from './sql-parts';
import { fitErrors, keyErrors, schemaErrors, sourceColumns } from './table-errors';
import type { Finding, TableReport } from './types';

export interface ValidateProgress {
  step: 'validating' | 'preparing';
  table: TableName;
  done: number;
  total: number;
}

export interface ValidateInput {
  /** Contract tables loaded as `src_<table>`. */
  present: ReadonlySet<TableName>;
  /** A valid manifest extract_date, if any. */
  manifestExtractDate?: string;
  onProgress?: (p: ValidateProgress) => void;
}

export interface ValidateResult {
  extractDate: string;
  usable: boolean;
  errors: Finding[];
  warnings: Finding[];
  tables: TableReport[];
  /** Clean tables created (named as in the contract). */
  clean: TableName[];
}

const BAD = quoteIdent('_val_bad');

/**
 * One scan of the table: the rows breaking any warning rule go to a temp table `_val_bad`
 * (key columns + one flag per rule); counts and examples are then read from those few rows.
 */
async function scanFlags(
  conn: Connector,
  spec: TableSpec,
  flags: RowFlag[],
  parentUsable: (t: TableName) => boolean,
) {
  const [{ n }] = await conn.query<{ n: number }>(`SELECT count(*)::BIGINT AS n FROM ${srcTable(spec.name)}`);
  if (!flags.length) return { rows: Number(n), excluded: 0, warnings: [] };
  const { items, params } = flagSelect(flags);
  const keys = spec.key.map((k) => col('t', k));
  await conn.query(
    `CREATE OR REPLACE TEMP TABLE ${BAD} AS SELECT * FROM (SELECT ${[...keys, ...items].join(', ')} FROM ${flagFrom(spec, parentUsable)})
     WHERE ${flags.map((_, i) => `f${i}`).join(' OR ')}`,
    params,
  );
  const aggs = flags.flatMap((_, i) => [
    `count(*) FILTER (WHERE f${i})::BIGINT AS c${i}`,
    `${examplesAgg(keyExpr(spec), `f${i}`)} AS e${i}`,
  ]);
  const [row] = await conn.query(`SELECT count(*)::BIGINT AS excluded, ${aggs.join(', ')} FROM ${BAD} AS t`);
  const warnings: Finding[] = flags.flatMap((f, i) => {
    const count = toCount(row[`c${i}`]);
    if (!count) return [];
    return [
      {
        rule: f.rule,
        severity: 'warning' as const,
        table: spec.name,
        ...(f.column ? { column: f.column } : {}),
        message: f.message,
        count,
        examples: splitExamples(row[`e${i}`]),
      },
    ];
  });
  return { rows: Number(n), excluded: toCount(row.excluded), warnings };
}

/**
 * Whether `src_<table>` already is its clean table but for the excluded rows: the contract's
 * columns with the contract's types in the contract's order, absent optional columns only after
 * the present ones (they are appended as NULL).
 */
function storedAsContract(spec: TableSpec, columns: ReadonlyMap<string, string>): boolean {
  const present = spec.columns.filter((c) => columns.has(c.name));
  const names = [...columns.keys()];
  if (names.length !== present.length) return false;
  if (!present.every((c, i) => names[i] === c.name && columns.get(c.name) === c.type)) return false;
  const firstAbsent = spec.columns.findIndex((c) => !columns.has(c.name));
  return firstAbsent < 0 || spec.columns.slice(firstAbsent).every((c) => !columns.has(c.name));
}

const keyMatch = (spec: TableSpec, a: string, b: string) =>
  spec.key.map((k) => `${col(a, k)} = ${col(b, k)}`).join(' AND ');

/** The source rows that break no rule (not in `_val_bad`), cast to the contract types. */
function cleanSelect(spec: TableSpec, columns: ReadonlyMap<string, string>, excluded: number): string {
  const select = spec.columns.map((c) =>
    columns.has(c.name)
      ? `CAST(${col('t', c.name)} AS ${c.type}) AS ${quoteIdent(c.name)}`
      : `CAST(NULL AS ${c.type}) AS ${quoteIdent(c.name)}`,
  );
  const antiJoin = excluded
    ? ` WHERE NOT EXISTS (SELECT 1 FROM ${BAD} AS b WHERE ${keyMatch(spec, 't', 'b')})`
    : '';
  return `SELECT ${select.join(', ')} FROM ${srcTable(spec.name)} AS t${antiJoin}`;
}

/**
 * `<table>` = the source rows that break no rule (not in `_val_bad`), cast to the contract types;
 * an absent optional column is NULL of its type. `src_<table>` is gone afterwards: when it is
 * stored as the contract says, it becomes the clean table (rename, then delete the excluded
 * rows), so a large table is never held twice; otherwise the clean table is a cast copy.
 */
async function createClean(
  conn: Connector,
  spec: TableSpec,
  columns: ReadonlyMap<string, string>,
  excluded: number,
) {
  const clean = quoteIdent(spec.name);
  await conn.exec(`DROP TABLE IF EXISTS ${clean}`);
  if (storedAsContract(spec, columns)) {
    await conn.exec(`ALTER TABLE ${srcTable(spec.name)} RENAME TO ${clean}`);
    for (const c of spec.columns.filter((x) => !columns.has(x.name)))
      await conn.exec(`ALTER TABLE ${clean} ADD COLUMN ${quoteIdent(c.name)} ${c.type}`);
    if (excluded)
      await conn.exec(`DELETE FROM ${clean} AS t USING ${BAD} AS b WHERE ${keyMatch(spec, 't', 'b')}`);
    return;
  }
  await conn.exec(`CREATE TABLE ${clean} AS ${cleanSelect(spec, columns, excluded)}`);
  await dropSource(conn, spec.name);
}

const dropSource = (conn: Connector, table: TableName) =>
  conn.exec(`DROP TABLE IF EXISTS ${srcTable(table)}`);

/**
 * A parent's keys with whether the row is clean (and, for episodes, the dates child rules need):
 * the clean rows, and the excluded ones from `_val_bad` (together: every source row).
 */
async function createParentStatus(conn: Connector, spec: TableSpec, excluded: number) {
  const key = spec.key[0];
  const keyType = spec.columns.find((c) => c.name === key)!.type;
  const dates = spec.name === 'episodes' ? EPISODE_SPAN : [];
  const cleanDates = dates.map((c) => `, ${col('c', c)} AS ${quoteIdent(`_p_${c}`)}`).join('');
  const noDates = dates.map((c) => `, NULL::DATE AS ${quoteIdent(`_p_${c}`)}`).join('');
  const bad = excluded
    ? ` UNION ALL SELECT CAST(${col('b', key)} AS ${keyType}), false${noDates} FROM ${BAD} AS b`
    : '';
  await conn.exec(
    `CREATE OR REPLACE TEMP TABLE ${parentTable(spec.name)} AS
     SELECT ${col('c', key)} AS _p_key, true AS _p_ok${cleanDates} FROM ${quoteIdent(spec.name)} AS c${bad}`,
  );
}

/**
 * Every rule of the contract over the loaded `src_<table>` tables, table by table in dependency
 * order; each usable table gets its clean table, which the next tables' foreign-key rules read.
 * Each `src_<table>` is dropped (or becomes the clean table) once its table is validated.
 */
export async function validateAndClean(conn: Connector, input: ValidateInput): Promise<ValidateResult> {
  const errors: Finding[] = [];
  const warnings: Finding[] = [];
  const tables: TableReport[] = [];
  const clean: TableName[] = [];

  await conn.exec(`DROP TABLE IF EXISTS ${quoteIdent(ENCOUNTER_TOTALS)}`);
  const columnsByTable = new Map<TableName, Map<string, string>>();
  for (const t of input.present) columnsByTable.set(t, await sourceColumns(conn, t));

  let extractDate = input.manifestExtractDate ?? null;
  if (!extractDate) {
    const inferred = await latestDate(conn, columnsByTable, todayUtc());
    extractDate = inferred.date;
    const note = inferredExtractDateFinding(inferred, todayUtc());
    if (note) warnings.push(note);
  }
  if (!extractDate) {
    extractDate = todayUtc();
    warnings.push({
      rule: 'export.extract_date',
      severity: 'warning',
      table: 'manifest',
      message: `No extract date in a manifest and no date in the data; today (${extractDate}) is used.`,
      count: 1,
      examples: [],
    });
  }

  let requiredOk = true;
  const parentUsable = (t: TableName) => clean.includes(t);
  for (const [i, spec] of TABLES.entries()) {
    input.onProgress?.({ step: 'validating', table: spec.name, done: i, total: TABLES.length });
    const columns = columnsByTable.get(spec.name);
    if (!columns) {
      if (spec.required) {
        requiredOk = false;
        errors.push({
          rule: `${spec.name}.missing`,
          severity: 'error',
          table: spec.name,
          message: `${spec.name}.parquet is missing; the export needs it.`,
          count: 1,
          examples: [],
        });
      }
      tables.push({ name: spec.name, present: false, usable: false, rows: 0, excluded: 0 });
      await conn.exec(`DROP TABLE IF EXISTS ${quoteIdent(spec.name)}`);
      continue;
    }

    const schema = schemaErrors(spec, columns);
    const tableErrors = schema.errors.length
      ? schema.errors
      : [...(await fitErrors(conn, spec, columns, schema.fit)), ...(await keyErrors(conn, spec))];
    if (tableErrors.length) {
      errors.push(...tableErrors);
      if (spec.required) requiredOk = false;
      const [{ n }] = await conn.query<{ n: number }>(
        `SELECT count(*)::BIGINT AS n FROM ${srcTable(spec.name)}`,
      );
      tables.push({ name: spec.name, present: true, usable: false, rows: Number(n), excluded: Number(n) });
      await conn.exec(`DROP TABLE IF EXISTS ${quoteIdent(spec.name)}`);
      await dropSource(conn, spec.name);
      continue;
    }

    const flags = rowFlags(spec, { columns: new Set(columns.keys()), extractDate, parentUsable });
    const scan = await scanFlags(conn, spec, flags, parentUsable);
    warnings.push(...scan.warnings);
    tables.push({ name: spec.name, present: true, usable: true, rows: scan.rows, excluded: scan.excluded });

    if (requiredOk) {
      input.onProgress?.({ step: 'preparing', table: spec.name, done: i, total: TABLES.length });
      if (spec.name === 'encounters') {
        // kept only as per-episode totals (encounter-totals.ts): no clean encounters table
        await conn.exec(`DROP TABLE IF EXISTS ${quoteIdent(spec.name)}`);
        await createEncounterTotals(conn, cleanSelect(spec, columns, scan.excluded), {
          hasPaid: columns.has('paid_amount'),
        });
        await dropSource(conn, spec.name);
      } else await createClean(conn, spec, columns, scan.excluded);
      clean.push(spec.name);
      if (PARENT_TABLES.has(spec.name)) await createParentStatus(conn, spec, scan.excluded);
    } else {
      await conn.exec(`DROP TABLE IF EXISTS ${quoteIdent(spec.name)}`);
      await dropSource(conn, spec.name);
    }
  }
  for (const t of PARENT_TABLES) await conn.exec(`DROP TABLE IF EXISTS ${parentTable(t)}`);
  await conn.exec(`DROP TABLE IF EXISTS ${BAD}`);

  return { extractDate, usable: requiredOk, errors, warnings, tables, clean: requiredOk ? clean : [] };
}
