import type { ColumnType } from '../contract/schema';

const INTEGERS = new Set([
  'TINYINT',
  'SMALLINT',
  'INTEGER',
  'BIGINT',
  'HUGEINT',
  'UTINYINT',
  'USMALLINT',
  'UINTEGER',
  'UBIGINT',
  'UHUGEINT',
]);
const isInteger = (t: string) => INTEGERS.has(t);
const isNumeric = (t: string) => isInteger(t) || t === 'FLOAT' || t === 'DOUBLE' || t.startsWith('DECIMAL');
const isString = (t: string) => t === 'VARCHAR' || t.startsWith('ENUM(');

export type TypeVerdict =
  /** Same type, or a type every value of which converts. */
  | 'ok'
  /** Same family, but some values may not fit the contract type: check them. */
  | 'check_fit'
  | 'wrong';

/** Whether a column's physical (DuckDB) type belongs to the family of its contract type. */
export function typeVerdict(contract: ColumnType, physical: string): TypeVerdict {
  if (physical === contract) return 'ok';
  switch (contract) {
    case 'VARCHAR':
      return isString(physical) ? 'ok' : 'wrong';
    case 'BIGINT':
      return ['TINYINT', 'SMALLINT', 'INTEGER', 'UTINYINT', 'USMALLINT', 'UINTEGER'].includes(physical)
        ? 'ok'
        : isInteger(physical)
          ? 'check_fit'
          : 'wrong';
    case 'SMALLINT':
      return ['TINYINT', 'UTINYINT'].includes(physical) ? 'ok' : isInteger(physical) ? 'check_fit' : 'wrong';
    case 'DOUBLE':
      return isNumeric(physical) ? 'ok' : 'wrong';
    case 'DECIMAL(10,2)':
      return isNumeric(physical) ? 'check_fit' : 'wrong';
    case 'DATE':
    case 'BOOLEAN':
      return 'wrong';
  }
}

/** How the family of a contract type is described to a person. */
export const FAMILY_NAME: Record<ColumnType, string> = {
  VARCHAR: 'a string (VARCHAR)',
  BIGINT: 'an integer (BIGINT)',
  SMALLINT: 'an integer (SMALLINT)',
  DATE: 'a DATE (or a TIMESTAMP, taken as its UTC date; text is not accepted)',
  BOOLEAN: 'a BOOLEAN',
  DOUBLE: 'a number (DOUBLE)',
  'DECIMAL(10,2)': 'a number (DECIMAL(10,2))',
};
