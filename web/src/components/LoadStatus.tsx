import type { LoadProgress } from '../engine/protocol';
import { formatCount } from '../../../core';

const STEP_LABEL: Record<string, string> = {
  reading: 'Reading',
  decoding: 'Decoding',
  loading: 'Loading',
  validating: 'Validating',
  preparing: 'Preparing measures',
};

/** Progress of a load: the step, the table and the rows so far. */
export function LoadStatus({ label, progress }: { label: string; progress: LoadProgress | null }) {
  const step = progress ? (STEP_LABEL[progress.step] ?? progress.step) : 'Starting the data engine';
  const parts = [
    progress?.detail,
    progress?.rows != null ? `${formatCount(progress.rows)} rows` : null,
  ].filter(Boolean);
  const fraction = progress?.total ? (progress.done ?? 0) / progress.total : undefined;
  return (
    <div className="load-status" role="status" aria-live="polite" data-testid="load-status">
      <div className="load-status-text">
        <strong>Opening {label}</strong>
        <span>
          {step}
          {parts.length ? `: ${parts.join(', ')}` : ''}…
        </span>
      </div>
      <progress
        aria-label="Loading progress"
        {...(fraction !== undefined ? { value: fraction, max: 1 } : {})}
      />
    </div>
  );
}
