import {
  BIGINT,
  BOOLEAN,
  DATE,
  DOUBLE,
  INTEGER,
  StandardErrorCode,
  TrinoError,
  UNKNOWN,
  VARCHAR,
  arrayType,
  decimalType,
  functionType,
  isNumericType,
  typeDisplayName,
  typeEquals,
  varcharType,
} from '@petrel/spi';
import type { SourceLocation, SqlType } from '@petrel/spi';
import type { ArgumentInfo, FunctionListing, FunctionRegistry, TypeCoercion } from '../../function/function-registry.js';
import type { OperatorName, ResolvedFunction } from '../../function/resolved-function.js';

/**
 * A small function registry for planner tests: enough operators and functions for TPC-H and the
 * analyzer's tests, with Trino-like coercions. Not the engine's registry.
 */
const NUMERIC_RANK: Record<string, number> = { tinyint: 1, smallint: 2, integer: 3, bigint: 4, decimal: 5, real: 6, double: 7 };

function decimalOf(t: SqlType): { precision: number; scale: number } | undefined {
  switch (t.kind) {
    case 'tinyint':
      return { precision: 3, scale: 0 };
    case 'smallint':
      return { precision: 5, scale: 0 };
    case 'integer':
      return { precision: 10, scale: 0 };
    case 'bigint':
      return { precision: 19, scale: 0 };
    case 'decimal':
      return t;
    case 'boolean':
    case 'real':
    case 'double':
    case 'varchar':
    case 'char':
    case 'varbinary':
    case 'json':
    case 'date':
    case 'time':
    case 'time with time zone':
    case 'timestamp':
    case 'timestamp with time zone':
    case 'interval day to second':
    case 'interval year to month':
    case 'array':
    case 'map':
    case 'row':
    case 'uuid':
    case 'ipaddress':
    case 'HyperLogLog':
    case 'qdigest':
    case 'tdigest':
    case 'SetDigest':
    case 'color':
    case 'function':
    case 'unknown':
      return undefined;
  }
}

export const testCoercion: TypeCoercion = {
  canCoerce(from, to) {
    if (typeEquals(from, to) || from.kind === 'unknown') return true;
    const s = testCoercion.getCommonSuperType(from, to);
    return s !== undefined && typeEquals(s, to);
  },
  getCommonSuperType(a, b) {
    if (a.kind === 'unknown') return b;
    if (b.kind === 'unknown') return a;
    if (typeEquals(a, b)) return a;
    if (a.kind === 'varchar' && b.kind === 'varchar') return a.length === undefined || b.length === undefined ? VARCHAR : varcharType(Math.max(a.length, b.length));
    if (a.kind === 'char' && b.kind === 'varchar') return b.length === undefined ? VARCHAR : varcharType(Math.max(a.length, b.length));
    if (a.kind === 'varchar' && b.kind === 'char') return testCoercion.getCommonSuperType(b, a);
    if (isNumericType(a) && isNumericType(b)) {
      const ra = NUMERIC_RANK[a.kind]!;
      const rb = NUMERIC_RANK[b.kind]!;
      if (a.kind === 'decimal' || b.kind === 'decimal') {
        if (a.kind === 'real' || a.kind === 'double' || b.kind === 'real' || b.kind === 'double') return ra > rb ? a : b;
        const da = decimalOf(a)!;
        const db = decimalOf(b)!;
        const scale = Math.max(da.scale, db.scale);
        const intDigits = Math.max(da.precision - da.scale, db.precision - db.scale);
        return decimalType(Math.min(38, intDigits + scale), scale);
      }
      return ra > rb ? a : b;
    }
    if (a.kind === 'date' && b.kind === 'timestamp') return b;
    if (a.kind === 'timestamp' && b.kind === 'date') return a;
    if (a.kind === 'timestamp' && b.kind === 'timestamp') return a.precision >= b.precision ? a : b;
    if (a.kind === 'array' && b.kind === 'array') {
      const e = testCoercion.getCommonSuperType(a.elementType, b.elementType);
      return e === undefined ? undefined : arrayType(e);
    }
    return undefined;
  },
  canCast(from, to) {
    if (to.kind === 'array' && from.kind === 'varchar') return false;
    return true;
  },
};

