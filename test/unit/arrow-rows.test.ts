import { describe, expect, it } from 'vitest';
import {
  Table,
  makeVector,
  tableFromArrays,
  vectorFromArray,
  Utf8,
  DateDay,
  Int64,
  Int32,
} from 'apache-arrow';
import { arrowToRows, arrowToColumns } from '../../core/connectors/arrow-rows';

const words = ['counselor', '', 'Zoë', null, 'group', 'naïve café', 'x', null, 'ascii only'];
const days = [0, 19_000, null, 20_000, 19_000, 1, null, 2, 3];

/** What Arrow's own `get` gives, turned by the Connector's rules: the reference. */
function slowRows(table: Table) {
  return Array.from({ length: table.numRows }, (_, i) => {
    const row: Record<string, unknown> = {};
    for (const f of table.schema.fields) {
      const v = table.getChild(f.name)!.get(i);
      row[f.name] =
        v == null
          ? null
          : typeof v === 'bigint'
            ? Number(v)
            : f.name === 'day'
              ? new Date(Number(v)).toISOString().slice(0, 10)
              : v;
    }
    return row;
  });
}

const part = (from: number, to: number) =>
  new Table({
    word: vectorFromArray(words.slice(from, to), new Utf8()),
    day: vectorFromArray(
      days.slice(from, to).map((d) => (d == null ? null : new Date(d * 86_400_000))),
      new DateDay(),
    ),
    big: vectorFromArray(
      words.slice(from, to).map((_, i) => BigInt(i + from) * 10n),
      new Int64(),
    ),
    n: vectorFromArray(
      words.slice(from, to).map((_, i) => (i % 3 ? i + from : null)),
      new Int32(),
    ),
  });

describe('Arrow results to rows', () => {
  it('reads text, dates and integers as Arrow does, over several batches, sliced ones and non-ASCII ones', () => {
    // three batches: an ASCII-only one, one with accents, and a slice of a batch
    const whole = part(0, words.length);
    const table = part(0, 2).concat(part(2, 6)).concat(whole.slice(6, 9));
    expect(table.batches.length).toBe(3);
    const rows = arrowToRows(table);
    expect(rows).toEqual(slowRows(table));
    expect(rows.map((r) => r.word)).toEqual(words);
    expect(rows[1].day).toBe('2022-01-08');
    expect(rows[2].day).toBeNull();
  });

  it('reads a sliced batch at its own offsets, with non-ASCII text and without', () => {
    const vector = makeVector(
      vectorFromArray(['ab', 'ç', 'déf', null, 'gh', 'ïj'], new Utf8()).data[0].slice(1, 3),
    ); // (offset, length)
    const table = new Table({ word: vector });
    expect(arrowToRows(table).map((r) => r.word)).toEqual(['ç', 'déf', null]);
    const ascii = new Table({
      word: makeVector(vectorFromArray(['ab', 'cd', 'ef', 'gh'], new Utf8()).data[0].slice(1, 2)),
    });
    expect(arrowToRows(ascii)).toEqual([{ word: 'cd' }, { word: 'ef' }]);
  });

  it('gives text columns the same values by column', () => {
    const table = tableFromArrays({ word: ['a', 'b'] });
    const table2 = new Table({ word: vectorFromArray(words, new Utf8()) });
    expect(arrowToColumns(table).word).toEqual(['a', 'b']);
    expect(arrowToColumns(table2).word).toEqual(words);
  });
});
