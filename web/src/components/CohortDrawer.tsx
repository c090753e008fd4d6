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
  const [open, setOpen] = useState(!narrow);
  useEffect(() => setOpen(!narrow), [narrow]);
  return (
    <aside className="sidebar" aria-label="Cohort and comparison">
      <details
        className="cohort-drawer"
        open={open}
        onToggle={(e) => setOpen(e.currentTarget.open)}
        data-testid="cohort-drawer"
      >
        <summary className="cohort-drawer-summary">
          <span className="cohort-drawer-title">Cohort and comparison</span>
          <span className="cohort-drawer-state">{summary}</span>
        </summary>
        <div className="cohort-drawer-body">{children}</div>
      </details>
    </aside>
  );
}
