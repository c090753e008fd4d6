import { useContext } from 'react';
import { definitionAnchor } from '../../../core';
import { DataContext } from '../app/data-context';
import { DEFAULT_STATE } from '../state/app-state';
import { stateToSearch } from '../state/url-state';

/**
 * "What is this?": opens the Definitions view at a measure's definition (`measure`), at a section
 * (`anchor`), or at its top. A plain link, so it also opens in a new tab, and works before any
 * export is loaded (it then navigates instead of switching the view in place).
 */
export function DefinitionLink({
  measure,
  anchor,
  label = 'What is this?',
  subject,
  className = 'what-link',
}: {
  measure?: string;
  anchor?: string;
  label?: string;
  /** What "this" is, for a screen reader ("What is Completion?"). */
  subject?: string;
  className?: string;
}) {
  const data = useContext(DataContext);
  const target = measure ? definitionAnchor(measure) : (anchor ?? 'definitions-h');
  const next = { ...(data?.state ?? DEFAULT_STATE), view: 'definitions' as const };
  const path = typeof window === 'undefined' ? '' : window.location.pathname;
  const href = `${path}${stateToSearch(next)}#${target}`;
  return (
    <a
      className={className}
      href={href}
      aria-label={subject ? `${label} ${subject}: its definition` : undefined}
      data-definition={target}
      onClick={(e) => {
        if (!data || e.metaKey || e.ctrlKey || e.shiftKey || e.button !== 0) return;
        e.preventDefault();
        data.setState(next);
        window.history.replaceState(null, '', href);
        window.dispatchEvent(new HashChangeEvent('hashchange'));
      }}
    >
      {label}
    </a>
  );
}
