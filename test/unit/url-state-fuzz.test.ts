import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseSearch, searchToState, stateToSearch } from '../../web/src/state/url-state';

/** Finding 4 of #15: a stray `%` in a link threw "URI malformed" and blanked the page. */
describe('a stray percent in a link', () => {
  it('drops the unreadable part with a notice and applies the rest', () => {
    const { state, notices } = parseSearch('?view=retention&program=%25&mat=%E0%A4%A,methadone');
    expect(state.view).toBe('retention');
    expect(state.cohort.programs).toBeUndefined();
    expect(state.cohort.filters).toEqual({ mat: ['methadone'] });
    expect(notices.length).toBeGreaterThan(0);
    const cut = parseSearch('?program=north%2');
    expect(cut.state.cohort.programs).toBeUndefined();
    expect(cut.notices.join()).toMatch(/program: unreadable/);
    expect(parseSearch('?program=%2525,north').state.cohort.programs).toEqual(['%', 'north']);
  });

  it('never throws, and what it reads survives a round trip (fuzz)', () => {
    const piece = fc.oneof(
      fc.string(),
      fc.constantFrom('%', '%2', '%E0%A4%A', '%25', '|', ':', ',', '&', '=', '?', '+', '%00', '\u0000'),
      fc.constantFrom('view=', 'program=', 'from=', 'to=', 'mat=', 'set=', 'by=', 'level=', 'sex=', 'payer='),
      fc.constantFrom('2023-02-29', '2024-02-29', 'none', 'methadone', 'female', 'true', 'iop', 'op'),
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 12 }), (parts) => {
        const search = `?${parts.join('')}`;
        const { state } = parseSearch(search);
        expect(searchToState(stateToSearch(state))).toEqual(state);
      }),
      { numRuns: 400 },
    );
  });
});
