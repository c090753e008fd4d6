import type { LoadProgress } from '../engine/protocol';
import { loadFraction, loadPhase, PHASES } from './load-phases';
import { formatCount } from '../../../core';

/** Progress of a load: the phase among the four, the table and rows so far, and a bar that moves. */
export function LoadStatus({
  label,
  progress,
  onCancel,
}: {
  label: string;
  progress: LoadProgress | null;
  /** Stops this load; the export shown before, if any, stays in use. */
  onCancel?: () => void;
}) {
  const phase = loadPhase(progress);
  const fraction = loadFraction(progress);
  const parts = [
    progress?.total
      ? `table ${Math.min(progress.total, (progress.done ?? 0) + 1)} of ${progress.total}`
      : null,
    progress?.step !== 'engine' ? progress?.detail : null,
    progress?.step === 'cleaning' && progress.rowsTotal ? 'summing the clean rows' : null,
    progress?.rows != null
      ? progress.rowsTotal
        ? `${formatCount(progress.rows)} of ${formatCount(progress.rowsTotal)} rows`
        : `${formatCount(progress.rows)} rows`
      : null,
  ].filter(Boolean);
  return (
    <div className="load-status" role="status" aria-live="polite" data-testid="load-status">
      <div className="load-status-text">
        <strong>Opening {label}</strong>
        <span data-testid="load-phase">
          Step {phase + 1} of {PHASES.length}: {PHASES[phase].label}
          {parts.length ? ` (${parts.join(', ')})` : ''}…
        </span>
        <ol className="load-phases" aria-hidden="true">
          {PHASES.map((p, i) => (
            <li key={p.id} className={i < phase ? 'done' : i === phase ? 'now' : undefined}>
              {p.label}
            </li>
          ))}
        </ol>
        {onCancel && <span className="load-hint">Opening another export, or Cancel, stops this load.</span>}
      </div>
      <div className="load-status-side">
        <progress aria-label="Loading progress" value={Math.max(0.02, fraction)} max={1} />
        {onCancel && (
          <button type="button" className="button subtle" onClick={onCancel} data-testid="load-cancel">
            Cancel
          </button>
        )}
      </div>
    </div>
  );
}
