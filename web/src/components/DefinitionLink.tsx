import { definitionAnchor } from '../../../core';
import { useData } from '../app/data-context';
import { stateToSearch } from '../state/url-state';

/**
 * "What is this?": opens the Definitions view at a measure's definition (`measure`), at a section
 * (`anchor`), or at its top. A plain link, so it also opens in a new tab.
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
  const { state, setState } = useData();
  const target = measure ? definitionAnchor(measure) : (anchor ?? 'definitions-h');
  const next = { ...state, view: 'definitions' as const };
  const href = `${window.location.pathname}${stateToSearch(next)}#${target}`;
  return (
    <a
      className={className}
      href={href}
      aria-label={subject ? `${label} ${subject}: its definition` : undefined}
      data-definition={target}
      onClick={(e) => {
        if (e.metaKey || e.ctrlKey || e.shiftKey || e.button !== 0) return;
        e.preventDefault();
        setState(next);
        window.history.replaceState(null, '', href);
        window.dispatchEvent(new HashChangeEvent('hashchange'));
      }}
    >
      {label}
    </a>
  );
}
