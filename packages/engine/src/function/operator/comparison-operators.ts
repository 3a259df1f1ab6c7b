import type { SqlMap, SqlType, SqlValue } from '@petrel/spi';
import { normalizeInt64 } from '@petrel/spi';
import type { FunctionDefinition } from '../function-definition.js';
import { scalarFunction } from '../function-definition.js';
import { compareValues, hashValue, valuesEqual, findMapKey, compareStrings } from '../../type/value-compare.js';
import { invalidArgument } from '../errors.js';
import { formatValue } from '../../type/format-value.js';
import { xxhash64Value } from '../scalar/hash/xxhash64.js';

/**
 * SQL `=` with three-valued logic: NULL when the answer depends on a NULL element inside
 * arrays, maps or rows; NaN is not equal to itself.
 */
export function sqlEquals(type: SqlType, a: SqlValue, b: SqlValue): boolean | null {
  if (a === null || b === null) return null;
  switch (type.kind) {
    case 'real':
    case 'double':
      return a === b;
    case 'array': {
      const x = a as readonly SqlValue[];
      const y = b as readonly SqlValue[];
      if (x.length !== y.length) return false;
      let sawNull = false;
      for (let i = 0; i < x.length; i++) {
        const r = sqlEquals(type.elementType, x[i]!, y[i]!);
        if (r === false) return false;
        if (r === null) sawNull = true;
      }
      return sawNull ? null : true;
    }
    case 'row': {
      const x = a as readonly SqlValue[];
      const y = b as readonly SqlValue[];
      let sawNull = false;
      for (let i = 0; i < type.fields.length; i++) {
        const r = sqlEquals(type.fields[i]!.type, x[i]!, y[i]!);
        if (r === false) return false;
        if (r === null) sawNull = true;
      }
      return sawNull ? null : true;
    }
    case 'map': {
      const x = a as SqlMap;
      const y = b as SqlMap;
      if (x.keys.length !== y.keys.length) return false;
      let sawNull = false;
      for (let i = 0; i < x.keys.length; i++) {
        const j = findMapKey(type.keyType, y, x.keys[i]!);
        if (j < 0) return false;
        const r = sqlEquals(type.valueType, x.values[i]!, y.values[j]!);
        if (r === false) return false;
        if (r === null) sawNull = true;
      }
      return sawNull ? null : true;
    }
    case 'boolean': case 'tinyint': case 'smallint': case 'integer': case 'bigint': case 'decimal': case 'varchar':
    case 'char': case 'varbinary': case 'json': case 'date': case 'time': case 'time with time zone': case 'timestamp':
    case 'timestamp with time zone': case 'interval day to second': case 'interval year to month': case 'uuid':
    case 'ipaddress': case 'HyperLogLog': case 'qdigest': case 'tdigest': case 'SetDigest': case 'color':
    case 'function': case 'unknown':
      return valuesEqual(type, a, b);
  }
}

/** `<` and friends: IEEE for floating point (NaN compares false); NULL elements make arrays/rows indeterminate. */
function lessThan(type: SqlType, a: SqlValue, b: SqlValue, orEqual: boolean): boolean | null {
  switch (type.kind) {
    case 'real':
    case 'double':
      return orEqual ? (a as number) <= (b as number) : (a as number) < (b as number);
    case 'array': {
      const x = a as readonly SqlValue[];
      const y = b as readonly SqlValue[];
      const n = Math.min(x.length, y.length);
      for (let i = 0; i < n; i++) {
        if (x[i] === null || y[i] === null) return null;
        const eq = sqlEquals(type.elementType, x[i]!, y[i]!);
        if (eq === null) return null;
        if (!eq) return lessThan(type.elementType, x[i]!, y[i]!, false);
      }
      return orEqual ? x.length <= y.length : x.length < y.length;
    }
    case 'row': {
      const x = a as readonly SqlValue[];
      const y = b as readonly SqlValue[];
      for (let i = 0; i < type.fields.length; i++) {
        if (x[i] === null || y[i] === null) return null;
        const ft = type.fields[i]!.type;
        const eq = sqlEquals(ft, x[i]!, y[i]!);
        if (eq === null) return null;
        if (!eq) return lessThan(ft, x[i]!, y[i]!, false);
      }
      return orEqual;
    }
    case 'boolean': case 'tinyint': case 'smallint': case 'integer': case 'bigint': case 'decimal': case 'varchar':
    case 'char': case 'varbinary': case 'json': case 'date': case 'time': case 'time with time zone': case 'timestamp':
    case 'timestamp with time zone': case 'interval day to second': case 'interval year to month': case 'map':
    case 'uuid': case 'ipaddress': case 'HyperLogLog': case 'qdigest': case 'tdigest': case 'SetDigest': case 'color':
    case 'function': case 'unknown':
      {
      const c = compareValues(type, a, b);
      return orEqual ? c <= 0 : c < 0;
    }
  }
}