function resolved(name: string, kind: ResolvedFunction['kind'], argumentTypes: readonly SqlType[], returnType: SqlType, deterministic = true): ResolvedFunction {
  return { name, kind, argumentTypes, returnType, deterministic, nullOnNullInput: kind === 'scalar' };
}

const AGGREGATES = new Set(['count', 'sum', 'avg', 'min', 'max', 'count_if', 'arbitrary', 'array_agg', 'bool_or', 'max_by', 'min_by', 'approx_distinct']);
const WINDOWS = new Set(['row_number', 'rank', 'dense_rank', 'lag', 'lead', 'first_value', 'last_value', 'ntile']);

export class TestFunctionRegistry implements FunctionRegistry {
  readonly coercion = testCoercion;

  resolveOperator(operator: OperatorName, types: readonly SqlType[], location?: SourceLocation): ResolvedFunction {
    const name = `$operator$${operator}`;
    const fail = (): never => {
      const symbols: Partial<Record<OperatorName, string>> = { add: '+', subtract: '-', multiply: '*', divide: '/', modulus: '%', equal: '=', not_equal: '<>', less_than: '<', less_than_or_equal: '<=', greater_than: '>', greater_than_or_equal: '>=', is_distinct_from: 'IS DISTINCT FROM' };
      throw new TrinoError(StandardErrorCode.TYPE_MISMATCH, `Cannot apply operator: ${types.map(typeDisplayName).join(` ${symbols[operator] ?? operator} `)}`, location);
    };
    switch (operator) {
      case 'add':
      case 'subtract':
      case 'multiply':
      case 'divide':
      case 'modulus': {
        const [a, b] = types as [SqlType, SqlType];
        if ((a.kind === 'date' || a.kind === 'timestamp') && (b.kind === 'interval day to second' || b.kind === 'interval year to month')) return resolved(name, 'scalar', [a, b], a);
        if (a.kind === 'date' && b.kind === 'date' && operator === 'subtract') return resolved(name, 'scalar', [a, b], BIGINT);
        const common = this.coercion.getCommonSuperType(a.kind === 'unknown' ? INTEGER : a, b.kind === 'unknown' ? INTEGER : b);
        if (common === undefined || !isNumericType(common)) return fail();
        let result = common;
        if (common.kind === 'decimal') {
          const da = decimalOf(a.kind === 'unknown' ? common : a)!;
          const db = decimalOf(b.kind === 'unknown' ? common : b)!;
          if (operator === 'multiply') result = decimalType(Math.min(38, da.precision + db.precision), da.scale + db.scale);
          else if (operator === 'add' || operator === 'subtract') result = decimalType(Math.min(38, common.precision + 1), common.scale);
          return resolved(name, 'scalar', [a.kind === 'decimal' || a.kind === 'unknown' ? (a.kind === 'unknown' ? common : a) : decimalType(da.precision, da.scale), b.kind === 'decimal' || b.kind === 'unknown' ? (b.kind === 'unknown' ? common : b) : decimalType(db.precision, db.scale)], result);
        }
        return resolved(name, 'scalar', [common, common], result);
      }
      case 'negate':
        if (!isNumericType(types[0]!) && !types[0]!.kind.startsWith('interval')) return fail();
        return resolved(name, 'scalar', types, types[0]!);
      case 'equal':
      case 'not_equal':
      case 'less_than':
      case 'less_than_or_equal':
      case 'greater_than':
      case 'greater_than_or_equal':
      case 'is_distinct_from': {
        const common = this.coercion.getCommonSuperType(types[0]!, types[1]!);
        if (common === undefined) return fail();
        return resolved(name, 'scalar', [common, common], BOOLEAN);
      }
      case 'subscript': {
        const base = types[0]!;
        if (base.kind === 'array') return resolved(name, 'scalar', [base, BIGINT], base.elementType);
        if (base.kind === 'map') return resolved(name, 'scalar', [base, base.keyType], base.valueType);
        return fail();
      }
      default:
        return resolved(name, 'scalar', types, BIGINT);
    }
  }

