import { useEffect, useMemo, useRef, useState } from 'react';
import { useEngineQueryWhen } from '../app/use-engine-query';
import { engine } from '../app/engine';
import { trackBusy } from '../app/busy';
import { useViewContext } from '../app/use-view-context';
import { Loading, ViewFrame } from '../components/ViewFrame';
import { ExportInputs } from '../components/ExportInputs';
import { download } from '../format/download';
import { emptyChoice, toRequest, type StudyChoice } from './study-request';
import './study.css';

const COMPARATORS: { id: StudyChoice['comparator']; label: string; hint: string }[] = [
  { id: 'others', label: 'All other programs', hint: 'every other program of this export' },
  { id: 'programs', label: 'Chosen programs', hint: 'a named set of other programs' },
  {
    id: 'outpatient',
    label: 'Standard outpatient care',
    hint: 'op episodes not following this level within 30 days',
  },
  { id: 'external', label: 'External reference', hint: 'a published completion rate, with its source' },
];

const selected = (e: React.ChangeEvent<HTMLSelectElement>) =>
  [...e.target.selectedOptions].map((o) => o.value);

/**
 * The per-program outcome study (outcome-study.md): the program and comparator are chosen here,
 * the cohort (level, window, filters) is the dashboard's. On screen the figures are exact; every
 * download applies the small-cell rule.
 */
