import { LEVELS_OF_CARE, type LevelOfCare } from '../../../core/contract/codes';
import { FILTER_COLUMNS, FILTER_COLUMN_NAMES, isFilterColumn } from '../../../core/cohort/columns';
import type { CohortFilters, FilterColumn } from '../../../core/cohort/types';
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
 */
const DATE = /^\d{4}-\d{2}-\d{2}$/;
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

function decodeList(column: FilterColumn, text: string): FilterValue[] {
  return text
    .split(',')
    .map((s) => decodeValue(column, decodeURIComponent(s)))
    .filter((v): v is FilterValue => v !== undefined);
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

export function searchToState(search: string): AppState {
  const p = new URLSearchParams(search);
  const viewParam = p.get('view');
  const view: ViewId = VIEWS.some((v) => v.id === viewParam) ? (viewParam as ViewId) : DEFAULT_STATE.view;
  const levelParam = p.get('level');
  const level = (LEVELS_OF_CARE as readonly string[]).includes(levelParam ?? '')
    ? (levelParam as LevelOfCare)
    : DEFAULT_LEVEL;
  const from = p.get('from');
  const to = p.get('to');
  const programs = (p.get('program') ?? '').split(',').filter(Boolean).map(decodeURIComponent);
  const filters: Record<string, FilterValue[]> = {};
  for (const col of FILTER_COLUMN_NAMES) {
    const text = p.get(col);
    if (text) {
      const values = decodeList(col, text);
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
  return {
    view,
    cohort: {
      level,
      ...(from && DATE.test(from) ? { from } : {}),
      ...(to && DATE.test(to) ? { to } : {}),
      ...(programs.length ? { programs } : {}),
      ...(Object.keys(filters).length ? { filters: filters as CohortFilters } : {}),
    },
    compare,
  };
}