function isIndeterminate(type: SqlType, v: SqlValue): boolean {
  if (v === null) return true;
  switch (type.kind) {
    case 'array':
      return (v as readonly SqlValue[]).some((e) => isIndeterminate(type.elementType, e));
    case 'row':
      return type.fields.some((f, i) => isIndeterminate(f.type, (v as readonly SqlValue[])[i]!));
    case 'map':
      return (v as SqlMap).values.some((e) => isIndeterminate(type.valueType, e));
    case 'boolean': case 'tinyint': case 'smallint': case 'integer': case 'bigint': case 'real': case 'double':
    case 'decimal': case 'varchar': case 'char': case 'varbinary': case 'json': case 'date': case 'time':
    case 'time with time zone': case 'timestamp': case 'timestamp with time zone': case 'interval day to second':
    case 'interval year to month': case 'uuid': case 'ipaddress': case 'HyperLogLog': case 'qdigest': case 'tdigest':
    case 'SetDigest': case 'color': case 'function': case 'unknown':
      return false;
  }
}

function isSimpleScalar(type: SqlType): boolean {
  switch (type.kind) {
    case 'tinyint': case 'smallint': case 'integer': case 'bigint': case 'date': case 'interval day to second':
    case 'interval year to month': case 'decimal': case 'boolean': case 'varchar': case 'char': case 'uuid':
    case 'json':
    case 'time':
      return true;
    case 'real': case 'double': case 'varbinary': case 'time with time zone': case 'timestamp':
    case 'timestamp with time zone': case 'array': case 'map': case 'row': case 'ipaddress': case 'HyperLogLog':
    case 'qdigest': case 'tdigest': case 'SetDigest': case 'color': case 'function': case 'unknown':
      return false;
  }
}

