import { useId } from 'react';
import {
  COVARIATES,
  FILTER_COLUMN_NAMES,
  HOUSING,
  isFilterColumn,
  MAT_TYPES,
  REFERRAL_SOURCES,
  valueLabel,
  type CohortFilters,
  type FilterColumn,
  type SessionOptions,
} from '../../../core';
import type { CompareSet, Comparison } from '../state/app-state';
import type { SidePanelProps } from './side-panel';

type Value = string | boolean | null;

export const PRESETS: { id: string; label: string; sets: CompareSet[] }[] = [
  {
    id: 'mat',
    label: 'MAT vs no MAT',
    sets: [
      { label: 'MAT', filters: { mat: [...MAT_TYPES] } },
      { label: 'No MAT', filters: { mat: [null] } },
    ],
  },
  {
    id: 'cooccurring',
    label: 'Co-occurring vs not',
    sets: [
      { label: 'Co-occurring', filters: { co_occurring_mh: [true] } },
      { label: 'No co-occurring', filters: { co_occurring_mh: [false] } },
    ],
  },
  {
    id: 'court',
    label: 'Court-referred vs other referral',
    sets: [
      { label: 'Court-referred', filters: { referral_source: ['court'] } },
      {
        label: 'Other referral',
        filters: { referral_source: [...REFERRAL_SOURCES.filter((r) => r !== 'court'), null] },
      },
    ],
  },
  {
    id: 'housing',
    label: 'Stable vs unstable housing',
    sets: [
      { label: 'Stable housing', filters: { housing: ['stable'] } },
      { label: 'Unstable or homeless', filters: { housing: HOUSING.filter((h) => h !== 'stable') } },
    ],
  },
];

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

function choiceOf(c: Comparison): string {
  if (c.kind === 'none') return 'none';
  if (c.kind === 'by') return `by:${c.column}`;
  return `preset:${PRESETS.find((p) => same(p.sets, c.sets))?.id ?? 'custom'}`;
}

function SetEditor({
  set,
  index,
  options,
  onChange,
  onRemove,
}: {
  set: CompareSet;
  index: number;
  options: SessionOptions;
  onChange: (s: CompareSet) => void;
  onRemove?: () => void;
}) {
  const id = useId();
  const column = (Object.keys(set.filters).find(isFilterColumn) ?? 'mat') as FilterColumn;
  const selected = (set.filters[column] as Value[] | undefined) ?? [];
  const setValues = (values: Value[]) => onChange({ ...set, filters: { [column]: values } as CohortFilters });
  return (
    <fieldset className="compare-set">
      <legend>Cohort {index + 1}</legend>
      <label className="field">
        <span>Name</span>
        <input
          type="text"
          value={set.label}
          onChange={(e) => onChange({ ...set, label: e.currentTarget.value })}
        />
      </label>
      <label className="field">
        <span>Where</span>
        <select
          value={column}
          onChange={(e) => onChange({ ...set, filters: { [e.currentTarget.value]: [] } as CohortFilters })}
        >
          {FILTER_COLUMN_NAMES.map((c) => (
            <option key={c} value={c}>
              {COVARIATES[c].label}
            </option>
          ))}
        </select>
      </label>
      <div className="check-row" role="group" aria-label={`Cohort ${index + 1} values`}>
        {(options.filters[column] ?? []).map((v, i) => (
          <label key={String(v)} className="check" htmlFor={`${id}-${i}`}>
            <input
              id={`${id}-${i}`}
              type="checkbox"
              checked={selected.includes(v)}
              onChange={(e) =>
                setValues(e.currentTarget.checked ? [...selected, v] : selected.filter((x) => x !== v))
              }
            />
            {valueLabel(column, v)}
          </label>
        ))}
      </div>
      {onRemove && (
        <button type="button" className="link-button" onClick={onRemove}>
          Remove cohort {index + 1}
        </button>
      )}
    </fieldset>
  );
}

/** Split every view into groups: by program or a covariate, or into named cohorts shown side by side. */
export function ComparePanel({ state, setState, options }: SidePanelProps) {
  const c = state.compare;
  const choice = choiceOf(c);
  const setCompare = (compare: Comparison) => setState({ ...state, compare });
  const choose = (v: string) => {
    if (v === 'none') return setCompare({ kind: 'none' });
    if (v.startsWith('by:'))
      return setCompare({ kind: 'by', column: v.slice(3) as FilterColumn | 'program_id' });
    const preset = PRESETS.find((p) => `preset:${p.id}` === v);
    if (preset) return setCompare({ kind: 'sets', sets: preset.sets });
    setCompare({
      kind: 'sets',
      sets:
        c.kind === 'sets'
          ? c.sets
          : [
              { label: 'Cohort A', filters: { sex: ['female'] } },
              { label: 'Cohort B', filters: { sex: ['male'] } },
            ],
    });
  };
  const custom = choice === 'preset:custom';
  return (
    <section className="panel compare" aria-labelledby="compare-h">
      <h2 id="compare-h">Compare</h2>
      <label className="field">
        <span>Split every view by</span>
        <select
          value={custom ? 'custom' : choice}
          onChange={(e) => choose(e.currentTarget.value)}
          data-testid="compare-select"
        >
          <option value="none">No comparison</option>
          <optgroup label="One group per value">
            <option value="by:program_id">Program</option>
            {FILTER_COLUMN_NAMES.map((col) => (
              <option key={col} value={`by:${col}`}>
                {COVARIATES[col].label}
              </option>
            ))}
          </optgroup>
          <optgroup label="Two cohorts">
            {PRESETS.map((p) => (
              <option key={p.id} value={`preset:${p.id}`}>
                {p.label}
              </option>
            ))}
            <option value="custom">Custom cohorts…</option>
          </optgroup>
        </select>
      </label>
      {custom && c.kind === 'sets' && (
        <div className="compare-sets">
          {c.sets.map((s, i) => (
            <SetEditor
              key={i}
              set={s}
              index={i}
              options={options}
              onChange={(next) =>
                setCompare({ kind: 'sets', sets: c.sets.map((x, j) => (j === i ? next : x)) })
              }
              onRemove={
                c.sets.length > 2
                  ? () => setCompare({ kind: 'sets', sets: c.sets.filter((_, j) => j !== i) })
                  : undefined
              }
            />
          ))}
          <button
            type="button"
            className="button subtle"
            onClick={() =>
              setCompare({
                kind: 'sets',
                sets: [
                  ...c.sets,
                  { label: `Cohort ${String.fromCharCode(65 + c.sets.length)}`, filters: { sex: [] } },
                ],
              })
            }
          >
            Add a cohort
          </button>
        </div>
      )}
    </section>
  );
}
