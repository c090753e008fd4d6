import type { Cohort, Grouping } from '../cohort/types';
import { CONTRACT_VERSION } from '../contract/schema';
import { OutcomeSession } from '../measures/session';
import { COHORT_FROM, proportion, unavailable } from '../measures/values';
import { COMMON_SHARES_SQL, groupShareTertiles, TERTILE_RUNS } from '../measures/cost-tertiles';
import { runsSql } from '../measures/runs';
import { missedScreens, MISSED_SCREENS_SQL } from './missed-screens';
import { retentionSection } from './retention';
import type { Counts, MeasureSet } from '../measures/types';
import { DISCHARGE_REASONS } from '../contract/codes';
import { adjustedSection, type NetworkFigures } from './adjusted';
import { baselineTable, BASELINE_CATEGORICAL_SQL, BASELINE_CONTINUOUS_SQL } from './baseline';
import { resolveArms, type ResolvedArms } from './comparator';
import { studyComparative } from './comparative';
import { costSection } from './cost';
import { armFlow, flowTable } from './flow';
import { outcomeRows, type ComparatorMeasures } from './outcomes';
import { MEASURE_GROUPS } from '../measures/registry';
import { RISK_SQL } from '../measures/risk';
import { compileCohort } from '../cohort/compile';
import type { InputFile, MeasureSql, PerArm, Study, StudyRequest } from './types';

export interface StudyInputs {
  files: InputFile[];
  productVersion: string;
}

/**
 * One program's outcome study (outcome-study.md): every figure comes from the measures engine
 * for the program's cohort and the comparator's, computed together in one grouping.
 * `network` (the risk model and every program's completion) may be shared across studies of
 * the same export.
 */
export async function buildStudy(
  session: OutcomeSession,
  request: StudyRequest,
  inputs: StudyInputs,
  network?: NetworkFigures,
): Promise<Study> {
  const arms = await resolveArms(session, request);
  const sets: Grouping = {
    kind: 'sets',
    sets: [
      { label: 'program', cohort: arms.program.cohort },
      ...(arms.comparator ? [{ label: 'comparator', cohort: arms.comparator.cohort }] : []),
    ],
  };
  const inData = arms.comparator !== null;
  const computed = await session.withGroups(arms.program.cohort, sets, async (ctx, groups) => {
    const measures = await OutcomeSession.measuresFor(ctx, groups);
    const baseline = await baselineTable(ctx.conn, inData);
    const retention = await retentionSection(ctx, groups, inData);
    const missed = ctx.tables.has('drug_screens') ? await missedScreens(ctx.conn) : null;
    const tertiles =
      ctx.tables.has('encounters') && ctx.tables.has('cost_rates')
        ? await groupShareTertiles(
            ctx,
            groups,
            proportion,
            ctx.tables.has('drug_screens') ? null : unavailable('drug_screens'),
            { commonCuts: true },
          )
        : undefined;
    const admitted = await ctx.conn.query<{ grp: string; first: string | null; last: string | null }>(
      // Months only: the first or last admission date is one client's date.
      `SELECT e.grp, strftime(min(e.admit_date), '%Y-%m') AS first, strftime(max(e.admit_date), '%Y-%m') AS last
       FROM ${COHORT_FROM} GROUP BY e.grp`,
    );
    return { measures, baseline, retention, missed, tertiles, admitted };
  });

  const programSet = computed.measures.measures.get('program') ?? {};
  const comparatorSet = computed.measures.measures.get('comparator') ?? null;
  const comparatorMeasures: ComparatorMeasures =
    request.comparator.kind === 'external'
      ? { kind: 'external', label: request.comparator.label, figures: request.comparator.figures }
      : comparatorSet
        ? { kind: 'measures', set: comparatorSet }
        : null;

  const flowProgram = await armFlow(session.conn, arms.program);
  const flowComparator = arms.comparator ? await armFlow(session.conn, arms.comparator) : null;
  const hasFilters = Object.values(request.filters ?? {}).some((v) => v?.length);
  const perArm = <T>(f: (set: 'program' | 'comparator') => T): PerArm<T> => ({
    program: f('program'),
    comparator: inData ? f('comparator') : null,
  });
  const range = (arm: string) => {
    const r = computed.admitted.find((x) => x.grp === arm);
    return { first: r?.first ?? null, last: r?.last ?? null };
  };
  const reasons = (set: MeasureSet | null) => (set?.discharge_reasons ?? {}) as Counts;
  const n = perArm((arm) => computed.measures.episodes.get(arm) ?? 0);
  const cost = costSection({ program: programSet, comparator: comparatorSet }, n, computed.tertiles);

  return {
    meta: {
      title: `Outcome study: ${arms.programLabel} compared with ${arms.comparatorLabel}`,
      programIds: request.programs,
      programLabel: arms.programLabel,
      comparatorKind: request.comparator.kind,
      comparatorLabel: arms.comparatorLabel,
      comparatorDescription: arms.comparatorDescription,
      externalSource: request.comparator.kind === 'external' ? request.comparator.source : null,
      level: request.level,
      window: { from: request.from ?? null, to: request.to ?? null },
      admitted: perArm(range),
      filters: request.filters ?? {},
      source: typeof session.loaded.manifest?.source === 'string' ? session.loaded.manifest.source : null,
      extractDate: session.loaded.extractDate,
      contractVersion: CONTRACT_VERSION,
      productVersion: inputs.productVersion,
      privacy: 'exact',
    },
    flow: flowTable(flowProgram, flowComparator, {
      filters: hasFilters,
      outpatient: request.comparator.kind === 'outpatient',
      level: request.level,
    }),
    validation: validationRows(session),
    baseline: computed.baseline,
    n,
    outcomes: outcomeRows(programSet, comparatorMeasures, {
      comparatorLevel: arms.comparator?.cohort.level,
    }).map((o) =>
      o.measure === 'retention_90' && computed.retention.difference90
        ? { ...o, difference: computed.retention.difference90 }
        : o,
    ),
    dischargeReasons: DISCHARGE_REASONS.filter(
      (r) => reasons(programSet)[r] !== undefined || reasons(comparatorSet)[r] !== undefined,
    ).map((reason) => ({
      reason,
      counts: perArm((arm) => reasons(arm === 'program' ? programSet : comparatorSet)[reason] ?? 0),
    })),
    retention: computed.retention,
    missedScreens: computed.missed ? perArm((arm) => computed.missed!.get(arm) ?? proportion(0, 0)) : null,
    adjusted: await adjustedSection(session, arms, network),
    cost: cost.figures,
    ...(cost.reason ? { costReason: cost.reason } : {}),
    ...(request.comparator.kind === 'outpatient'
      ? { comparative: await studyComparative(session, request) }
      : {}),
    reproducibility: { files: inputs.files, sql: studySql(session, arms) },
  };
}

