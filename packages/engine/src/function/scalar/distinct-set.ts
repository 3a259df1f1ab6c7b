import type { SqlType, SqlValue } from '@petrel/spi';
import { hashValue, valuesEqual } from '../../type/value-compare.js';

function isPrimitiveKeyed(type: SqlType): boolean {
  switch (type.kind) {
    case 'boolean': case 'tinyint': case 'smallint': case 'integer': case 'bigint': case 'real': case 'double':
    case 'decimal':
    case 'varchar': case 'char': case 'date': case 'interval day to second': case 'interval year to month':
    case 'uuid': case 'json':
    case 'time': case 'unknown':
      return true;
    case 'varbinary': case 'time with time zone': case 'timestamp': case 'timestamp with time zone': case 'array':
    case 'map': case 'row': case 'ipaddress': case 'HyperLogLog': case 'qdigest': case 'tdigest': case 'SetDigest':
    case 'color': case 'function':
      return false;
  }
}

/** A set of SQL values with IS NOT DISTINCT FROM semantics (NULL is a value, NaN equals NaN). */
export class DistinctSet {
  private readonly primitive: Set<SqlValue> | undefined;
  private readonly buckets: Map<number, SqlValue[]> | undefined;
  private count = 0;

  constructor(private readonly type: SqlType) {
    if (isPrimitiveKeyed(type)) this.primitive = new Set();
    else this.buckets = new Map();
  }

  get size(): number {
    return this.count;
  }

  has(v: SqlValue): boolean {
    if (this.primitive !== undefined) return this.primitive.has(typeof v === 'number' && v === 0 ? 0 : v);
    const bucket = this.buckets!.get(v === null ? -1 : hashValue(this.type, v));
    if (bucket === undefined) return false;
    return bucket.some((x) => (x === null || v === null ? x === v : valuesEqual(this.type, x, v)));
  }

  /** Adds the value; returns false when it was already present. */
  add(v: SqlValue): boolean {
    if (this.primitive !== undefined) {
      const key = typeof v === 'number' && v === 0 ? 0 : v;
      if (this.primitive.has(key)) return false;
      this.primitive.add(key);
      this.count++;
      return true;
    }
    const h = v === null ? -1 : hashValue(this.type, v);
    const bucket = this.buckets!.get(h);
    if (bucket === undefined) this.buckets!.set(h, [v]);
    else {
      if (bucket.some((x) => (x === null || v === null ? x === v : valuesEqual(this.type, x, v)))) return false;
      bucket.push(v);
    }
    this.count++;
    return true;
  }
}
