import { useId } from 'react';
import {
  COVARIATES,
  FILTER_COLUMN_NAMES,
  formatCount,
  LEVEL_LABELS,
  valueLabel,
  type CohortFilters,
  type FilterColumn,
  type LevelOfCare,
  type SessionOptions,
} from '../../../core';
import { defaultLevelOf, type AppState } from '../state/app-state';
import { toggled } from '../state/toggle';
import type { SidePanelProps } from './side-panel';

type Value = string | boolean | null;

interface FacetProps {
  legend: string;
  values: { value: Value; label: string }[];
  selected: readonly Value[];
  onChange: (next: Value[]) => void;
  testId: string;
}

/** A multi-select of values; nothing ticked means no filter. */
function Facet({ legend, values, selected, onChange, testId }: FacetProps) {
  const id = useId();
  const chosen = values.filter((v) => selected.includes(v.value));
  const summary = chosen.length ? chosen.map((v) => v.label).join(', ') : 'Any';
  return (
    <details className="facet" data-testid={testId} open={chosen.length > 0 || undefined}>
      <summary>
        <span className="facet-name">{legend}</span>
        <span className={chosen.length ? 'facet-value active' : 'facet-value'}>{summary}</span>
      </summary>
      <fieldset>
        <legend className="sr-only">{legend}</legend>
        {values.map((v, i) => (
          <label key={String(v.value)} className="check" htmlFor={`${id}-${i}`}>
            <input
              id={`${id}-${i}`}
              type="checkbox"
              checked={selected.includes(v.value)}
              onChange={() => onChange(toggled(selected, v.value))}
            />
            {v.label}
          </label>
        ))}
        {chosen.length > 0 && (
          <button type="button" className="link-button" onClick={() => onChange([])}>
            Clear {legend.toLowerCase()}
          </button>
        )}
      </fieldset>
    </details>
  );
}

/** One end of the admission window, within the export's admission dates. */
function DateBound({
  label,
  value,
  options,
  onChange,
}: {
  label: 'from' | 'to';
  value: string | undefined;
  options: SessionOptions;
  onChange: (date: string | undefined) => void;
}) {
  return (
    <label>
      <span>{label}</span>
      <input
        type="date"
        value={value ?? ''}
        min={options.admit_from ?? undefined}
        max={options.admit_to ?? undefined}
        data-testid={`filter-${label}`}
        onChange={(e) => onChange(e.currentTarget.value || undefined)}
      />
    </label>
  );
}

/** The global cohort: level of care, programs, admission window and the covariate filters. */
export function FilterPanel({ state, setState, options }: SidePanelProps) {
  const c = state.cohort;
  const set = (cohort: AppState['cohort']) => setState({ ...state, cohort });
  const setFilter = (col: FilterColumn, values: Value[]) => {
    const filters: CohortFilters = { ...c.filters, [col]: values };
    if (!values.length) delete filters[col];
    set({ ...c, filters: Object.keys(filters).length ? filters : undefined });
  };
  const defaultLevel = defaultLevelOf(options.levels);
  const active =
    (c.programs?.length ?? 0) + Object.keys(c.filters ?? {}).length + (c.from ? 1 : 0) + (c.to ? 1 : 0);
  return (
    <section className="panel filters" aria-labelledby="filters-h">
      <div className="panel-head">
        <h2 id="filters-h">Cohort</h2>
        {(active > 0 || c.level !== defaultLevel) && (
          <button type="button" className="link-button" onClick={() => set({ level: defaultLevel })}>
            Reset
          </button>
        )}
      </div>
      <label className="field">
        <span>Level of care</span>
        <select
          value={c.level}
          data-testid="filter-level"
          onChange={(e) => set({ ...c, level: e.currentTarget.value as LevelOfCare })}
        >
          {(options.levels.some((l) => l.level === c.level)
            ? options.levels
            : [{ level: c.level, episodes: 0 }, ...options.levels]
          ).map((l) => (
            <option key={l.level} value={l.level}>
              {LEVEL_LABELS[l.level] ?? l.level} · {formatCount(l.episodes)} episodes
            </option>
          ))}
        </select>
      </label>
      <fieldset className="field date-range">
        <legend>Admitted</legend>
        <DateBound label="from" value={c.from} options={options} onChange={(from) => set({ ...c, from })} />
        <DateBound label="to" value={c.to} options={options} onChange={(to) => set({ ...c, to })} />
      </fieldset>
      <Facet
        legend="Programs"
        testId="filter-programs"
        values={options.programs.map((p) => ({ value: p.program_id, label: p.program_name }))}
        selected={c.programs ?? []}
        onChange={(v) => set({ ...c, programs: v.length ? (v as string[]) : undefined })}
      />
      {FILTER_COLUMN_NAMES.map((col) => (
        <Facet
          key={col}
          legend={COVARIATES[col].label}
          testId={`filter-${col}`}
          values={(options.filters[col] ?? []).map((v) => ({ value: v, label: valueLabel(col, v) }))}
          selected={(c.filters?.[col] as Value[] | undefined) ?? []}
          onChange={(v) => setFilter(col, v)}
        />
      ))}
    </section>
  );
}
