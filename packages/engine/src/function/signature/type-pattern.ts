import type { SqlType } from '@petrel/spi';
import {
  BIGINT, BOOLEAN, COLOR, DATE, DOUBLE, HYPER_LOG_LOG, INTEGER, INTERVAL_DAY_TO_SECOND, INTERVAL_YEAR_TO_MONTH, IPADDRESS,
  JSON_TYPE, REAL, SET_DIGEST, SMALLINT, TDIGEST, TINYINT, UNKNOWN, UUID, VARBINARY, VARCHAR, charType, decimalType,
  timeType, timeWithTimeZoneType, timestampType, timestampWithTimeZoneType, varcharType,
} from '@petrel/spi';

/**
 * Types in function signatures: concrete types, type variables (`T`, `K`, `V`: upper-case names),
 * families with literal parameters (`varchar(x)`, `decimal(p,s)`, `timestamp(p)`), and
 * structural patterns (`array(T)`, `map(K,V)`, `function(T,U)`).
 *
 * Written as text: `timestamptz(p)` and `timetz(p)` stand for the WITH TIME ZONE types,
 * `interval_ds`/`interval_ym` for the interval types.
 */
export type TypePattern =
  | { readonly kind: 'concrete'; readonly type: SqlType }
  | { readonly kind: 'variable'; readonly name: string }
  | { readonly kind: 'parametric'; readonly family: ParametricFamily; readonly params: readonly (string | number)[] }
  | { readonly kind: 'array'; readonly element: TypePattern }
  | { readonly kind: 'map'; readonly key: TypePattern; readonly value: TypePattern }
  | { readonly kind: 'row'; readonly fields: readonly TypePattern[] }
  | { readonly kind: 'qdigest'; readonly value: TypePattern }
  | { readonly kind: 'function'; readonly args: readonly TypePattern[]; readonly ret: TypePattern };

export type ParametricFamily = 'decimal' | 'varchar' | 'char' | 'timestamp' | 'timestamp with time zone' | 'time' | 'time with time zone';

/** Unbounded varchar as a literal parameter value. */
export const UNBOUNDED_LENGTH = 2147483647;

const SIMPLE: Record<string, SqlType> = {
  boolean: BOOLEAN, tinyint: TINYINT, smallint: SMALLINT, integer: INTEGER, bigint: BIGINT, real: REAL, double: DOUBLE,
  varbinary: VARBINARY, json: JSON_TYPE, date: DATE, uuid: UUID, ipaddress: IPADDRESS, unknown: UNKNOWN,
  hyperloglog: HYPER_LOG_LOG, tdigest: TDIGEST, setdigest: SET_DIGEST, color: COLOR, varchar: VARCHAR,
  interval_ds: INTERVAL_DAY_TO_SECOND, interval_ym: INTERVAL_YEAR_TO_MONTH,
};

const FAMILIES: Record<string, ParametricFamily> = {
  decimal: 'decimal', varchar: 'varchar', char: 'char', timestamp: 'timestamp', timestamptz: 'timestamp with time zone',
  time: 'time', timetz: 'time with time zone',
};

const cache = new Map<string, TypePattern>();

export function parseTypePattern(text: string): TypePattern {
  let p = cache.get(text);
  if (p === undefined) {
    const parser = new PatternParser(text);
    p = parser.parse();
    cache.set(text, p);
  }
  return p;
}

class PatternParser {
  private pos = 0;
  private readonly tokens: string[];
  constructor(private readonly text: string) {
    this.tokens = text.match(/[A-Za-z_][A-Za-z0-9_]*|\d+|[(),]/g) ?? [];
  }
  parse(): TypePattern {
    const p = this.pattern();
    if (this.pos !== this.tokens.length) throw new Error(`bad type pattern: ${this.text}`);
    return p;
  }
  private peek(): string | undefined {
    return this.tokens[this.pos];
  }
  private next(): string {
    const t = this.tokens[this.pos++];
    if (t === undefined) throw new Error(`bad type pattern: ${this.text}`);
    return t;
  }
  private expect(t: string): void {
    if (this.next() !== t) throw new Error(`bad type pattern: ${this.text}`);
  }
  private pattern(): TypePattern {
    const name = this.next();
    const lower = name.toLowerCase();
    if (this.peek() !== '(') {
      if (/^[A-Z][A-Z0-9]*$/.test(name)) return { kind: 'variable', name };
      const simple = SIMPLE[lower];
      if (simple === undefined) throw new Error(`bad type pattern: ${this.text}`);
      return { kind: 'concrete', type: simple };
    }
    this.expect('(');
    if (lower === 'array') {
      const element = this.pattern();
      this.expect(')');
      return { kind: 'array', element };
    }
    if (lower === 'map') {
      const key = this.pattern();
      this.expect(',');
      const value = this.pattern();
      this.expect(')');
      return { kind: 'map', key, value };
    }
    if (lower === 'qdigest') {
      const value = this.pattern();
      this.expect(')');
      return { kind: 'qdigest', value };
    }
    if (lower === 'row' || lower === 'function') {
      const items: TypePattern[] = [this.pattern()];
      while (this.peek() === ',') {
        this.next();
        items.push(this.pattern());
      }
      this.expect(')');
      if (lower === 'row') return { kind: 'row', fields: items };
      return { kind: 'function', args: items.slice(0, -1), ret: items[items.length - 1]! };
    }
    const family = FAMILIES[lower];
    if (family === undefined) throw new Error(`bad type pattern: ${this.text}`);
    const params: (string | number)[] = [];
    for (;;) {
      const t = this.next();
      params.push(/^\d+$/.test(t) ? Number(t) : t);
      const sep = this.next();
      if (sep === ')') break;
      if (sep !== ',') throw new Error(`bad type pattern: ${this.text}`);
    }
    if (params.every((x) => typeof x === 'number')) {
      return { kind: 'concrete', type: makeFamilyType(family, params as number[]) };
    }
    return { kind: 'parametric', family, params };
  }
}

export function makeFamilyType(family: ParametricFamily, params: readonly number[]): SqlType {
  switch (family) {
    case 'decimal':
      return decimalType(params[0], params[1] ?? 0);
    case 'varchar':
      return params[0] === undefined || params[0] >= UNBOUNDED_LENGTH ? VARCHAR : varcharType(params[0]);
    case 'char':
      return charType(params[0]);
    case 'timestamp':
      return timestampType(params[0]);
    case 'timestamp with time zone':
      return timestampWithTimeZoneType(params[0]);
    case 'time':
      return timeType(params[0]);
    case 'time with time zone':
      return timeWithTimeZoneType(params[0]);
  }
}

/** Literal parameters of a concrete type of the family, in pattern order. */
export function familyParameters(type: SqlType): number[] | undefined {
  switch (type.kind) {
    case 'decimal':
      return [type.precision, type.scale];
    case 'varchar':
      return [type.length ?? UNBOUNDED_LENGTH];
    case 'char':
      return [type.length];
    case 'timestamp':
    case 'timestamp with time zone':
    case 'time':
    case 'time with time zone':
      return [type.precision];
    case 'boolean': case 'tinyint': case 'smallint': case 'integer': case 'bigint': case 'real': case 'double':
    case 'varbinary': case 'json': case 'date': case 'interval day to second': case 'interval year to month':
    case 'array': case 'map': case 'row': case 'uuid': case 'ipaddress': case 'HyperLogLog': case 'qdigest':
    case 'tdigest': case 'SetDigest': case 'color': case 'function': case 'unknown':
      return undefined;
  }
}
