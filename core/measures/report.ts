import type { Cohort } from '../cohort/types';
import { CONTRACT_VERSION } from '../contract/schema';
import { computeRiskAdjusted, computeRiskAdjustedOutcomes } from './risk';
import { measuresFor } from './measures-for';
import type { OutcomeSession } from './session';
import type { Report } from './types';

/**
 * The JSON report of measures.md: the cohort's measures, every program's (each program of the
 * cohort, also without episodes), the risk-adjusted comparison of programs (with over-dispersion
 * and the model's diagnostics) and the other risk-adjusted outcomes.
 *
 * With `programsOnly` (what a table of programs shows), the programs' measures are those measure
 * groups' alone, and the cohort's own measures and the other risk-adjusted outcomes are left out:
 * `measures` is empty and the cohort's episodes are its programs'.
 */
export async function computeReport(
  session: OutcomeSession,
  cohort: Cohort,
  programsOnly?: readonly string[],
): Promise<Report> {
  const overall = programsOnly ? null : await session.grouped(cohort, { kind: 'overall' });
  const byProgram = await session.withGroups(
    cohort,
    { kind: 'by', column: 'program_id' },
    async (ctx, groups) => {
      const measures = await measuresFor(ctx, groups, programsOnly);
      return {
        measures,
        risk: await computeRiskAdjusted(ctx),
        outcomes: programsOnly ? undefined : await computeRiskAdjustedOutcomes(ctx),
      };
    },
  );
  const excluded: Record<string, number> = {};
  for (const w of session.loaded.validation.warnings)
    if (w.table !== 'manifest' && w.count > 0) excluded[w.rule] = w.count;
  const programs: Report['programs'] = {};
  for (const g of byProgram.measures.groups)
    programs[g] = {
      episodes: byProgram.measures.episodes.get(g) ?? 0,
      measures: byProgram.measures.measures.get(g) ?? {},
    };
  return {
    contract_version: CONTRACT_VERSION,
    extract_date: session.loaded.extractDate,
    cohort: {
      episodes: overall
        ? (overall.episodes.get('overall') ?? 0)
        : [...byProgram.measures.episodes.values()].reduce((a, b) => a + b, 0),
      excluded,
    },
    measures: overall?.measures.get('overall') ?? {},
    programs,
    risk_adjusted: byProgram.risk.programs,
    overdispersion: byProgram.risk.overdispersion,
    risk_model: byProgram.risk.model,
    risk_adjusted_outcomes: byProgram.outcomes,
  };
}
