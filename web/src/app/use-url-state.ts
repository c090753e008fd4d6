import { useCallback, useEffect, useState } from 'react';
import type { AppState } from '../state/app-state';
import { searchToState, stateToSearch } from '../state/url-state';

/** The app state lives in the URL: every change is a history entry, Back and Forward restore it. */
export function useUrlState(): [AppState, (next: AppState) => void] {
  const [state, setState] = useState<AppState>(() => searchToState(window.location.search));
  useEffect(() => {
    const onPop = () => setState(searchToState(window.location.search));
    window.addEventListener('popstate', onPop);
    return () => window.removeEventListener('popstate', onPop);
  }, []);
  const update = useCallback((next: AppState) => {
    const search = stateToSearch(next);
    if (search !== window.location.search)
      window.history.pushState(null, '', `${window.location.pathname}${search}`);
    setState(searchToState(search));
  }, []);
  return [state, update];
}
