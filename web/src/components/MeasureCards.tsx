import { memo } from 'react';
import { formatDetail, formatValue, isUnavailable, measureEntry, rawValue } from '../../../core';
import { Swatch } from './Swatch';
import { DefinitionLink } from './DefinitionLink';
import { MeasureCompareTable } from './MeasureCompareTable';
import type { CardsProps } from './card-spec';
import { samePanelProps } from './same-props';

/** Headline figures: one card per measure, one line per group with its interval and size (a table beyond three groups). */
function MeasureCardsOf({ data, cards, label }: CardsProps) {
  if (data.groups.length > 3) return <MeasureCompareTable data={data} cards={cards} label={label} />;
  const many = data.groups.length > 1;
  return (
    <div className="cards">
      {cards.map((c) => {
        const meta = measureEntry(c.name);
        const unit = c.unit ?? meta.unit;
        return (
          <section className="card" key={c.name} data-measure={c.name} aria-label={c.label ?? meta.label}>
            <div className="card-head">
              <h3>{c.label ?? meta.label}</h3>
              <DefinitionLink measure={c.name} subject={c.label ?? meta.label} />
            </div>
            <dl>
              {data.groups.map((g, i) => {
                const v = data.measures.get(g)?.[c.name];
                return (
                  <div className={many ? 'card-row grouped' : 'card-row'} key={g} data-group={g}>
                    <dt className={many ? 'card-group' : 'sr-only'}>
                      {many && <Swatch i={i} />}
                      {label(g)}
                    </dt>
                    <dd>
                      {v === undefined ? (
                        <span className="card-unavailable">Not computed for this export</span>
                      ) : isUnavailable(v) ? (
                        <span className="card-unavailable">{formatDetail(v, c.name, unit)}</span>
                      ) : (
                        <>
                          <span
                            className="card-value"
                            data-testid={`value-${c.name}`}
                            data-value={rawValue(v)}
                          >
                            {formatValue(v, unit)}
                          </span>{' '}
                          <span className="card-detail">{formatDetail(v, c.name, unit)}</span>
                        </>
                      )}
                    </dd>
                  </div>
                );
              })}
            </dl>
            {meta.help && <p className="card-help">{meta.help}</p>}
          </section>
        );
      })}
    </div>
  );
}

export const MeasureCards = memo(MeasureCardsOf, samePanelProps);
