import { useEffect } from 'react';
import {
  DEFINITION_SECTIONS,
  DEFINITIONS,
  GLOSSARY,
  definitionAnchor,
  MEASURES,
  sectionAnchor,
} from '../../../core';
import { ViewFrame } from '../components/ViewFrame';

const LABELS = new Map(MEASURES.map((m) => [m.key, m.label]));

/** Scrolls to the definition named in the URL's hash and marks it, now and on every later link. */
function useHashTarget() {
  useEffect(() => {
    const go = () => {
      const id = decodeURIComponent(window.location.hash.slice(1));
      const el = id ? document.getElementById(id) : null;
      document.querySelectorAll('.definition.targeted').forEach((d) => d.classList.remove('targeted'));
      if (!el) return;
      el.classList.add('targeted');
      el.scrollIntoView({ block: 'start' });
      el.focus({ preventScroll: true });
    };
    go();
    window.addEventListener('hashchange', go);
    return () => window.removeEventListener('hashchange', go);
  }, []);
}

/** Every measure's definition (what it counts, over whom, its interval, its R reference) and a glossary. */
export function DefinitionsView() {
  useHashTarget();
  return (
    <ViewFrame
      id="definitions"
      title="Definitions"
      intro="What every figure counts, over which episodes, with which interval, and the R function its values are checked against. The same text ships with the product as docs/measures.md."
    >
      <nav className="definition-toc" aria-label="Definition sections">
        {DEFINITION_SECTIONS.map((s) => (
          <a key={s.title} href={`#${sectionAnchor(s.title)}`}>
            {s.title}
          </a>
        ))}
        <a href="#defs-glossary">Glossary</a>
      </nav>
      {DEFINITION_SECTIONS.map((s) => (
        <section key={s.title} className="definition-section" aria-labelledby={sectionAnchor(s.title)}>
          <h3 id={sectionAnchor(s.title)} className="section-title" tabIndex={-1}>
            {s.title}
          </h3>
          {s.keys.map((key) => {
            const d = DEFINITIONS[key];
            return (
              <article key={key} id={definitionAnchor(key)} className="definition" tabIndex={-1}>
                <h4>
                  {LABELS.get(key) ?? humanKey(key)} <code>{key}</code>
                </h4>
                <dl>
                  <dt>What it counts</dt>
                  <dd>{d.what}</dd>
                  <dt>Denominator</dt>
                  <dd>{d.denominator}</dd>
                  <dt>Interval</dt>
                  <dd>{d.interval}</dd>
                  <dt>Reference</dt>
                  <dd>
                    <code>{d.reference}</code>
                  </dd>
                </dl>
              </article>
            );
          })}
        </section>
      ))}
      <section className="definition-section" aria-labelledby="defs-glossary">
        <h3 id="defs-glossary" className="section-title" tabIndex={-1}>
          Glossary
        </h3>
        <dl className="glossary">
          {Object.entries(GLOSSARY).map(([term, meaning]) => (
            <div key={term}>
              <dt>{term}</dt>
              <dd>{meaning}</dd>
            </div>
          ))}
        </dl>
      </section>
    </ViewFrame>
  );
}

function humanKey(key: string): string {
  const s = key.replaceAll('_', ' ');
  return s.charAt(0).toUpperCase() + s.slice(1);
}
