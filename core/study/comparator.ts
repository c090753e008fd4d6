import type { Cohort } from '../cohort/types';
import type { OutcomeSession } from '../measures/session';
import type { ArmFlowSpec } from './flow';
import type { StudyRequest } from './types';

export interface ResolvedArms {
  program: ArmFlowSpec;
  comparator: ArmFlowSpec | null;
  programLabel: string;
  comparatorLabel: string;
  comparatorDescription: string;
  programNames: Map<string, string>;
}

/** A mistake in the request, worded for the person who made it. */
export class StudyRequestError extends Error {}

const OUTPATIENT_GAP_DAYS = 30;

/** The cohorts of the program and of its comparator (outcome-study.md "Choices the user makes"). */
export async function resolveArms(session: OutcomeSession, request: StudyRequest): Promise<ResolvedArms> {
  const rows = await session.conn.query<{ id: string; name: string }>(
    'SELECT program_id AS id, program_name AS name FROM programs ORDER BY program_id',
  );
  const names = new Map(rows.map((r) => [r.id, r.name]));
  const unknown = [
    ...request.programs,
    ...(request.comparator.kind === 'programs' ? request.comparator.programs : []),
  ].filter((p) => !names.has(p));
  if (!request.programs.length) throw new StudyRequestError('choose a program to study');
  if (unknown.length)
    throw new StudyRequestError(
      `unknown program ${unknown.join(', ')}; programs: ${[...names.keys()].join(', ')}`,
    );
  const base: Omit<Cohort, 'programs'> = {
    level: request.level,
    ...(request.from ? { from: request.from } : {}),
    ...(request.to ? { to: request.to } : {}),
    ...(request.filters ? { filters: request.filters } : {}),
  };
  const label = (ids: string[]) => ids.map((id) => names.get(id) ?? id).join(', ');
  const program: ArmFlowSpec = {
    cohort: { ...base, programs: request.programs },
    scope: { include: request.programs },
  };
  const c = request.comparator;
  const level = request.level.toUpperCase();
  const common = { program, programLabel: label(request.programs), programNames: names };
  switch (c.kind) {
    case 'others': {
      const others = [...names.keys()].filter((id) => !request.programs.includes(id));
      if (!others.length) throw new StudyRequestError('the export has no other program to compare with');
      return {
        ...common,
        comparator: { cohort: { ...base, programs: others }, scope: { exclude: request.programs } },
        comparatorLabel: 'all other programs',
        comparatorDescription: `${level} episodes of the ${others.length} other program${others.length > 1 ? 's' : ''} in the same export, with the same window and filters.`,
      };
    }
    case 'programs': {
      const overlap = c.programs.filter((p) => request.programs.includes(p));
      if (overlap.length)
        throw new StudyRequestError(`a program cannot be its own comparator: ${overlap.join(', ')}`);
      if (!c.programs.length) throw new StudyRequestError('choose the comparator programs');
      return {
        ...common,
        comparator: { cohort: { ...base, programs: c.programs }, scope: { include: c.programs } },
        comparatorLabel: label(c.programs),
        comparatorDescription: `${level} episodes of ${label(c.programs)}, with the same window and filters.`,
      };
    }
    case 'outpatient': {
      if (request.level === 'op')
        throw new StudyRequestError('the outpatient comparator needs a cohort level other than op');
      return {
        ...common,
        comparator: {
          cohort: {
            ...base,
            level: 'op',
            notPrecededBy: { level: request.level, days: OUTPATIENT_GAP_DAYS },
          },
          scope: { all: true },
        },
        comparatorLabel: 'standard outpatient care',
        comparatorDescription: `Outpatient (op, ASAM level 1) episodes of every program in the same export, with the same window and filters, leaving out those admitted within ${OUTPATIENT_GAP_DAYS} days after the client's ${level} discharge (the "90 minutes three times a week" arm).`,
      };
    }
    case 'external':
      if (!c.source.trim()) throw new StudyRequestError('an external reference needs its source');
      if (!c.figures.length) throw new StudyRequestError('an external reference needs at least one figure');
      return {
        ...common,
        comparator: null,
        comparatorLabel: c.label,
        comparatorDescription: `An external reference, not recomputed from these data: ${c.source}.`,
      };
  }
}
