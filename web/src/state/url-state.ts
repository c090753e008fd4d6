import {
  FILTER_COLUMN_NAMES,
  FILTER_COLUMNS,
  isCalendarDate,
  isFilterColumn,
  LEVELS_OF_CARE,
  type CohortFilters,
  type FilterColumn,
  type LevelOfCare,
} from '../../../core';
import {
  DEFAULT_LEVEL,
  DEFAULT_STATE,
  VIEWS,
  type AppState,
  type CompareSet,
  type Comparison,
  type ViewId,
} from './app-state';

/**
 * The whole state in the query string, readable and stable:
 *   ?view=retention&level=iop&from=2025-01-01&program=a,b&mat=buprenorphine,none&by=payer
 *   &set=MAT|mat:buprenorphine,methadone&set=No MAT|mat:none
 * A nullable column's null is written as its null label (FILTER_COLUMNS), booleans as true/false.
 * Reading never throws: a part it cannot read is dropped and named in `notices`.
 */
type FilterValue = string | boolean | null;

function encodeValue(column: FilterColumn, v: FilterValue): string {
  return v === null ? FILTER_COLUMNS[column].nullLabel : String(v);
}

function decodeValue(column: FilterColumn, s: string): FilterValue | undefined {
  const spec = FILTER_COLUMNS[column];
  if (spec.nullable && s === spec.nullLabel) return null;
  const code = spec.codes.find((c) => String(c) === s);
  return code === undefined ? undefined : code;
}

/** decodeURIComponent that gives undefined for a broken escape (`%`, a link cut mid-escape). */
function unescape(s: string): string | undefined {
  try {
    return decodeURIComponent(s);
  } catch {
    return undefined;
  }
}

function decodeList(column: FilterColumn, text: string, notices?: string[]): FilterValue[] {
  return text.split(',').flatMap((s) => {
    const raw = unescape(s);
    const v = raw === undefined ? undefined : decodeValue(column, raw);
    if (v === undefined) notices?.push(`${column}: unknown value ${JSON.stringify(raw ?? s)} ignored`);
    return v === undefined ? [] : [v];
  });
}

const encodeList = (column: FilterColumn, values: readonly FilterValue[]) =>
  values.map((v) => encodeURIComponent(encodeValue(column, v))).join(',');

function filtersEntries(filters: CohortFilters | undefined): [FilterColumn, FilterValue[]][] {
  if (!filters) return [];
  return FILTER_COLUMN_NAMES.flatMap((c) => {
    const v = filters[c] as FilterValue[] | undefined;
    return v && v.length ? [[c, v] as [FilterColumn, FilterValue[]]] : [];
  });
}

function encodeSet(s: CompareSet): string {
  // A set keeps a column even with no value ticked yet, so its editor keeps showing that column.
  const parts = FILTER_COLUMN_NAMES.filter((c) => s.filters[c] !== undefined).map(
    (c) => `${c}:${encodeList(c, s.filters[c] as FilterValue[])}`,
  );
  return [s.label.replaceAll('|', '/'), ...parts].join('|');
}

function decodeSet(text: string): CompareSet | null {
  const [label, ...parts] = text.split('|');
  if (!label) return null;
  const filters: Record<string, FilterValue[]> = {};
  for (const part of parts) {
    const i = part.indexOf(':');
    const column = part.slice(0, i);
    if (i > 0 && isFilterColumn(column))
      filters[column] = part.length > i + 1 ? decodeList(column, part.slice(i + 1)) : [];
  }
  return { label, filters: filters as CohortFilters };
}

export function stateToSearch(state: AppState): string {
  const p = new URLSearchParams();
  if (state.view !== DEFAULT_STATE.view) p.set('view', state.view);
  const c = state.cohort;
  if (c.level !== DEFAULT_LEVEL) p.set('level', c.level);
  if (c.from) p.set('from', c.from);
  if (c.to) p.set('to', c.to);
  if (c.programs?.length) p.set('program', c.programs.map(encodeURIComponent).join(','));
  for (const [col, values] of filtersEntries(c.filters)) p.set(col, encodeList(col, values));
  if (state.compare.kind === 'by') p.set('by', state.compare.column);
  if (state.compare.kind === 'sets') for (const s of state.compare.sets) p.append('set', encodeSet(s));
  // Commas and colons read better unescaped; URLSearchParams would escape them.
  const text = p.toString().replaceAll('%2C', ',').replaceAll('%3A', ':').replaceAll('%7C', '|');
  return text ? `?${text}` : '';
}

export interface ParsedState {
  state: AppState;
  /** What the link held that could not be read, each dropped (for a visible notice). */
  notices: string[];
}

function parseParams(search: string): URLSearchParams {
  try {
    return new URLSearchParams(search);
  } catch {
    return new URLSearchParams();
  }
}

/** The state a query string names; never throws. */
export function parseSearch(search: string): ParsedState {
  const notices: string[] = [];
  const p = parseParams(search);
  const viewParam = p.get('view');
  const view: ViewId = VIEWS.some((v) => v.id === viewParam) ? (viewParam as ViewId) : DEFAULT_STATE.view;
  if (viewParam !== null && view !== viewParam)
    notices.push(`view: unknown view ${JSON.stringify(viewParam)} ignored`);
  const levelParam = p.get('level');
  const level = (LEVELS_OF_CARE as readonly string[]).includes(levelParam ?? '')
    ? (levelParam as LevelOfCare)
    : DEFAULT_LEVEL;
  if (levelParam !== null && level !== levelParam)
    notices.push(`level: unknown level of care ${JSON.stringify(levelParam)} ignored`);
  const date = (name: 'from' | 'to'): string | undefined => {
    const v = p.get(name);
    if (v === null || v === '') return undefined;
    if (isCalendarDate(v)) return v;
    notices.push(`${name}: ${JSON.stringify(v)} is not a calendar date; the filter is ignored`);
    return undefined;
  };
  let from = date('from');
  let to = date('to');
  if (from && to && from > to) {
    notices.push(`from ${from} is after to ${to}; both are ignored`);
    from = to = undefined;
  }
  const programs = (p.get('program') ?? '')
    .split(',')
    .filter(Boolean)
    .flatMap((s) => {
      const v = unescape(s);
      if (v === undefined) notices.push(`program: unreadable ${JSON.stringify(s)} ignored`);
      return v === undefined ? [] : [v];
    });
  const filters: Record<string, FilterValue[]> = {};
  for (const col of FILTER_COLUMN_NAMES) {
    const text = p.get(col);
    if (text) {
      const values = decodeList(col, text, notices);
      if (values.length) filters[col] = values;
    }
  }
  let compare: Comparison = { kind: 'none' };
  const by = p.get('by');
  const sets = p
    .getAll('set')
    .map(decodeSet)
    .filter((s): s is CompareSet => s !== null);
  if (by && (by === 'program_id' || isFilterColumn(by))) compare = { kind: 'by', column: by };
  else if (sets.length >= 2) compare = { kind: 'sets', sets };
  if (by && compare.kind !== 'by') notices.push(`by: unknown column ${JSON.stringify(by)} ignored`);
  const state: AppState = {
    view,
    cohort: {
      level,
      ...(from ? { from } : {}),
      ...(to ? { to } : {}),
      ...(programs.length ? { programs } : {}),
      ...(Object.keys(filters).length ? { filters: filters as CohortFilters } : {}),
    },
    compare,
  };
  return { state, notices };
}

export const searchToState = (search: string): AppState => parseSearch(search).state;
