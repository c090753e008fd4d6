import type { ImportDb } from './db';

/** dropped: source rows not exported; guessed: values the importer inferred; unknown: values left null, by why. */
export type TallyKind = 'dropped' | 'guessed' | 'unknown';

export interface TallyEntry {
  kind: TallyKind;
  /** The source table (dropped) or the contract column / table (guessed) the count is about. */
  subject: string;
  reason: string;
  count: number;
}

/** Every row an importer dropped or guessed, by reason: printed at the end and written to the manifest. */
export class Tally {
  readonly entries: TallyEntry[] = [];

  add(kind: TallyKind, subject: string, reason: string, count: number): void {
    if (count <= 0) return;
    const hit = this.entries.find((e) => e.kind === kind && e.subject === subject && e.reason === reason);
    if (hit) hit.count += count;
    else this.entries.push({ kind, subject, reason, count });
  }

  /** Adds one count per reason from a query returning (reason VARCHAR, n) rows; null reasons are skipped. */
  async addFromQuery(db: ImportDb, kind: TallyKind, subject: string, sql: string): Promise<void> {
    for (const r of await db.query<{ reason: string | null; n: number }>(sql)) {
      if (r.reason !== null) this.add(kind, subject, r.reason, Number(r.n));
    }
  }

  /** Adds the rows of a staging table dropped by their `fate` (NULL = kept), in order of first `rid`. */
  async addFates(db: ImportDb, source: string, table: string): Promise<void> {
    await this.addFromQuery(
      db,
      'dropped',
      source,
      `SELECT fate AS reason, count(*)::BIGINT AS n FROM ${table} WHERE fate IS NOT NULL GROUP BY fate ORDER BY min(rid)`,
    );
  }

  /** Adds, for each reason in order, the rows of `table` where its SQL condition holds. */
  async addCounts(
    db: ImportDb,
    kind: TallyKind,
    subject: string,
    table: string,
    conditions: Readonly<Record<string, string>>,
  ): Promise<void> {
    const reasons = Object.entries(conditions);
    const columns = reasons.map(([, where], i) => `count(*) FILTER (WHERE ${where})::BIGINT AS n${i}`);
    const [row] = await db.query(`SELECT ${columns.join(', ')} FROM ${table}`);
    reasons.forEach(([reason], i) => this.add(kind, subject, reason, Number(row[`n${i}`])));
  }

  total(kind: TallyKind, subject?: string): number {
    return this.entries
      .filter((e) => e.kind === kind && (subject === undefined || e.subject === subject))
      .reduce((s, e) => s + e.count, 0);
  }

  /** { subject: { reason: count } } for one kind, in insertion order. */
  toJSON(kind: TallyKind): Record<string, Record<string, number>> {
    const out: Record<string, Record<string, number>> = {};
    for (const e of this.entries.filter((x) => x.kind === kind)) (out[e.subject] ??= {})[e.reason] = e.count;
    return out;
  }

  format(): string {
    const lines: string[] = [];
    const title = { dropped: 'Dropped rows', guessed: 'Guessed values', unknown: 'Left unknown (null)' };
    for (const kind of ['dropped', 'guessed', 'unknown'] as const) {
      const rows = this.entries.filter((e) => e.kind === kind);
      lines.push(`${title[kind]} (${this.total(kind)} in all)`);
      if (!rows.length) lines.push('  none');
      const width = Math.max(0, ...rows.map((e) => String(e.count).length));
      for (const e of rows) lines.push(`  ${String(e.count).padStart(width)}  ${e.subject}: ${e.reason}`);
    }
    return lines.join('\n');
  }
}
