import { describe, expect, it } from 'vitest';
import { groupingOf, type AppState } from '../../web/src/state/app-state';
import { searchToState, stateToSearch } from '../../web/src/state/url-state';

/** The dashboard's whole state lives in its URL: every state survives a round trip, readably. */
describe('URL state', () => {
  const full: AppState = {
    view: 'abstinence',
    cohort: {
      level: 'op',
      from: '2024-01-01',
      to: '2025-06-30',
      programs: ['north,side', 'harbor'],
      filters: { sex: ['female'], co_occurring_mh: [true, null], mat: ['buprenorphine', null], payer: [null] },
    },
    compare: {
      kind: 'sets',
      sets: [
        { label: 'MAT', filters: { mat: ['buprenorphine', 'methadone'] } },
        { label: 'No MAT | none', filters: { mat: [null] } },
      ],
    },
  };

  it('round-trips every part of the state', () => {
    const back = searchToState(stateToSearch(full));
    expect(back.view).toBe('abstinence');
    expect(back.cohort).toEqual(full.cohort);
    expect(back.compare).toEqual({ kind: 'sets', sets: [full.compare.kind === 'sets' && full.compare.sets[0], { label: 'No MAT / none', filters: { mat: [null] } }] });
  });

  it('writes a readable query and leaves defaults out', () => {
    expect(stateToSearch({ view: 'overview', cohort: { level: 'iop' }, compare: { kind: 'none' } })).toBe('');
    expect(stateToSearch({ view: 'retention', cohort: { level: 'iop', filters: { mat: ['methadone', null] } }, compare: { kind: 'by', column: 'payer' } })).toBe(
      '?view=retention&mat=methadone,none&by=payer',
    );
  });

  it('ignores what it does not know instead of failing', () => {
    const s = searchToState('?view=nope&level=hospital&from=yesterday&sex=female,robot&by=shoe_size&set=A|sex:female');
    expect(s).toEqual({ view: 'overview', cohort: { level: 'iop', filters: { sex: ['female'] } }, compare: { kind: 'none' } });
  });

  it('gives each comparison set the global cohort with its own filters in place', () => {
    const g = groupingOf(full);
    expect(g.kind).toBe('sets');
    if (g.kind !== 'sets') return;
    expect(g.sets[0].cohort.filters).toEqual({ ...full.cohort.filters, mat: ['buprenorphine', 'methadone'] });
    expect(g.sets[0].cohort.programs).toEqual(['north,side', 'harbor']);
  });
});
