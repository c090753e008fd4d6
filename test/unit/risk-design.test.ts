import { describe, expect, it } from 'vitest';
import {
  codedDesign,
  codeRows,
  FACTORS,
  treatmentDesign,
  type Factor,
} from '../../core/measures/risk-design';

type Pattern = Record<Factor, string>;
const pattern = (band: string, sex: string, payer: string): Pattern =>
  Object.fromEntries(
    FACTORS.map((f) => [f, f === 'band' ? band : f === 'sex' ? sex : f === 'payer' ? payer : 'x']),
  ) as Pattern;

/** A design's rows as dense 0/1 rows, to compare by eye. */
const dense = ({ X }: ReturnType<typeof treatmentDesign>): number[][] =>
  Array.from({ length: X.start.length - 1 }, (_, i) => {
    const row = new Array<number>(X.p).fill(0);
    for (let a = X.start[i]; a < X.start[i + 1]; a++) row[X.col[a]] = X.val ? X.val[a] : 1;
    return row;
  });

describe('the risk model design (R treatment contrasts)', () => {
  const rows = [
    pattern('18-25', 'F', 'medicaid'),
    pattern('26-34', 'M', 'private'),
    pattern('35-44', 'F', 'unknown'),
    pattern('26-34', 'F', 'medicaid'),
  ];

  it('a column per level after the first, sorted, named as R names glm coefficients', () => {
    const d = treatmentDesign(rows);
    expect(d.columns).toEqual([
      '(Intercept)',
      'band26-34',
      'band35-44',
      'sexM',
      'payerprivate',
      'payerunknown',
    ]);
    expect(dense(d)).toEqual([
      [1, 0, 0, 0, 0, 0],
      [1, 1, 0, 1, 1, 0],
      [1, 0, 1, 0, 0, 1],
      [1, 1, 0, 0, 0, 0],
    ]);
  });

  it("some coded rows' design is the design of those rows alone: levels they lack go, the reference moves", () => {
    const coded = codeRows(rows);
    // without '18-25' (the reference) and without 'private'
    for (const which of [[1, 2, 3], [2, 3], [3], [0, 2]])
      expect(codedDesign(coded, which)).toEqual(treatmentDesign(which.map((i) => rows[i])));
    expect(codedDesign(coded, [2, 3]).columns).toEqual(['(Intercept)', 'band35-44', 'payerunknown']);
  });
});
