/** The parts of the opening link that could not be read: each was dropped, the rest applied. */
export function LinkNotice({ notices, onDismiss }: { notices: string[]; onDismiss: () => void }) {
  if (!notices.length) return null;
  return (
    <div className="link-notice" role="status" data-testid="link-notice">
      <div>
        <h2>Part of this link could not be read and was ignored</h2>
        <ul>
          {notices.slice(0, 8).map((n, i) => (
            <li key={i}>{n}</li>
          ))}
        </ul>
      </div>
      <button type="button" className="button subtle" onClick={onDismiss}>
        Dismiss
      </button>
    </div>
  );
}
