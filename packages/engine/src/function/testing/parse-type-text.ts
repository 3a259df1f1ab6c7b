import type { RowField, SqlType } from '@petrel/spi';
import {
  BIGINT, BOOLEAN, DATE, DOUBLE, INTEGER, INTERVAL_DAY_TO_SECOND, INTERVAL_YEAR_TO_MONTH, IPADDRESS, JSON_TYPE, REAL,
  SMALLINT, TINYINT, UNKNOWN, UUID, VARBINARY, arrayType, charType, decimalType, mapType, rowType, timeType,
  timeWithTimeZoneType, timestampType, timestampWithTimeZoneType, varcharType, HYPER_LOG_LOG, TDIGEST, qdigestType,
} from '@petrel/spi';

/** A small type parser for tests (`array(map(varchar, integer))`, `timestamp(6) with time zone`). */
export function parseTypeText(text: string): SqlType {
  const p = new P(text);
  const t = p.type();
  p.end();
  return t;
}

class P {
  private i = 0;
  constructor(private readonly s: string) {}
  private ws(): void {
    while (this.s[this.i] === ' ') this.i++;
  }
  end(): void {
    this.ws();
    if (this.i !== this.s.length) throw new Error(`bad type ${this.s}`);
  }
  private word(): string {
    this.ws();
    const m = /^[A-Za-z_][A-Za-z0-9_]*/.exec(this.s.slice(this.i));
    if (m === null) throw new Error(`bad type ${this.s} at ${this.i}`);
    this.i += m[0].length;
    return m[0];
  }
  private peek(): string | undefined {
    this.ws();
    return this.s[this.i];
  }
  private eat(c: string): void {
    this.ws();
    if (this.s[this.i] !== c) throw new Error(`bad type ${this.s}`);
    this.i++;
  }
  private num(): number {
    this.ws();
    const m = /^\d+/.exec(this.s.slice(this.i))!;
    this.i += m[0].length;
    return Number(m[0]);
  }
  private tryWords(...words: string[]): boolean {
    const save = this.i;
    for (const w of words) {
      this.ws();
      if (!this.s.slice(this.i).toLowerCase().startsWith(w)) {
        this.i = save;
        return false;
      }
      this.i += w.length;
    }
    return true;
  }
  type(): SqlType {
    const w = this.word().toLowerCase();
    const nums = (): number[] => {
      const out: number[] = [];
      if (this.peek() !== '(') return out;
      this.eat('(');
      out.push(this.num());
      while (this.peek() === ',') {
        this.eat(',');
        out.push(this.num());
      }
      this.eat(')');
      return out;
    };
    switch (w) {
      case 'boolean': return BOOLEAN;
      case 'tinyint': return TINYINT;
      case 'smallint': return SMALLINT;
      case 'integer': case 'int': return INTEGER;
      case 'bigint': return BIGINT;
      case 'real': return REAL;
      case 'double': return DOUBLE;
      case 'varbinary': return VARBINARY;
      case 'json': return JSON_TYPE;
      case 'date': return DATE;
      case 'uuid': return UUID;
      case 'ipaddress': return IPADDRESS;
      case 'unknown': return UNKNOWN;
      case 'hyperloglog': return HYPER_LOG_LOG;
      case 'tdigest': return TDIGEST;
      case 'varchar': { const n = nums(); return varcharType(n[0]); }
      case 'char': { const n = nums(); return charType(n[0] ?? 1); }
      case 'decimal': { const n = nums(); return decimalType(n[0] ?? 38, n[1] ?? 0); }
      case 'time': {
        const n = nums();
        return this.tryWords('with', 'time', 'zone') ? timeWithTimeZoneType(n[0] ?? 3) : timeType(n[0] ?? 3);
      }
      case 'timestamp': {
        const n = nums();
        return this.tryWords('with', 'time', 'zone') ? timestampWithTimeZoneType(n[0] ?? 3) : timestampType(n[0] ?? 3);
      }
      case 'interval': {
        if (this.tryWords('day', 'to', 'second')) return INTERVAL_DAY_TO_SECOND;
        if (this.tryWords('year', 'to', 'month')) return INTERVAL_YEAR_TO_MONTH;
        throw new Error(`bad type ${this.s}`);
      }
      case 'array': { this.eat('('); const e = this.type(); this.eat(')'); return arrayType(e); }
      case 'qdigest': { this.eat('('); const e = this.type(); this.eat(')'); return qdigestType(e); }
      case 'map': { this.eat('('); const k = this.type(); this.eat(','); const v = this.type(); this.eat(')'); return mapType(k, v); }
      case 'row': {
        this.eat('(');
        const fields: RowField[] = [];
        for (;;) {
          const save = this.i;
          let name: string | undefined;
          try {
            const n = this.word();
            const after = this.peek();
            if (after !== ',' && after !== ')' && after !== '(') name = n;
            else this.i = save;
          } catch {
            this.i = save;
          }
          if (name === undefined) this.i = save;
          fields.push({ name, type: this.type() });
          if (this.peek() === ',') this.eat(',');
          else break;
        }
        this.eat(')');
        return rowType(fields);
      }
      default:
        throw new Error(`unknown type ${w}`);
    }
  }
}
