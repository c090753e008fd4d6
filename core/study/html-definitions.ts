import { DEFINITIONS, definitionAnchor } from '../catalogue/definitions';
import { html, type Html } from '../render/html';
import type { Study } from './types';

/** The measures a study reports beyond its outcome table: the adjusted comparison and cost. */
const ALWAYS = ['observed_expected', 'standardized_rate', 'funnel'];
const COST = ['cost_per_episode', 'cost_per_completer', 'group_share_tertiles'];

/** Every measure the study uses, in the order it shows them, each once. */
export function studyMeasures(s: Study): string[] {
  const names = [
    ...s.outcomes.map((o) => o.measure),
    ...ALWAYS,
    ...(s.cost ? COST : []),
    ...s.reproducibility.sql.flatMap((q) => q.measures),
  ];
  return [...new Set(names)].filter((n) => DEFINITIONS[n]);
}

/** The definitions of the study's measures, embedded so the document stands alone. */
export function definitionsSection(s: Study): Html {
  const items = studyMeasures(s).map((n, i) => {
    const d = DEFINITIONS[n];
    return html`${i ? '\n' : ''}
      <div class="definition" id="${definitionAnchor(n)}">
        <h3><code>${n}</code></h3>
        <dl>
          <dt>What it counts</dt>
          <dd>${d.what}</dd>
          <dt>Denominator</dt>
          <dd>${d.denominator}</dd>
          <dt>Interval</dt>
          <dd>${d.interval}</dd>
          <dt>Reference</dt>
          <dd><code>${d.reference}</code></dd>
        </dl>
      </div>`;
  });
  return html`<section id="definitions">
    <h2>Definitions</h2>
    <p>
      Every measure this study reports, as IOP Outcomes defines it (measures v1.1; the same text as the
      product's <code>docs/measures.md</code>). The reference is the R function the product's values are
      tested against.
    </p>
    ${items}
  </section>`;
}