export function comparisonOperators(): FunctionDefinition[] {
  const T = (b: { argumentTypes: readonly SqlType[] }): SqlType => b.argumentTypes[0]!;
  return [
    scalarFunction({
      name: '$operator$equal', args: ['T', 'T'], returns: 'boolean', comparable: ['T'],
      specialize: (b) => {
        const t = T(b);
        // eslint-disable-next-line eqeqeq
        if (t.kind === 'decimal' || t.kind === 'bigint') return (x, y) => x == y;
        if (isSimpleScalar(t) || t.kind === 'double' || t.kind === 'real') return (x, y) => x === y;
        return (x, y) => sqlEquals(t, x, y);
      },
    }),
    scalarFunction({
      name: '$operator$not_equal', args: ['T', 'T'], returns: 'boolean', comparable: ['T'],
      specialize: (b) => {
        const t = T(b);
        // eslint-disable-next-line eqeqeq
        if (t.kind === 'decimal' || t.kind === 'bigint') return (x, y) => x != y;
        if (isSimpleScalar(t) || t.kind === 'double' || t.kind === 'real') return (x, y) => x !== y;
        return (x, y) => {
          const r = sqlEquals(t, x, y);
          return r === null ? null : !r;
        };
      },
    }),
    scalarFunction({
      name: '$operator$less_than', args: ['T', 'T'], returns: 'boolean', orderable: ['T'],
      specialize: (b) => {
        const t = T(b);
        if (t.kind === 'varchar' || t.kind === 'char') return (x, y) => compareStrings(x as string, y as string) < 0;
        if (isSimpleScalar(t) || t.kind === 'double' || t.kind === 'real') return (x, y) => (x as number) < (y as number);
        return (x, y) => lessThan(t, x, y, false);
      },
    }),
    scalarFunction({
      name: '$operator$less_than_or_equal', args: ['T', 'T'], returns: 'boolean', orderable: ['T'],
      specialize: (b) => {
        const t = T(b);
        if (t.kind === 'varchar' || t.kind === 'char') return (x, y) => compareStrings(x as string, y as string) <= 0;
        if (isSimpleScalar(t) || t.kind === 'double' || t.kind === 'real') return (x, y) => (x as number) <= (y as number);
        return (x, y) => lessThan(t, x, y, true);
      },
    }),
    scalarFunction({
      name: '$operator$greater_than', args: ['T', 'T'], returns: 'boolean', orderable: ['T'],
      specialize: (b) => {
        const t = T(b);
        if (t.kind === 'varchar' || t.kind === 'char') return (x, y) => compareStrings(x as string, y as string) > 0;
        if (isSimpleScalar(t) || t.kind === 'double' || t.kind === 'real') return (x, y) => (x as number) > (y as number);
        return (x, y) => lessThan(t, y, x, false);
      },
    }),
    scalarFunction({
      name: '$operator$greater_than_or_equal', args: ['T', 'T'], returns: 'boolean', orderable: ['T'],
      specialize: (b) => {
        const t = T(b);
        if (t.kind === 'varchar' || t.kind === 'char') return (x, y) => compareStrings(x as string, y as string) >= 0;
        if (isSimpleScalar(t) || t.kind === 'double' || t.kind === 'real') return (x, y) => (x as number) >= (y as number);
        return (x, y) => lessThan(t, y, x, true);
      },
    }),
    scalarFunction({
      name: '$operator$is_distinct_from', args: ['T', 'T'], returns: 'boolean', comparable: ['T'], nullOnNullInput: false,
      specialize: (b) => {
        const t = T(b);
        return (x, y) => {
          if (x === null || y === null) return x !== y;
          return !valuesEqual(t, x, y);
        };
      },
    }),
    scalarFunction({
      name: '$operator$indeterminate', args: ['T'], returns: 'boolean', nullOnNullInput: false,
      specialize: (b) => {
        const t = T(b);
        return (x) => isIndeterminate(t, x);
      },
    }),
    scalarFunction({
      name: '$operator$hash_code', args: ['T'], returns: 'bigint', comparable: ['T'],
      specialize: (b) => {
        const t = T(b);
        return (x) => hashValue(t, x);
      },
    }),
    scalarFunction({
      name: '$operator$xx_hash_64', args: ['T'], returns: 'bigint', comparable: ['T'],
      specialize: (b) => {
        const t = T(b);
        return (x) => normalizeInt64(BigInt.asIntN(64, xxhash64Value(t, x)));
      },
    }),
    scalarFunction({
      name: '$operator$comparison', args: ['T', 'T'], returns: 'integer', orderable: ['T'],
      specialize: (b) => {
        const t = T(b);
        return (x, y) => compareValues(t, x, y);
      },
    }),
    scalarFunction({
      name: '$operator$subscript', args: ['array(T)', 'bigint'], returns: 'T',
      impl: (a, i) => {
        const arr = a as readonly SqlValue[];
        const index = Number(i);
        if (index === 0) throw invalidArgument('SQL array indices start at 1');
        if (index < 0) throw invalidArgument(`Array subscript is negative: ${index}`);
        if (index > arr.length) throw invalidArgument(`Array subscript must be less than or equal to array length: ${index} > ${arr.length}`);
        return arr[index - 1]!;
      },
    }),
    scalarFunction({
      name: '$operator$subscript', args: ['map(K,V)', 'K'], returns: 'V',
      specialize: (b) => {
        const keyType = (b.argumentTypes[0] as { keyType: SqlType }).keyType;
        return (m, k) => {
          const map = m as SqlMap;
          const j = findMapKey(keyType, map, k);
          if (j < 0) throw invalidArgument(`Key not present in map: ${formatValue(keyType, k)}`);
          return map.values[j]!;
        };
      },
    }),
  ];
}
