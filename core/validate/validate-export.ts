import { TABLES, type TableName, type TableSpec } from '../contract/schema';
import type { Connector, ParquetBatches, Row } from '../engine/connector';
import { dropRelation } from '../engine/drop-relation';
import { quoteIdent, quoteLiteral } from '../engine/sql';
import {
  createEncounterTotals,
  ENCOUNTER_TOTALS,
  encounterTotalsBuilder,
  GROUP_PASS_COLUMNS,
} from './encounter-totals';
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
import { BatchKeys } from './batch-keys';
import { BatchSums } from './batch-sums';
import { col, examplesList, keyExpr, splitExamples, srcTable, toCount } from './sql-parts';
import type { StreamedTable } from './streamed-table';
import { fitBatch, fitFindings, fitSums, schemaErrors, sourceColumns } from './table-errors';
import type { Finding, TableReport } from './types';

export interface ValidateProgress {
  /** cleaning: the table's clean rows are kept (a streamed table: summed, in a second pass). */
  step: 'validating' | 'cleaning';
  table: TableName;
  done: number;
  total: number;
  /** A streamed table: its rows validated (or summed) so far, of `rowsTotal`. */
  rows?: number;
  rowsTotal?: number;
}

export interface ValidateInput {
  /** Contract tables loaded as `src_<table>`. */
  present: ReadonlySet<TableName>;
  /** A valid manifest extract_date, if any. */
  manifestExtractDate?: string;
  onProgress?: (p: ValidateProgress) => void;
  /** Tables read batch by batch (`src_<table>` is a view over the current batch). */
  streamed?: ReadonlyMap<TableName, StreamedTable>;
  /** Called at each batch of a streamed table, before it is validated (acceptUnambiguous counts). */
  onBatch?: (table: TableName) => Promise<void>;
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
 * One scan of the current batch (or the whole table): the rows breaking any warning rule go to a
 * temp table `_val_bad` (key columns + one flag per rule); the batch's counts and examples are
 * read from those few rows into `sums`. Returns the batch's flagged rows.
 */
async function scanBatch(
  conn: Connector,
  spec: TableSpec,
  flags: RowFlag[],
  parentUsable: (t: TableName) => boolean,
  sums: BatchSums,
  batch: boolean,
): Promise<number> {
  const rows = `(SELECT count(*) FROM ${srcTable(spec.name)})::BIGINT AS n`;
  if (!flags.length) {
    await sums.add(`SELECT ${rows}, 0::BIGINT AS excluded`);
    return 0;
  }
  const { items, params } = flagSelect(flags);
  const keys = spec.key.map((k) => col('t', k));
  const within = batch ? await foreignKeyRanges(conn, spec, parentUsable) : undefined;
  await conn.query(
    `CREATE OR REPLACE TEMP TABLE ${BAD} AS SELECT * FROM (SELECT ${[...keys, ...items].join(', ')} FROM ${flagFrom(spec, parentUsable, within)})
     WHERE ${flags.map((_, i) => `f${i}`).join(' OR ')}`,
    params,
  );
  const aggs = flags.flatMap((_, i) => [
    `count(*) FILTER (WHERE f${i})::BIGINT AS c${i}`,
    `${examplesList(keyExpr(spec), `f${i}`)} AS e${i}`,
  ]);
  await sums.add(`SELECT ${rows}, count(*)::BIGINT AS excluded, ${aggs.join(', ')} FROM ${BAD} AS t`);
  const [{ n }] = await conn.query<{ n: number }>(`SELECT count(*)::BIGINT AS n FROM ${BAD}`);
  return Number(n);
}

/**
 * The range of each foreign key's values in the current batch, as literals of the parent key's
 * type: a batch joins only its parents, so the join of each of 60 batches (250k episodes) does
 * not build over every episode. Measured: 250k in DuckDB-WASM, the 63 batch scans take 15 CPU s,
 * 0.24 s each, against 0.19 s at 100k; one whole-table scan is about half that in all.
 */
async function foreignKeyRanges(conn: Connector, spec: TableSpec, parentUsable: (t: TableName) => boolean) {
  const fks = spec.foreignKeys.filter((fk) => parentUsable(fk.references.table));
  const out = new Map<string, readonly [string, string]>();
  if (!fks.length) return out;
  const [row] = await conn.query(
    `SELECT ${fks.map((fk, i) => `min(${col('t', fk.column)})::VARCHAR AS lo${i}, max(${col('t', fk.column)})::VARCHAR AS hi${i}`).join(', ')}
     FROM ${srcTable(spec.name)} AS t`,
  );
  fks.forEach((fk, i) => {
    const type = TABLES.find((t) => t.name === fk.references.table)!.columns.find(
      (c) => c.name === fk.references.column,
    )!.type;
    const lo = row[`lo${i}`];
    const hi = row[`hi${i}`];
    if (lo !== null && hi !== null)
      out.set(fk.column, [
        `CAST(${quoteLiteral(String(lo))} AS ${type})`,
        `CAST(${quoteLiteral(String(hi))} AS ${type})`,
      ]);
  });
  return out;
}

const scanSums = (conn: Connector, flags: RowFlag[]) =>
  new BatchSums(
    conn,
    'scan',
    ['n', 'excluded', ...flags.map((_, i) => `c${i}`)],
    flags.map((_, i) => `e${i}`),
  );

/** The table's warnings and counts from its batches' scans. */
function scanResult(spec: TableSpec, flags: RowFlag[], row: Row) {
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
  return { rows: toCount(row.n), excluded: toCount(row.excluded), warnings };
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

/** The source rows that break no rule (not in `bad`, by default `_val_bad`), cast to the contract types. */
function cleanSelect(
  spec: TableSpec,
  columns: ReadonlyMap<string, string>,
  excluded: number,
  bad: string = BAD,
): string {
  const select = spec.columns.map((c) =>
    columns.has(c.name)
      ? `CAST(${col('t', c.name)} AS ${c.type}) AS ${quoteIdent(c.name)}`
      : `CAST(NULL AS ${c.type}) AS ${quoteIdent(c.name)}`,
  );
  const antiJoin = excluded
    ? ` WHERE NOT EXISTS (SELECT 1 FROM ${bad} AS b WHERE ${keyMatch(spec, 't', 'b')})`
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

const EXCLUDED = quoteIdent('_enc_excluded');

/**
 * A streamed table's clean rows (encounters), appended batch by batch to encounter_totals: no
 * clean table of rows is held (encounter-totals.ts). Its second pass (the group shares) reads the
 * batches again, only the columns it needs, so the keys of the rows each batch excluded are kept
 * (flagged rows: few).
 */
function streamedClean(conn: Connector, spec: TableSpec, columns: ReadonlyMap<string, string>) {
  const totals = encounterTotalsBuilder(conn, { hasPaid: columns.has('paid_amount') });
  let excludedAny = false;
  const keys = spec.key.map((k) => quoteIdent(k)).join(', ');
  const drop = () => conn.exec(`DROP TABLE IF EXISTS ${EXCLUDED}`);
  /** The columns the second pass reads: the group rows', and the key when rows were excluded. */
  const groupColumns = () => [...new Set([...(excludedAny ? spec.key : []), ...GROUP_PASS_COLUMNS])];
  return {
    async append(excluded: number) {
      await totals.append(cleanSelect(spec, columns, excluded));
      if (!excluded) return;
      await conn.exec(
        `${excludedAny ? `INSERT INTO ${EXCLUDED}` : `CREATE OR REPLACE TEMP TABLE ${EXCLUDED} AS`} SELECT ${keys} FROM ${BAD}`,
      );
      excludedAny = true;
    },
    groupColumns,
    /** The second pass over the table's batches (a pass of `groupColumns()`); `onRows` hears the rows read. */
    async appendGroups(pass: ParquetBatches, onRows?: (rows: number) => void) {
      const read = new Map([...columns].filter(([c]) => groupColumns().includes(c)));
      try {
        for (let rows = await pass.next(); rows !== null; rows = await pass.next()) {
          onRows?.(rows);
          await totals.appendGroups(cleanSelect(spec, read, excludedAny ? 1 : 0, EXCLUDED));
        }
      } finally {
        await pass.close();
      }
    },
    async finish() {
      await conn.exec(`DROP TABLE IF EXISTS ${quoteIdent(spec.name)}`);
      await totals.finish();
      await drop();
    },
    async discard() {
      await totals.discard();
      await drop();
    },
  };
}

const dropSource = (conn: Connector, table: TableName) =>
  dropRelation((sql) => conn.exec(sql), `src_${table}`);

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
     SELECT * FROM (SELECT ${col('c', key)} AS _p_key, true AS _p_ok${cleanDates} FROM ${quoteIdent(spec.name)} AS c${bad})
     ORDER BY _p_key`, // in key order, so a batch's range of keys reads only its part (zonemaps)
  );
}

/** The whole `src_<table>` as one batch. */
function wholeTable(): ParquetBatches {
  let read = false;
  return { rows: 0, next: async () => (read ? null : ((read = true), 0)), close: async () => {} };
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
    const inferred = await latestDate(conn, columnsByTable, todayUtc(), input.streamed);
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
    const stream = input.streamed?.get(spec.name);
    const unusable = async (found: Finding[]) => {
      errors.push(...found);
      if (spec.required) requiredOk = false;
      const n = stream
        ? stream.rows
        : Number(
            (await conn.query<{ n: number }>(`SELECT count(*)::BIGINT AS n FROM ${srcTable(spec.name)}`))[0]
              .n,
          );
      tables.push({ name: spec.name, present: true, usable: false, rows: n, excluded: n });
      await conn.exec(`DROP TABLE IF EXISTS ${quoteIdent(spec.name)}`);
      await dropSource(conn, spec.name);
    };

    const schema = schemaErrors(spec, columns);
    if (schema.errors.length) {
      await unusable(schema.errors);
      continue;
    }
    const flags = rowFlags(spec, { columns: new Set(columns.keys()), extractDate, parentUsable });
    const fit = fitSums(conn, schema.fit);
    const scan = scanSums(conn, flags);
    const keys = new BatchKeys(conn, spec);
    const streamedRows = stream && requiredOk ? streamedClean(conn, spec, columns) : null;
    const pass = stream ? await stream.pass() : wholeTable();
    // once a batch shows the table unusable, the rest is only read for the errors' counts
    let broken = false;
    try {
      for (let read = await pass.next(); read !== null; read = await pass.next()) {
        if (stream) {
          input.onProgress?.({
            step: 'validating',
            table: spec.name,
            done: i,
            total: TABLES.length,
            rows: read,
            rowsTotal: pass.rows,
          });
          await input.onBatch?.(spec.name);
        }
        if (schema.fit.length) {
          await fitBatch(spec, schema.fit, fit);
          for (const [f] of schema.fit.entries()) broken ||= (await fit.total(`c${f}`)) > 0;
        }
        broken = (await keys.batch(read === pass.rows)) || broken;
        if (broken) continue;
        const excluded = await scanBatch(conn, spec, flags, parentUsable, scan, stream !== undefined);
        if (streamedRows) await streamedRows.append(excluded);
      }
    } finally {
      if (stream) await pass.close();
    }
    const tableErrors = [
      ...fitFindings(spec, columns, schema.fit, await fit.result()),
      ...(await keys.finish(() => stream!.pass(spec.key))),
    ];
    if (tableErrors.length) {
      await scan.discard();
      await streamedRows?.discard();
      await unusable(tableErrors);
      continue;
    }
    const scanned = scanResult(spec, flags, await scan.result());
    warnings.push(...scanned.warnings);
    tables.push({
      name: spec.name,
      present: true,
      usable: true,
      rows: scanned.rows,
      excluded: scanned.excluded,
    });

    if (requiredOk) {
      const cleaning = { step: 'cleaning', table: spec.name, done: i, total: TABLES.length } as const;
      input.onProgress?.(cleaning);
      if (streamedRows) {
        const pass = await stream!.pass(streamedRows.groupColumns());
        await streamedRows.appendGroups(pass, (rows) =>
          input.onProgress?.({ ...cleaning, rows, rowsTotal: pass.rows }),
        );
        await streamedRows.finish();
      } else if (spec.name === 'encounters') {
        // kept only as per-episode totals (encounter-totals.ts): no clean encounters table
        await conn.exec(`DROP TABLE IF EXISTS ${quoteIdent(spec.name)}`);
        await createEncounterTotals(conn, cleanSelect(spec, columns, scanned.excluded), {
          hasPaid: columns.has('paid_amount'),
        });
        await dropSource(conn, spec.name);
      } else await createClean(conn, spec, columns, scanned.excluded);
      clean.push(spec.name);
      if (PARENT_TABLES.has(spec.name)) await createParentStatus(conn, spec, scanned.excluded);
    } else {
      await conn.exec(`DROP TABLE IF EXISTS ${quoteIdent(spec.name)}`);
      await dropSource(conn, spec.name);
    }
  }
  for (const t of PARENT_TABLES) await conn.exec(`DROP TABLE IF EXISTS ${parentTable(t)}`);
  await conn.exec(`DROP TABLE IF EXISTS ${BAD}`);

  return { extractDate, usable: requiredOk, errors, warnings, tables, clean: requiredOk ? clean : [] };
}
