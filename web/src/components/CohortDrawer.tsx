import { useEffect, useState, type ReactNode } from 'react';

const NARROW = '(max-width: 900px)';

function useNarrow(): boolean {
  const [narrow, setNarrow] = useState(() => window.matchMedia(NARROW).matches);
  useEffect(() => {
    const mq = window.matchMedia(NARROW);
    const on = () => setNarrow(mq.matches);
    mq.addEventListener('change', on);
    return () => mq.removeEventListener('change', on);
  }, []);
  return narrow;
}

/**
 * The cohort and comparison panels: a sidebar on a wide screen; on a narrow one a section above the
 * figures, folded until opened, so it never sits over them.
 */
export function CohortDrawer({ summary, children }: { summary: string; children: ReactNode }) {
  const narrow = useNarrow();
  return (
    <aside className="sidebar" aria-label="Cohort and comparison">
      {narrow ? (
        <details className="cohort-drawer" data-testid="cohort-drawer">
          <summary className="cohort-drawer-summary">
            <span className="cohort-drawer-title">Cohort and comparison</span>
            <span className="cohort-drawer-state">{summary}</span>
          </summary>
          <div className="cohort-drawer-body">{children}</div>
        </details>
      ) : (
        <div className="cohort-drawer-body">{children}</div>
      )}
    </aside>
  );
}