  resolveFunction(name: string, args: readonly ArgumentInfo[], location?: SourceLocation): ResolvedFunction {
    const types = args.map((a) => (a.kind === 'value' ? a.type : UNKNOWN));
    const t0 = types[0];
    const notFound = (): never => {
      throw new TrinoError(StandardErrorCode.FUNCTION_NOT_FOUND, `Function '${name}' not registered`, location);
    };
    switch (name) {
      case 'count':
        return resolved(name, 'aggregate', types, BIGINT);
      case 'count_if':
      case 'approx_distinct':
        return resolved(name, 'aggregate', types, BIGINT);
      case 'sum':
        return resolved(name, 'aggregate', types, t0?.kind === 'decimal' ? decimalType(38, t0.scale) : t0 !== undefined && ['tinyint', 'smallint', 'integer', 'bigint'].includes(t0.kind) ? BIGINT : DOUBLE);
      case 'avg':
        return resolved(name, 'aggregate', types, t0?.kind === 'decimal' ? t0 : DOUBLE);
      case 'min':
      case 'max':
      case 'arbitrary':
        return resolved(name, 'aggregate', types, t0 ?? UNKNOWN);
      case 'max_by':
      case 'min_by':
        return resolved(name, 'aggregate', types, t0 ?? UNKNOWN);
      case 'bool_or':
        return resolved(name, 'aggregate', [BOOLEAN], BOOLEAN);
      case 'array_agg':
        return resolved(name, 'aggregate', types, arrayType(t0 ?? UNKNOWN));
      case 'row_number':
      case 'rank':
      case 'dense_rank':
      case 'ntile':
        return resolved(name, 'window', types, BIGINT);
      case 'lag':
      case 'lead':
      case 'first_value':
      case 'last_value':
        return resolved(name, 'window', types, t0 ?? UNKNOWN);
      case 'substring':
      case 'substr':
        return resolved(name, 'scalar', [VARCHAR, ...types.slice(1).map(() => BIGINT)], t0 ?? VARCHAR);
      case 'like':
        return resolved(name, 'scalar', types, BOOLEAN);
      case 'year':
      case 'month':
      case 'day':
      case 'quarter':
        return resolved(name, 'scalar', types, BIGINT);
      case 'length':
      case 'strpos':
        return resolved(name, 'scalar', types.map(() => VARCHAR), BIGINT);
      case 'upper':
      case 'lower':
      case 'trim':
      case 'ltrim':
      case 'rtrim':
        return resolved(name, 'scalar', types, t0 ?? VARCHAR);
      case 'concat':
        return resolved(name, 'scalar', types.map(() => VARCHAR), VARCHAR);
      case 'abs':
      case 'round':
        return resolved(name, 'scalar', types, t0 ?? DOUBLE);
      case 'rand':
      case 'random':
        return resolved(name, 'scalar', types, DOUBLE, false);
      case 'current_date':
        return resolved(name, 'scalar', [], DATE);
      case 'fail':
        return resolved(name, 'scalar', types, UNKNOWN, false);
      case 'transform': {
        const arr = t0;
        if (arr?.kind !== 'array') return notFound();
        const lam = args[1];
        if (lam?.kind !== 'lambda') return notFound();
        const ret = lam.analyzeBody([arr.elementType]);
        return resolved(name, 'scalar', [arr, functionType([arr.elementType], ret)], arrayType(ret));
      }
      case 'cardinality':
        return resolved(name, 'scalar', types, BIGINT);
      default:
        return notFound();
    }
  }

  isAggregateFunction(name: string): boolean {
    return AGGREGATES.has(name);
  }
  isWindowFunction(name: string): boolean {
    return WINDOWS.has(name);
  }
  exists(name: string): boolean {
    return AGGREGATES.has(name) || WINDOWS.has(name);
  }
  getScalarImplementation(fn: ResolvedFunction): (...args: unknown[]) => never {
    throw new Error(`no implementation for ${fn.name} in the test registry`);
  }
  getAggregateImplementation(): never {
    throw new Error('not in the test registry');
  }
  getWindowImplementation(): never {
    throw new Error('not in the test registry');
  }
  getCastImplementation(): never {
    throw new Error('not in the test registry');
  }
  listFunctions(): readonly FunctionListing[] {
    return [];
  }
}
