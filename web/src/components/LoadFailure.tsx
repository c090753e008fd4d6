import type { OpenFailure } from '../engine/engine-api';
import { failureLines } from './failure-lines';

/** Why the last export could not be opened, and that the previous data is still in use. */
export function LoadFailure({
  failure,
  label,
  stillShowing,
  onDismiss,
}: {
  failure: OpenFailure;
  label: string;
  stillShowing: string | null;
  onDismiss: () => void;
}) {
  const { headline, lines } = failureLines(failure);
  return (
    <div className="load-failure" role="alert" data-testid="load-failure">
      <div>
        <h2>{label.charAt(0).toUpperCase() + label.slice(1)} could not be opened</h2>
        <p>{headline}</p>
        {lines.length > 0 && (
          <ul>
            {lines.slice(0, 8).map((l, i) => (
              <li key={i}>{l}</li>
            ))}
          </ul>
        )}
        {stillShowing && <p className="muted">Still showing: {stillShowing}.</p>}
      </div>
      <button type="button" className="button subtle" onClick={onDismiss}>
        Dismiss
      </button>
    </div>
  );
}