export function StudyView() {
  const { summary, cohort } = useViewContext();
  const programs = summary.options.programs;
  const [choice, setChoice] = useState<StudyChoice>(() => emptyChoice(programs[0]?.program_id));
  const [external, setExternal] = useState(choice.external);
  const [reference, setReference] = useState<{ state: 'idle' | 'loading' | 'error'; message?: string }>({
    state: 'idle',
  });
  const referenceFolder = useRef<HTMLInputElement>(null);
  const referenceFiles = useRef<HTMLInputElement>(null);
  const loadReference = async (input: HTMLInputElement) => {
    const files = [...(input.files ?? [])];
    input.value = '';
    if (!files.length) return;
    setReference({ state: 'loading' });
    try {
      const c = await trackBusy(engine.call('tedsReference', files));
      const completion = c.figures.find((f) => f.measure === 'completion_rate');
      if (!completion) throw new Error('the reference export has no discharge at this level of care');
      const filled = {
        label: c.label,
        source: c.source,
        percent: (completion.value * 100).toFixed(2),
        n: completion.denominator === undefined ? '' : String(completion.denominator),
        numerator: completion.numerator,
      };
      setExternal(filled);
      set({ external: filled });
      setReference({ state: 'idle' });
    } catch (err) {
      setReference({ state: 'error', message: err instanceof Error ? err.message : String(err) });
    }
  };
  const made = useMemo(() => toRequest(choice, cohort), [choice, cohort]);
  const request = 'request' in made ? made.request : null;
  const result = useEngineQueryWhen(request !== null, 'study', request!);
  const bundle = result.data;
  // the downloads are made once the study is on screen (about 0.4 s at 250k IOP episodes)
  const downloads = useEngineQueryWhen(request !== null && !!bundle, 'studyExports', request!);
  const exports = downloads.data;
  const frame = useRef<HTMLIFrameElement>(null);
  const [height, setHeight] = useState(900);

  useEffect(() => setHeight(900), [bundle]);
  const fit = () => {
    const doc = frame.current?.contentDocument;
    if (doc) setHeight(doc.documentElement.scrollHeight + 24);
  };
  const name = (id: string) => programs.find((p) => p.program_id === id)?.program_name ?? id;
  const set = (patch: Partial<StudyChoice>) => setChoice((c) => ({ ...c, ...patch }));

  return (
    <ViewFrame
      id="study"
      title="Outcome study"
      intro="One program against a comparator, with every exclusion, interval and definition shown: a study to hand to a sceptic. Level of care, admission window and covariate filters come from the panel; the programs are chosen here."
      error={result.error}
    >
      <form className="study-picker" onSubmit={(e) => e.preventDefault()} aria-label="Study choices">
        <label className="field">
          <span>Program studied (several = studied together)</span>
          <select
            multiple
            size={Math.min(6, Math.max(3, programs.length))}
            value={choice.programs}
            onChange={(e) => set({ programs: selected(e) })}
          >
            {programs.map((p) => (
              <option key={p.program_id} value={p.program_id}>
                {p.program_name}
              </option>
            ))}
          </select>
        </label>
        <fieldset className="field study-comparators">
          <legend>Comparator</legend>
          {COMPARATORS.map((c) => (
            <label key={c.id} className="study-radio">
              <input
                type="radio"
                name="study-comparator"
                value={c.id}
                checked={choice.comparator === c.id}
                onChange={() => set({ comparator: c.id })}
              />
              <span>
                {c.label} <span className="muted">— {c.hint}</span>
              </span>
            </label>
          ))}
        </fieldset>
        {choice.comparator === 'programs' && (
          <label className="field">
            <span>Comparator programs</span>
            <select
              multiple
              size={Math.min(6, Math.max(3, programs.length))}
              value={choice.comparatorPrograms}
              onChange={(e) => set({ comparatorPrograms: selected(e) })}
            >
              {programs
                .filter((p) => !choice.programs.includes(p.program_id))
                .map((p) => (
                  <option key={p.program_id} value={p.program_id}>
                    {p.program_name}
                  </option>
                ))}
            </select>
          </label>
        )}
        {choice.comparator === 'external' && (
          <fieldset className="field study-external">
            <legend>External reference (completion among discharges)</legend>
            <div className="study-reference-load">
              <button
                type="button"
                className="button"
                data-testid="teds-reference-open"
                disabled={reference.state === 'loading'}
                onClick={() => referenceFolder.current?.click()}
              >
                Load a TEDS-D reference export…
              </button>
              <button
                type="button"
                className="button subtle"
                disabled={reference.state === 'loading'}
                onClick={() => referenceFiles.current?.click()}
              >
                …or its files
              </button>
              <ExportInputs
                folderRef={referenceFolder}
                filesRef={referenceFiles}
                label="TEDS-D reference export"
                testId="teds-reference"
                onPick={(input) => void loadReference(input)}
              />
              <span className="muted" role="status" data-testid="teds-reference-status">
                {reference.state === 'loading'
                  ? 'Computing the national figure in a separate database…'
                  : reference.state === 'error'
                    ? `Could not use it as a reference: ${reference.message}`
                    : 'An export written by import-teds: its national completion rate fills the fields below.'}
              </span>
            </div>
            <label>
              Name{' '}
              <input
                type="text"
                value={external.label}
                onChange={(e) => setExternal({ ...external, label: e.target.value })}
              />
            </label>
            <label>
              Source{' '}
              <input
                type="text"
                value={external.source}
                placeholder="e.g. TEDS-D 2019, IOP discharges, SAMHSA"
                onChange={(e) => setExternal({ ...external, source: e.target.value })}
              />
            </label>
            <label>
              Completion rate (%){' '}
              <input
                type="text"
                inputMode="decimal"
                value={external.percent}
                onChange={(e) => setExternal({ ...external, percent: e.target.value })}
              />
            </label>
            <label>
              Discharges (n, optional){' '}
              <input
                type="text"
                inputMode="numeric"
                value={external.n}
                onChange={(e) => setExternal({ ...external, n: e.target.value })}
              />
            </label>
            <button type="button" className="button primary" onClick={() => set({ external })}>
              Use this reference
            </button>
          </fieldset>
        )}
      </form>

      {'problem' in made && (
        <p className="muted" role="status">
          {made.problem}
        </p>
      )}
      {request && !bundle && !result.error && (
        <Loading what={`the study of ${request.programs.map(name).join(', ')}`} />
      )}
      {bundle && (
        <>
          <div className="study-actions" role="group" aria-label="Study exports">
            {downloads.error ? (
              <span className="muted" role="status" data-testid="study-exports-error">
                {downloads.error.message}
              </span>
            ) : (
              <span className="muted" role="status">
                {exports ? 'Downloads' : 'Preparing the downloads; they'} apply the small-cell rule (counts
                from 1 to 10 shown as “&lt;11”):
              </span>
            )}
            <button
              type="button"
              className="button"
              disabled={!exports}
              onClick={() => download(exports!.html, `${bundle.fileStem}.html`, 'text/html;charset=utf-8')}
            >
              HTML
            </button>
            <button
              type="button"
              className="button"
              disabled={!exports}
              onClick={() => download(exports!.json, `${bundle.fileStem}.json`, 'application/json')}
            >
              JSON
            </button>
            <button
              type="button"
              className="button"
              disabled={!exports}
              onClick={() => download(exports!.csv, `${bundle.fileStem}.csv`)}
            >
              CSV
            </button>
          </div>
          <iframe
            ref={frame}
            className="study-frame"
            title={bundle.study.meta.title}
            srcDoc={bundle.screenHtml}
            sandbox="allow-same-origin"
            onLoad={fit}
            style={{ height }}
            data-loading={result.loading ? 'true' : undefined}
          />
        </>
      )}
    </ViewFrame>
  );
}
