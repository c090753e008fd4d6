import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { LevelOfCare } from '../../core/contract/codes';
import { PREMATURE_REASONS } from '../../core/contract/codes';
import { quoteLiteral } from '../../core/engine/sql';
import { wilsonInterval } from '../../core/stats/wilson';
import { ImportDb } from './db';

/** One national figure, in the shape the study takes as an external comparator. */
export interface ReferenceFigure {
  measure: 'completion_rate' | 'premature_discharge_rate' | 'transfer_rate' | 'los_median';
  value: number | null;
  /** Proportions: the 95% Wilson interval. */
  lower: number | null;
  upper: number | null;
  numerator: number | null;
  /** Discharges the figure is computed over. */
  denominator: number;
  source: string;
}

/**
 * National figures for one level of care (default IOP, TEDS-D SERVICES_D = 6) from an export written by
 * import-teds: completion, premature discharge (dropped out or terminated) and transfer shares among
 * discharges, and the median LOS (approximate above 30 days: TEDS-D groups it, see docs/importers.md).
 */
export async function tedsReference(
  exportDir: string,
  level: LevelOfCare = 'iop',
): Promise<ReferenceFigure[]> {
  const manifest = JSON.parse(await readFile(join(exportDir, 'manifest.json'), 'utf8')) as {
    source?: string;
  };
  const db = await ImportDb.open();
  try {
    const episodes = quoteLiteral(join(exportDir, 'episodes.parquet'));
    const premature = PREMATURE_REASONS.map(quoteLiteral).join(', ');
    const [r] = await db.query<{
      n: number;
      completed: number;
      premature: number;
      transferred: number;
      los: number | null;
    }>(
      `SELECT count(*)::BIGINT AS n,
              count(*) FILTER (WHERE discharge_reason = 'completed')::BIGINT AS completed,
              count(*) FILTER (WHERE discharge_reason IN (${premature}))::BIGINT AS premature,
              count(*) FILTER (WHERE discharge_reason = 'transferred')::BIGINT AS transferred,
              quantile_cont(discharge_date - admit_date, 0.5)::DOUBLE AS los
       FROM read_parquet(${episodes}) WHERE level_of_care = ? AND discharge_date IS NOT NULL`,
      [level],
    );
    const n = Number(r.n);
    const source = `${manifest.source ?? 'TEDS-D'} ${level} discharges (n = ${n}).`;
    const share = (measure: ReferenceFigure['measure'], x: number): ReferenceFigure => {
      const ci = wilsonInterval(x, n);
      return {
        measure,
        value: n ? x / n : null,
        lower: ci?.lower ?? null,
        upper: ci?.upper ?? null,
        numerator: x,
        denominator: n,
        source,
      };
    };
    return [
      share('completion_rate', Number(r.completed)),
      share('premature_discharge_rate', Number(r.premature)),
      share('transfer_rate', Number(r.transferred)),
      {
        measure: 'los_median',
        value: r.los,
        lower: null,
        upper: null,
        numerator: null,
        denominator: n,
        source,
      },
    ];
  } finally {
    db.close();
  }
}
