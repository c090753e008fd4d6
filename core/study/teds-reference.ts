import type { LevelOfCare } from '../contract/codes';
import { PREMATURE_REASONS } from '../contract/codes';
import type { Manifest } from '../contract/schema';
import type { Connector } from '../engine/connector';
import { wilsonInterval } from '../stats/wilson';
import type { Comparator } from './types';

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

const PREMATURE = PREMATURE_REASONS.map(() => '?').join(', ');

/** One scan of the clean `episodes` table: discharges of the level, by reason, and their median LOS. */
export const TEDS_REFERENCE_SQL = `SELECT count(*)::INTEGER AS n,
  count(*) FILTER (WHERE discharge_reason = 'completed')::INTEGER AS completed,
  count(*) FILTER (WHERE discharge_reason IN (${PREMATURE}))::INTEGER AS premature,
  count(*) FILTER (WHERE discharge_reason = 'transferred')::INTEGER AS transferred,
  quantile_cont(discharge_date - admit_date, 0.5)::DOUBLE AS los
FROM episodes WHERE level_of_care = ? AND discharge_date IS NOT NULL`;

/** The discharge year(s) a TEDS-D import covers, from its manifest (source text, else extract year). */
export function tedsYears(manifest: Manifest | null): string | null {
  const m = /discharge year\(s\) ([\d, ]+\d)/.exec(manifest?.source ?? '');
  if (m) return m[1];
  return manifest?.extract_date?.slice(0, 4) ?? null;
}

/**
 * National figures for one level of care (default IOP, TEDS-D SERVICES_D = 6) over a loaded export
 * written by import-teds: completion, premature discharge (dropped out or terminated) and transfer
 * shares among discharges, and the median LOS (approximate above 30 days: TEDS-D groups it, see
 * docs/importers.md).
 */
export async function tedsReference(
  conn: Connector,
  manifest: Manifest | null,
  level: LevelOfCare = 'iop',
): Promise<ReferenceFigure[]> {
  const [r] = await conn.query<{
    n: number;
    completed: number;
    premature: number;
    transferred: number;
    los: number | null;
  }>(TEDS_REFERENCE_SQL, [...PREMATURE_REASONS, level]);
  const n = Number(r?.n ?? 0);
  const source = `${(manifest?.source ?? 'TEDS-D').replace(/\.$/, '')}; ${level.toUpperCase()} discharges, n = ${n}`;
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
    share('completion_rate', Number(r?.completed ?? 0)),
    share('premature_discharge_rate', Number(r?.premature ?? 0)),
    share('transfer_rate', Number(r?.transferred ?? 0)),
    {
      measure: 'los_median',
      value: r?.los ?? null,
      lower: null,
      upper: null,
      numerator: null,
      denominator: n,
      source,
    },
  ];
}

/** The study's external comparator from TEDS-D reference figures (completion, the figure the study compares). */
export function tedsComparator(
  figures: ReferenceFigure[],
  manifest: Manifest | null,
  level: LevelOfCare = 'iop',
): Extract<Comparator, { kind: 'external' }> {
  const usable = figures.filter((f) => f.value !== null && f.measure === 'completion_rate');
  const years = tedsYears(manifest);
  return {
    kind: 'external',
    label: `national TEDS-D ${level.toUpperCase()} discharges${years ? ` ${years}` : ''}`,
    source: usable[0]?.source ?? 'TEDS-D',
    figures: usable.map((f) => ({
      measure: f.measure,
      value: f.value!,
      numerator: f.numerator ?? undefined,
      denominator: f.denominator,
    })),
  };
}
