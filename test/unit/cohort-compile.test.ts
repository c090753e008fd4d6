import { describe, expect, it } from 'vitest';
import { compileCohort } from '../../core/cohort/compile';
import type { Cohort } from '../../core/cohort/types';

describe('compileCohort', () => {
  it('level only', () => {
    expect(compileCohort({ level: 'iop' })).toEqual({ sql: 'e.level_of_care = ?::VARCHAR', params: ['iop'] });
  });

  it('window, programs and lists, every value a parameter', () => {
    const c = compileCohort({
      level: 'op',
      from: '2024-01-01',
      to: '2024-12-31',
      programs: ['a', 'b'],
      filters: { sex: ['female'], payer: ['medicaid', null], co_occurring_mh: [true, null], mat: [null] },
    });
    expect(c.sql).toBe(
      'e.level_of_care = ?::VARCHAR AND e.admit_date >= ?::DATE AND e.admit_date <= ?::DATE' +
        ' AND e."program_id" IN (?::VARCHAR, ?::VARCHAR) AND e."sex" IN (?::VARCHAR)' +
        ' AND (e."payer" IN (?::VARCHAR) OR e."payer" IS NULL)' +
        ' AND (e."co_occurring_mh" IN (?::BOOLEAN) OR e."co_occurring_mh" IS NULL) AND e."mat" IS NULL',
    );
    expect(c.params).toEqual(['op', '2024-01-01', '2024-12-31', 'a', 'b', 'female', 'medicaid', true]);
  });

  it('empty lists mean no filter', () => {
    expect(compileCohort({ level: 'iop', programs: [], filters: { sex: [], payer: [] } }).sql).toBe(
      'e.level_of_care = ?::VARCHAR',
    );
  });

  it('hostile strings stay parameters', () => {
    const evil = "x'); DROP TABLE episodes; --";
    const c = compileCohort({
      level: 'iop',
      programs: [evil],
      filters: { housing: ["'; DROP TABLE ep_summary", '"'] },
    });
    expect(c.sql).not.toContain('DROP');
    expect(c.sql).not.toContain("'");
    expect(c.params).toEqual(['iop', evil, "'; DROP TABLE ep_summary", '"']);
  });

  it('rejects what cannot be a cohort', () => {
    expect(() => compileCohort({ level: "iop' OR 1=1 --" } as unknown as Cohort)).toThrow(/level of care/);
    expect(() => compileCohort({ level: 'iop', from: '2024-02-30x' })).toThrow(/calendar date/);
    expect(() => compileCohort({ level: 'iop', to: "2024-01-01' OR 1=1" })).toThrow(/calendar date/);
    expect(() =>
      compileCohort({ level: 'iop', filters: { 'sex" OR 1=1 --': ['x'] } } as unknown as Cohort),
    ).toThrow(/unknown filter column/);
    expect(() =>
      compileCohort({ level: 'iop', filters: { co_occurring_mh: ['true'] } } as unknown as Cohort),
    ).toThrow(/true, false or null/);
    expect(() => compileCohort({ level: 'iop', filters: { sex: [1] } } as unknown as Cohort)).toThrow(
      /text or null/,
    );
  });
});

describe('compileCohort: notPrecededBy (study comparator)', () => {
  it('adds a NOT EXISTS over ep_summary with level and days as parameters', () => {
    const c = compileCohort({ level: 'op', notPrecededBy: { level: 'iop', days: 30 } });
    expect(c.sql).toContain('NOT EXISTS (SELECT 1 FROM ep_summary prev');
    expect(c.params).toEqual(['op', 'iop', 30]);
    expect(() => compileCohort({ level: 'op', notPrecededBy: { level: 'iop', days: -1 } })).toThrow(
      /whole number/,
    );
  });
});