/**
 * Rows left out, by rule: each warning's rows, and every row of a table an error made unusable
 * (an error's own count is 1 for the table, not rows).
 */
function validationRows(session: OutcomeSession): Study['validation'] {
  const v = session.loaded.validation;
  const warnings = v.warnings
    .filter((w) => w.table !== 'manifest' && w.count > 0)
    .map((w) => ({ rule: w.rule, table: w.table, rows: w.count }));
  const unusable = v.tables
    .filter((t) => t.present && !t.usable)
    .map((t) => ({
      rule: v.errors.find((e) => e.table === t.name)?.rule ?? `${t.name}.unusable`,
      table: t.name,
      rows: t.rows,
    }));
  return [...unusable, ...warnings];
}

/** The SQL behind every figure of the study: the engine's measures and the study's own tables. */
function studySql(session: OutcomeSession, arms: ResolvedArms): MeasureSql[] {
  const measuresOf = (step: string) =>
    MEASURE_GROUPS.find((g) => step.startsWith(`${g.id}.`))?.measures ?? [];
  const cohort = (label: string, c: Cohort): MeasureSql => {
    const p = compileCohort(c);
    return {
      step: `cohort.${label}`,
      measures: [],
      sql: `-- parameters: ${JSON.stringify(p.params)}\nSELECT e.episode_id FROM ep_summary e WHERE ${p.sql}`,
    };
  };
  const out: MeasureSql[] = [
    cohort('program', arms.program.cohort),
    ...(arms.comparator ? [cohort('comparator', arms.comparator.cohort)] : []),
    ...Object.entries(session.measureSql()).map(([step, sql]) => ({
      step,
      measures: [...measuresOf(step)],
      sql,
    })),
  ];
  out.push(
    ...Object.entries(RISK_SQL).map(([step, sql]) => ({
      step: `risk.${step}`,
      measures: ['risk_adjusted'],
      sql,
    })),
    { step: 'study.baseline_categorical', measures: ['table_1'], sql: BASELINE_CATEGORICAL_SQL },
    { step: 'study.baseline_continuous', measures: ['table_1'], sql: BASELINE_CONTINUOUS_SQL },
    { step: 'study.missed_screens', measures: ['missed_screens'], sql: MISSED_SCREENS_SQL },
    { step: 'study.group_share_common', measures: ['group_share_tertiles'], sql: COMMON_SHARES_SQL },
    { step: 'study.group_share_tertiles', measures: ['group_share_tertiles'], sql: runsSql(TERTILE_RUNS) },
  );
  return out;
}
