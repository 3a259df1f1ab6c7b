import { TokenType } from './token.js';
import { ParserBase } from './parser-base.js';
import type { DataTypeNode, DataTypeParameter, IntervalField, RowField } from '../tree/data-type.js';
import type { Identifier } from '../tree/identifier.js';

const INTERVAL_FIELDS: ReadonlySet<string> = new Set(['YEAR', 'MONTH', 'DAY', 'HOUR', 'MINUTE', 'SECOND']);

/** Types: `decimal(p, s)`, `timestamp(3) with time zone`, `row(a bigint)`, `T ARRAY`, `interval day to second`. */
export abstract class DataTypeParser extends ParserBase {
  protected peekIntervalField(offset = 0): boolean {
    const token = this.lookahead(offset);
    return token.type === TokenType.WORD && INTERVAL_FIELDS.has(token.keyword);
  }

  protected intervalField(): IntervalField {
    if (this.peekIntervalField()) return this.advance().keyword as IntervalField;
    if (this.tracking) for (const field of INTERVAL_FIELDS) this.note(`'${field}'`);
    throw this.fail();
  }

  protected dataType(): DataTypeNode {
    let type = this.dataTypePrimary();
    // `T ARRAY` (optionally `T ARRAY[n]`, the size being ignored as in Trino)
    while (this.peek('ARRAY') && !this.peekAt(1, '(') && !this.peekAt(1, '<')) {
      const arrayToken = this.advance();
      if (this.peek('[') && this.lookahead(1).type === TokenType.INTEGER && this.peekAt(2, ']')) {
        this.advance();
        this.advance();
        this.advance();
      }
      const name: Identifier = { kind: 'Identifier', value: arrayToken.text, quoted: false, location: this.location(arrayToken) };
      type = {
        kind: 'GenericDataType',
        name,
        arguments: [{ kind: 'TypeParameter', type, location: type.location }],
        location: type.location,
      };
    }
    return type;
  }

  private dataTypePrimary(): DataTypeNode {
    const start = this.tok;
    const location = this.location(start);
    if (start.type === TokenType.WORD) {
      switch (start.keyword) {
        case 'ROW':
          if (this.peekAt(1, '(')) {
            this.advance();
            this.advance();
            const fields: RowField[] = [this.rowField()];
            while (this.accept(',')) fields.push(this.rowField());
            this.expect(')');
            return { kind: 'RowDataType', fields, location };
          }
          break;
        case 'INTERVAL':
          if (this.peekIntervalField(1)) {
            this.advance();
            const from = this.intervalField();
            const to = this.accept('TO') ? this.intervalField() : undefined;
            return { kind: 'IntervalDataType', from, to, location };
          }
          break;
        case 'TIMESTAMP':
        case 'TIME': {
          this.advance();
          let precision: DataTypeParameter | undefined;
          if (this.accept('(')) {
            precision = this.typeParameter();
            this.expect(')');
          }
          let withTimeZone = false;
          if (this.peek('WITH') && this.peekAt(1, 'TIME')) {
            this.advance();
            this.expect('TIME');
            this.expect('ZONE');
            withTimeZone = true;
          } else if (this.accept('WITHOUT')) {
            this.expect('TIME');
            this.expect('ZONE');
          }
          return { kind: 'DateTimeDataType', type: start.keyword, withTimeZone, precision, location };
        }
        case 'DOUBLE':
          if (this.peekAt(1, 'PRECISION')) {
            this.advance();
            this.advance();
            return { kind: 'GenericDataType', name: { kind: 'Identifier', value: start.text, quoted: false, location }, arguments: [], location };
          }
          break;
        case 'ARRAY':
          if (this.peekAt(1, '<')) {
            this.advance();
            this.advance();
            const element = this.dataType();
            this.expect('>');
            const name: Identifier = { kind: 'Identifier', value: start.text, quoted: false, location };
            return { kind: 'GenericDataType', name, arguments: [{ kind: 'TypeParameter', type: element, location: element.location }], location };
          }
          break;
        case 'MAP':
          if (this.peekAt(1, '<')) {
            this.advance();
            this.advance();
            const key = this.dataType();
            this.expect(',');
            const value = this.dataType();
            this.expect('>');
            const name: Identifier = { kind: 'Identifier', value: start.text, quoted: false, location };
            return {
              kind: 'GenericDataType',
              name,
              arguments: [
                { kind: 'TypeParameter', type: key, location: key.location },
                { kind: 'TypeParameter', type: value, location: value.location },
              ],
              location,
            };
          }
          break;
        default:
          break;
      }
    }
    if (!this.peekIdentifier()) {
      if (this.tracking) this.note('<type>');
      throw this.fail();
    }
    const name = this.identifier();
    const args: DataTypeParameter[] = [];
    if (this.accept('(')) {
      args.push(this.typeParameter());
      while (this.accept(',')) args.push(this.typeParameter());
      this.expect(')');
    }
    return { kind: 'GenericDataType', name, arguments: args, location };
  }

  private typeParameter(): DataTypeParameter {
    const token = this.tok;
    if (token.type === TokenType.INTEGER) {
      this.advance();
      return { kind: 'NumericParameter', value: token.text, location: this.location(token) };
    }
    const type = this.dataType();
    return { kind: 'TypeParameter', type, location: type.location };
  }

  /** `type` or `name type` inside `ROW(...)`. */
  private rowField(): RowField {
    const location = this.location();
    if (this.peekIdentifier() && this.rowFieldHasName()) {
      const name = this.identifier();
      const type = this.dataType();
      return { kind: 'RowField', name, type, location };
    }
    const type = this.dataType();
    return { kind: 'RowField', name: undefined, type, location };
  }

  private rowFieldHasName(): boolean {
    const current = this.tok;
    const next = this.lookahead(1);
    if (next.type === TokenType.SYMBOL) return false;
    if (next.type !== TokenType.WORD && next.type !== TokenType.QUOTED_IDENTIFIER) return false;
    if (current.type === TokenType.WORD) {
      if (current.keyword === 'DOUBLE' && next.keyword === 'PRECISION') return false;
      if (current.keyword === 'INTERVAL' && next.type === TokenType.WORD && INTERVAL_FIELDS.has(next.keyword)) return false;
      if ((current.keyword === 'TIMESTAMP' || current.keyword === 'TIME') && (next.keyword === 'WITH' || next.keyword === 'WITHOUT')) return false;
    }
    if (next.type === TokenType.WORD && next.keyword === 'ARRAY') {
      return this.peekAt(2, '(') || this.peekAt(2, '<');
    }
    return true;
  }
}
