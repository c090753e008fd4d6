import { VIEWS, type AppState, type ViewId } from '../state/app-state';
import { stateToSearch } from '../state/url-state';

/** The views as links (each a shareable URL); a plain click switches view without reloading. */
export function ViewNav({ state, setState }: { state: AppState; setState: (s: AppState) => void }) {
  const go = (view: ViewId) => (e: React.MouseEvent) => {
    if (e.metaKey || e.ctrlKey || e.shiftKey || e.button !== 0) return;
    e.preventDefault();
    setState({ ...state, view });
    document.getElementById('main')?.focus();
  };
  return (
    <nav className="view-nav" aria-label="Views">
      <ul>
        {VIEWS.map((v) => (
          <li key={v.id}>
            <a
              href={`${window.location.pathname}${stateToSearch({ ...state, view: v.id })}`}
              aria-current={state.view === v.id ? 'page' : undefined}
              onClick={go(v.id)}
              data-testid={`nav-${v.id}`}
            >
              {v.label}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}
