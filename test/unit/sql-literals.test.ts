import { describe, expect, it } from 'vitest';
import { bindLiterals } from '../../core/engine/sql';

describe('bindLiterals: parameters as literals, for a view', () => {
  it('binds strings, quotes doubled, and leaves a ? inside a bound string alone', () => {
    expect(bindLiterals('e.sex = ?::VARCHAR AND e.payer = ?::VARCHAR', ["o'brien", 'why?'])).toBe(
      "e.sex = 'o''brien'::VARCHAR AND e.payer = 'why?'::VARCHAR",
    );
    // a bound value with ? and quotes is not scanned again
    expect(bindLiterals('? = ?', ["'?'", 'x'])).toBe("'''?''' = 'x'");
  });

  it('binds null, booleans, numbers (a negative one in parentheses) and dates as text', () => {
    expect(bindLiterals('a IS NOT DISTINCT FROM ?', [null])).toBe('a IS NOT DISTINCT FROM NULL');
    expect(bindLiterals('(?, ?)', [true, false])).toBe('(TRUE, FALSE)');
    expect(bindLiterals('x -?', [-3])).toBe('x -(-3)');
    expect(bindLiterals('? + ?::INTEGER', [1.5, 14])).toBe('1.5 + 14::INTEGER');
    expect(bindLiterals('e.admit_date >= ?::DATE', ['2025-03-01'])).toBe(
      "e.admit_date >= '2025-03-01'::DATE",
    );
    expect(() => bindLiterals('?', [Number.NaN])).toThrow(/finite/);
    expect(() => bindLiterals('?', ['a\u0000b'])).toThrow(/NUL/);
  });

  it("a ? in the statement's own quoted text, identifiers or comments is not a parameter", () => {
    expect(bindLiterals(`SELECT 'is it?' AS "why?", ? -- what?\n/* ? */ AS x`, [1])).toBe(
      `SELECT 'is it?' AS "why?", 1 -- what?\n/* ? */ AS x`,
    );
    expect(bindLiterals("SELECT 'it''s ?', ?", ['b'])).toBe("SELECT 'it''s ?', 'b'");
    expect(bindLiterals('SELECT "a""?", ?', [2])).toBe('SELECT "a""?", 2');
  });

  it('refuses a count of ? other than the values, numbered parameters and unterminated text', () => {
    expect(() => bindLiterals('? AND ?', ['a'])).toThrow(/more parameters/);
    expect(() => bindLiterals('?', ['a', 'b'])).toThrow(/1 parameters for 2 values/);
    expect(() => bindLiterals('?1', ['a'])).toThrow(/numbered/);
    expect(() => bindLiterals('$1', ['a'])).toThrow(/numbered/);
    expect(() => bindLiterals("'open ?", ['a'])).toThrow(/unterminated/);
    expect(() => bindLiterals('/* open ?', ['a'])).toThrow(/unterminated/);
  });
});
