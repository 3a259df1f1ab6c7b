import type { Block, SqlType, SqlValue } from '@petrel/spi';
import { getValue, assertNever, TrinoError, StandardErrorCode, float64Block, boolBlock, objectBlock } from '@petrel/spi';
import type { RowExpression, SpecialFormExpression, CallExpression } from '../../ir/row-expression.js';
import type { FunctionBinding } from './function-binding.js';
import type { ResolvedFunction } from '../../function/resolved-function.js';
import { isTryCatchable } from './function-binding.js';
import { ExpressionInterpreter, sqlCompare } from './interpreter.js';
import { compareStrings } from '../ordering/value-ordering.js';
import { columnLayoutOf } from '../block/column-layout.js';

/**
 * Compiles filters and projections over pages into JavaScript loops over the blocks' typed
 * arrays (`new Function`). Code is specialized per "shape" of the input blocks (typed array with
 * or without nulls, objects, dictionary, constant), so each generated loop is monomorphic.
 *
 * Values flow as a pair of JS variables: the value and, when it may be NULL, a boolean null flag,
 * so numbers stay unboxed. Operators on numeric types are inlined where the result is provably
 * the same as the function library's: double arithmetic and comparisons, integer arithmetic with
 * a range check that falls back to the exact implementation.
 */

/** How a channel's block is read in generated code. */
type Shape = 'N' | 'n' | 'B' | 'b' | 'O' | 'D' | 'C' | 'G';

function shapeOf(block: Block): Shape {
  switch (block.kind) {
    case 'float64':
    case 'int32':
      return block.nulls === undefined ? 'N' : 'n';
    case 'bool':
      return block.nulls === undefined ? 'B' : 'b';
    case 'object':
      return 'O';
    case 'dictionary':
      return 'D';
    case 'rle':
      return 'C';
    case 'int64':
      return 'G';
    default:
      return assertNever(block, 'block');
  }
}

interface Value {
  /** JS expression (usually a variable) holding the value when not null. */
  readonly v: string;
  /** JS expression that is true when the value is NULL, or undefined when never NULL. */
  readonly n: string | undefined;
  /** Statically a JS number (never a bigint). */
  readonly num: boolean;
  /** Evaluating it can neither throw nor have side effects (eligible for eager evaluation). */
  readonly pure: boolean;
}

export interface CompiledFilter {
  /** Positions (in `positions` order, or 0..count-1) where the predicate is TRUE, written to `out`; returns how many. */
  (blocks: readonly Block[], positions: Int32Array | undefined, count: number, out: Int32Array): number;
}

export interface CompiledProjection {
  /** Evaluates the projection at the given positions (or 0..count-1) into a new block. */
  (blocks: readonly Block[], positions: Int32Array | undefined, count: number): Block;
}

const INT_RANGES: Partial<Record<SqlType['kind'], readonly [number, number]>> = {
  tinyint: [-128, 127],
  smallint: [-32768, 32767],
  integer: [-2147483648, 2147483647],
};

const NUMERIC_COMPARABLE = new Set<SqlType['kind']>([
  'tinyint',
  'smallint',
  'integer',
  'bigint',
  'real',
  'double',
  'date',
  'interval day to second',
  'interval year to month',
  'decimal',
  'time',
]);

const COMPARISON_OPERATORS: Record<string, string> = {
  $operator$equal: '===',
  $operator$not_equal: '!==',
  $operator$less_than: '<',
  $operator$less_than_or_equal: '<=',
  $operator$greater_than: '>',
  $operator$greater_than_or_equal: '>=',
};

interface Helpers {
  readonly fns: ((...args: SqlValue[]) => SqlValue)[];
  readonly consts: SqlValue[];
  readonly fallbacks: ((blocks: readonly Block[], p: number) => SqlValue)[];
  readonly sets: Set<unknown>[];
  readonly getValue: typeof getValue;
  readonly decode: (block: Block) => SqlValue[];
  readonly compareStrings: typeof compareStrings;
  readonly sqlCompare: typeof sqlCompare;
  readonly isTryCatchable: typeof isTryCatchable;
  readonly rangeError: () => never;
  readonly float64Block: typeof float64Block;
  readonly boolBlock: typeof boolBlock;
  readonly objectBlock: typeof objectBlock;
}

const dictionaryCache = new WeakMap<Block, SqlValue[]>();
function decodeDictionary(block: Block): SqlValue[] {
  if (block.kind !== 'dictionary') return [];
  let values = dictionaryCache.get(block.dictionary);
  if (values === undefined) {
    const d = block.dictionary;
    const n = d.kind === 'object' ? d.values.length : d.kind === 'rle' ? 1 : d.kind === 'dictionary' ? d.ids.length : d.values.length;
    values = new Array<SqlValue>(n);
    for (let i = 0; i < n; i++) values[i] = getValue(d, i);
    dictionaryCache.set(block.dictionary, values);
  }
  return values;
}

/** Generates code for expressions over a fixed input layout and block shapes. */
class CodeGenerator {
  private temp = 0;
  readonly helpers: Helpers;
  private readonly usedChannels = new Set<number>();

  constructor(
    private readonly binding: FunctionBinding,
    private readonly interpreter: ExpressionInterpreter,
    private readonly layout: ReadonlyMap<string, number>,
    private readonly shapes: readonly Shape[],
  ) {
    this.helpers = {
      fns: [],
      consts: [],
      fallbacks: [],
      sets: [],
      getValue,
      decode: decodeDictionary,
      compareStrings,
      sqlCompare,
      isTryCatchable,
      rangeError: () => {
        throw new TrinoError(StandardErrorCode.NUMERIC_VALUE_OUT_OF_RANGE, 'Value out of range');
      },
      float64Block,
      boolBlock,
      objectBlock,
    };
  }

  private t(): string {
    return `t${this.temp++}`;
  }

  /** Declarations reading the channels used, placed before the loop. */
  prologue(): string {
    const lines: string[] = [];
    for (const c of this.usedChannels) {
      const shape = this.shapes[c]!;
      lines.push(`const blk${c} = blocks[${c}];`);
      switch (shape) {
        case 'N':
        case 'B':
          lines.push(`const a${c} = blk${c}.values;`);
          break;
        case 'n':
        case 'b':
          lines.push(`const a${c} = blk${c}.values; const m${c} = blk${c}.nulls;`);
          break;
        case 'O':
          lines.push(`const a${c} = blk${c}.values;`);
          break;
        case 'D':
          lines.push(`const a${c} = h.decode(blk${c}); const i${c} = blk${c}.ids;`);
          break;
        case 'C':
          lines.push(`const k${c} = h.getValue(blk${c}.value, 0);`);
          break;
        case 'G':
          break;
        default:
          assertNever(shape, 'shape');
      }
    }
    return lines.join('\n');
  }

  private constantRef(value: SqlValue): string {
    if (value === null) return 'null';
    if (typeof value === 'number') {
      if (Number.isFinite(value) && !Object.is(value, -0)) return `(${String(value)})`;
    }
    if (typeof value === 'boolean') return String(value);
    if (typeof value === 'string') return JSON.stringify(value);
    this.helpers.consts.push(value);
    return `h.consts[${this.helpers.consts.length - 1}]`;
  }

  private fallback(expression: RowExpression, out: string[]): Value {
    const interpreter = this.interpreter;
    const layout = this.layout;
    const index = this.helpers.fallbacks.length;
    this.helpers.fallbacks.push((blocks, p) =>
      interpreter.evaluate(expression, (name) => {
        const c = layout.get(name);
        if (c === undefined) throw new TrinoError(StandardErrorCode.GENERIC_INTERNAL_ERROR, `Unknown symbol ${name}`);
        return getValue(blocks[c]!, p);
      }),
    );
    const v = this.t();
    out.push(`const ${v} = h.fallbacks[${index}](blocks, p);`);
    return { v, n: `${v} === null`, num: false, pure: false };
  }

  generate(e: RowExpression, out: string[]): Value {
    switch (e.kind) {
      case 'constant': {
        if (e.value === null) return { v: 'null', n: 'true', num: false, pure: true };
        return { v: this.constantRef(e.value), n: undefined, num: typeof e.value === 'number', pure: true };
      }
      case 'variable':
        return this.readVariable(e.name, e.type, out);
      case 'call':
        return this.generateCall(e, out);
      case 'cast':
        return this.generateCast(e, out);
      case 'special':
        return this.generateSpecial(e, out);
      case 'lambda':
        return this.fallback(e, out);
      default:
        return assertNever(e, 'expression');
    }
  }

  private readVariable(name: string, type: SqlType, out: string[]): Value {
    const c = this.layout.get(name);
    if (c === undefined) throw new TrinoError(StandardErrorCode.GENERIC_INTERNAL_ERROR, `Unknown symbol ${name}`);
    this.usedChannels.add(c);
    const shape = this.shapes[c]!;
    const v = this.t();
    const isNumberType = columnLayoutOf(type) === 'number';
    switch (shape) {
      case 'N':
        out.push(`const ${v} = a${c}[p];`);
        return { v, n: undefined, num: true, pure: true };
      case 'n':
        out.push(`const ${v}n = m${c}[p] === 1; const ${v} = a${c}[p];`);
        return { v, n: `${v}n`, num: true, pure: true };
      case 'B':
        out.push(`const ${v} = a${c}[p] === 1;`);
        return { v, n: undefined, num: false, pure: true };
      case 'b':
        out.push(`const ${v}n = m${c}[p] === 1; const ${v} = a${c}[p] === 1;`);
        return { v, n: `${v}n`, num: false, pure: true };
      case 'O':
        out.push(`const ${v} = a${c}[p];`);
        return { v, n: `${v} === null`, num: false, pure: true };
      case 'D':
        out.push(`const ${v} = a${c}[i${c}[p]];`);
        return { v, n: `${v} === null`, num: false, pure: true };
      case 'C':
        out.push(`const ${v} = k${c};`);
        return { v, n: `${v} === null`, num: false, pure: true };
      case 'G':
        out.push(`const ${v} = h.getValue(blk${c}, p);`);
        return { v, n: `${v} === null`, num: isNumberType && type.kind !== 'bigint' && type.kind !== 'decimal', pure: true };
      default:
        return assertNever(shape, 'shape');
    }
  }

  /** `cond ? a : b` null flags: combines the null flags of several values (undefined = never null). */
  private anyNull(values: readonly Value[]): string | undefined {
    const flags = values.map((x) => x.n).filter((x): x is string => x !== undefined);
    if (flags.includes('true')) return 'true';
    return flags.length === 0 ? undefined : flags.map((f) => `(${f})`).join(' || ');
  }

  private generateCall(e: CallExpression, out: string[]): Value {
    const fn = e.function;
    const args = e.arguments.map((a) => this.generate(a, out));
    const argTypes = e.arguments.map((a) => a.type);
    const inline = fn.nullOnNullInput ? this.inlineOperator(fn, argTypes, e.type, args, out) : undefined;
    if (inline !== undefined) return inline;
    // generic call
    const impl = this.binding.scalar(fn);
    this.helpers.fns.push(impl);
    const f = `h.fns[${this.helpers.fns.length - 1}]`;
    const r = this.t();
    const argList = args.map((a) => (a.n === undefined ? a.v : `(${a.n} ? null : ${a.v})`)).join(', ');
    if (fn.nullOnNullInput) {
      const nullFlag = this.anyNull(args);
      if (nullFlag === 'true') return { v: 'null', n: 'true', num: false, pure: true };
      if (nullFlag === undefined) {
        out.push(`let ${r} = ${f}(${args.map((a) => a.v).join(', ')}); if (${r} === undefined) ${r} = null;`);
      } else {
        out.push(`let ${r} = null; if (!(${nullFlag})) { ${r} = ${f}(${args.map((a) => a.v).join(', ')}); if (${r} === undefined) ${r} = null; }`);
      }
    } else {
      out.push(`let ${r} = ${f}(${argList}); if (${r} === undefined) ${r} = null;`);
    }
    return { v: r, n: `${r} === null`, num: false, pure: false };
  }

  /** Inlined operator fast paths; undefined when the call must go to the implementation. */
  private inlineOperator(fn: ResolvedFunction, argTypes: readonly SqlType[], returnType: SqlType, args: readonly Value[], out: string[]): Value | undefined {
    const name = fn.name;
    if (args.length === 2 && argTypes[0]!.kind === argTypes[1]!.kind) {
      const kind = argTypes[0]!.kind;
      const [a, b] = args as [Value, Value];
      const nullFlag = this.anyNull(args);
      if (nullFlag === 'true') return { v: 'null', n: 'true', num: false, pure: true };
      const cmp = COMPARISON_OPERATORS[name];
      if (cmp !== undefined) {
        const r = this.t();
        if (NUMERIC_COMPARABLE.has(kind) || kind === 'boolean') {
          const op = cmp;
          if (kind === 'boolean' && op !== '===' && op !== '!==') {
            out.push(`const ${r} = (${a.v} ? 1 : 0) ${op} (${b.v} ? 1 : 0);`);
          } else if ((kind === 'bigint' || kind === 'decimal') && (op === '===' || op === '!==') && !(a.num && b.num)) {
            out.push(`const ${r} = ${a.v} ${op === '===' ? '==' : '!='} ${b.v};`);
          } else {
            out.push(`const ${r} = ${a.v} ${op} ${b.v};`);
          }
          return { v: r, n: nullFlag, num: false, pure: a.pure && b.pure };
        }
        if (kind === 'varchar') {
          if (op2(cmp)) out.push(`const ${r} = ${a.v} ${cmp} ${b.v};`);
          else if (nullFlag === undefined) out.push(`const ${r} = h.compareStrings(${a.v}, ${b.v}) ${cmp} 0;`);
          else out.push(`const ${r} = (${nullFlag}) ? false : h.compareStrings(${a.v}, ${b.v}) ${cmp} 0;`);
          return { v: r, n: nullFlag, num: false, pure: a.pure && b.pure };
        }
        return undefined;
      }
      const arith = name === '$operator$add' ? '+' : name === '$operator$subtract' ? '-' : name === '$operator$multiply' ? '*' : name === '$operator$divide' ? '/' : name === '$operator$modulus' ? '%' : undefined;
      if (arith === undefined || returnType.kind !== kind) return undefined;
      if (kind === 'double' || kind === 'real') {
        const r = this.t();
        const expr = `${a.v} ${arith} ${b.v}`;
        out.push(`const ${r} = ${kind === 'real' ? `Math.fround(${expr})` : expr};`);
        return { v: r, n: nullFlag, num: true, pure: a.pure && b.pure };
      }
      if (arith === '/' || arith === '%') return undefined;
      const range = INT_RANGES[kind];
      if (range !== undefined || kind === 'bigint') {
        const impl = this.binding.scalar(fn);
        this.helpers.fns.push(impl);
        const f = `h.fns[${this.helpers.fns.length - 1}]`;
        const r = this.t();
        const check = range !== undefined ? `(${r} >= ${range[0]} && ${r} <= ${range[1]})` : `Number.isSafeInteger(${r})`;
        const typeCheck = a.num && b.num ? '' : `typeof ${a.v} === 'number' && typeof ${b.v} === 'number' && `;
        const body = `${r} = ${a.v} ${arith} ${b.v}; if (!(${check})) ${r} = ${f}(${a.v}, ${b.v});`;
        if (nullFlag === undefined) {
          out.push(`let ${r}; if (${typeCheck}true) { ${body} } else ${r} = ${f}(${a.v}, ${b.v});`);
        } else {
          out.push(`let ${r} = 0; if (!(${nullFlag})) { if (${typeCheck}true) { ${body} } else ${r} = ${f}(${a.v}, ${b.v}); }`);
        }
        return { v: r, n: nullFlag, num: range !== undefined, pure: false };
      }
      return undefined;
    }
    if (args.length === 1 && name === '$operator$negate' && returnType.kind === argTypes[0]!.kind) {
      const kind = argTypes[0]!.kind;
      const a = args[0]!;
      if (kind === 'double' || kind === 'real' || (kind === 'bigint' && a.num)) {
        const r = this.t();
        out.push(`const ${r} = -${a.v};`);
        return { v: r, n: a.n, num: true, pure: a.pure };
      }
    }
    return undefined;
  }

  private generateCast(e: RowExpression & { kind: 'cast' }, out: string[]): Value {
    const from = e.argument.type;
    const to = e.type;
    const a = this.generate(e.argument, out);
    if (a.n === 'true') return { v: 'null', n: 'true', num: false, pure: true };
    const widening =
      (from.kind === to.kind && from.kind !== 'varchar' && from.kind !== 'char' && from.kind !== 'decimal' && from.kind !== 'timestamp' && from.kind !== 'time' && from.kind !== 'array' && from.kind !== 'row' && from.kind !== 'map') ||
      (INT_RANGES[from.kind] !== undefined && (INT_RANGES[to.kind] !== undefined && INT_RANGES[to.kind]![1] >= INT_RANGES[from.kind]![1])) ||
      (INT_RANGES[from.kind] !== undefined && (to.kind === 'bigint' || to.kind === 'double')) ||
      (from.kind === 'real' && to.kind === 'double');
    if (widening) return { v: a.v, n: a.n, num: a.num || INT_RANGES[from.kind] !== undefined, pure: a.pure };
    if (from.kind === 'unknown') return { v: 'null', n: 'true', num: false, pure: true };
    const impl = this.binding.cast(from, to);
    this.helpers.fns.push(impl);
    const f = `h.fns[${this.helpers.fns.length - 1}]`;
    const r = this.t();
    const call = e.safe
      ? `try { ${r} = ${f}(${a.v}); if (${r} === undefined) ${r} = null; } catch (err) { if (err && err.errorCode && err.errorCode.type === 'USER_ERROR') ${r} = null; else throw err; }`
      : `${r} = ${f}(${a.v}); if (${r} === undefined) ${r} = null;`;
    if (a.n === undefined) out.push(`let ${r}; ${call}`);
    else out.push(`let ${r} = null; if (!(${a.n})) { ${call} }`);
    return { v: r, n: `${r} === null`, num: false, pure: false };
  }

  /** Generates `e` into a nested block, assigning to outer variables `r`/`rn`. */
  private generateInto(e: RowExpression, r: string, rn: string, out: string[]): Value {
    const inner: string[] = [];
    const x = this.generate(e, inner);
    inner.push(`${r} = ${x.v}; ${rn} = ${x.n ?? 'false'};`);
    out.push(`{ ${inner.join('\n')} }`);
    return x;
  }

  private generateSpecial(e: SpecialFormExpression, out: string[]): Value {
    const args = e.arguments;
    switch (e.form) {
      case 'AND':
      case 'OR': {
        const isAnd = e.form === 'AND';
        // eager, branch-free evaluation when every argument is pure
        const trial: string[] = [];
        const saveTemp = this.temp;
        const values = args.map((a) => this.generate(a, trial));
        if (values.every((x) => x.pure)) {
          out.push(...trial);
          const r = this.t();
          const nullFlag = this.anyNull(values);
          if (nullFlag === undefined) {
            out.push(`const ${r} = (${values.map((x) => `${x.v}`).join(isAnd ? ' & ' : ' | ')}) === 1;`);
            return { v: r, n: undefined, num: false, pure: true };
          }
          // three-valued: AND is false if any non-null false; null if any null; else true
          const decided = values.map((x) => (x.n === undefined ? (isAnd ? `!${x.v}` : `${x.v}`) : isAnd ? `(!(${x.n}) && !${x.v})` : `(!(${x.n}) && ${x.v})`)).join(' || ');
          out.push(`const ${r}d = ${decided}; const ${r}n = !${r}d && (${nullFlag}); const ${r} = ${isAnd ? `!${r}d` : `${r}d`};`);
          return { v: r, n: `${r}n`, num: false, pure: true };
        }
        this.temp = saveTemp;
        const r = this.t();
        out.push(`let ${r} = ${isAnd ? 'true' : 'false'}; let ${r}n = false;`);
        // nested short-circuit: each argument evaluated only while undecided
        let code = '';
        for (let i = args.length - 1; i >= 0; i--) {
          const inner: string[] = [];
          const x = this.generate(args[i]!, inner);
          const decide = isAnd ? `(!(${x.n ?? 'false'}) && !${x.v})` : `(!(${x.n ?? 'false'}) && ${x.v})`;
          inner.push(`if (${decide}) { ${r} = ${isAnd ? 'false' : 'true'}; ${r}n = false; } else { if (${x.n ?? 'false'}) ${r}n = true; ${code} }`);
          code = `{ ${inner.join('\n')} }`;
        }
        out.push(code);
        out.push(`if (${r} === ${isAnd ? 'false' : 'true'}) ${r}n = false;`);
        return { v: r, n: `${r}n`, num: false, pure: false };
      }
      case 'NOT': {
        const a = this.generate(args[0]!, out);
        const r = this.t();
        out.push(`const ${r} = !${a.v};`);
        return { v: r, n: a.n, num: false, pure: a.pure };
      }
      case 'IS_NULL': {
        const a = this.generate(args[0]!, out);
        const r = this.t();
        out.push(`const ${r} = ${a.n ?? 'false'};`);
        return { v: r, n: undefined, num: false, pure: a.pure };
      }
      case 'IF': {
        const c = this.generate(args[0]!, out);
        const r = this.t();
        out.push(`let ${r} = null; let ${r}n = true;`);
        const thenCode: string[] = [];
        this.generateInto(args[1]!, r, `${r}n`, thenCode);
        const elseCode: string[] = [];
        if (args.length > 2) this.generateInto(args[2]!, r, `${r}n`, elseCode);
        out.push(`if (!(${c.n ?? 'false'}) && ${c.v} === true) { ${thenCode.join('\n')} } else { ${elseCode.join('\n')} }`);
        return { v: r, n: `${r}n`, num: false, pure: false };
      }
      case 'SWITCH': {
        const r = this.t();
        out.push(`let ${r} = null; let ${r}n = true;`);
        let code = '';
        for (let i = args.length - 1; i >= 0; i--) {
          const a = args[i]!;
          const inner: string[] = [];
          if (a.kind === 'special' && a.form === 'WHEN') {
            const c = this.generate(a.arguments[0]!, inner);
            const thenCode: string[] = [];
            this.generateInto(a.arguments[1]!, r, `${r}n`, thenCode);
            inner.push(`if (!(${c.n ?? 'false'}) && ${c.v} === true) { ${thenCode.join('\n')} } else { ${code} }`);
          } else {
            this.generateInto(a, r, `${r}n`, inner);
          }
          code = `{ ${inner.join('\n')} }`;
        }
        out.push(code);
        return { v: r, n: `${r}n`, num: false, pure: false };
      }
      case 'WHEN':
        throw new TrinoError(StandardErrorCode.GENERIC_INTERNAL_ERROR, 'WHEN outside SWITCH');
      case 'COALESCE': {
        const r = this.t();
        out.push(`let ${r} = null; let ${r}n = true;`);
        let code = '';
        for (let i = args.length - 1; i >= 0; i--) {
          const inner: string[] = [];
          this.generateInto(args[i]!, r, `${r}n`, inner);
          inner.push(`if (${r}n) { ${code} }`);
          code = `{ ${inner.join('\n')} }`;
        }
        out.push(code);
        return { v: r, n: `${r}n`, num: false, pure: false };
      }
      case 'NULLIF': {
        const a = this.generate(args[0]!, out);
        const b = this.generate(args[1]!, out);
        const eq = this.binding.equality(args[0]!.type);
        this.helpers.fns.push(eq as (...args: SqlValue[]) => SqlValue);
        const f = `h.fns[${this.helpers.fns.length - 1}]`;
        const r = this.t();
        out.push(`const ${r}n = (${a.n ?? 'false'}) || (!(${b.n ?? 'false'}) && ${f}(${a.v}, ${b.v})); const ${r} = ${a.v};`);
        return { v: r, n: `${r}n`, num: false, pure: false };
      }
      case 'IN':
        return this.generateIn(e, out);
      case 'BETWEEN': {
        const v = this.generate(args[0]!, out);
        const lo = this.generate(args[1]!, out);
        const hi = this.generate(args[2]!, out);
        const type = args[0]!.type;
        const r = this.t();
        let ge: string;
        let le: string;
        if (NUMERIC_COMPARABLE.has(type.kind)) {
          ge = `${v.v} >= ${lo.v}`;
          le = `${v.v} <= ${hi.v}`;
        } else {
          this.helpers.consts.push(type as unknown as SqlValue);
          const tref = `h.consts[${this.helpers.consts.length - 1}]`;
          ge = `h.sqlCompare(${tref}, ${v.v}, ${lo.v}) >= 0`;
          le = `h.sqlCompare(${tref}, ${v.v}, ${hi.v}) <= 0`;
        }
        if (v.n === undefined && lo.n === undefined && hi.n === undefined) {
          out.push(`const ${r} = ((${ge}) & (${le})) === 1;`);
          return { v: r, n: undefined, num: false, pure: v.pure && lo.pure && hi.pure };
        }
        out.push(
          `let ${r} = false; let ${r}n = false; if (${v.n ?? 'false'}) { ${r}n = true; } else { const g = (${lo.n ?? 'false'}) ? null : (${ge}); const l = (${hi.n ?? 'false'}) ? null : (${le}); if (g === false || l === false) ${r} = false; else if (g === null || l === null) ${r}n = true; else ${r} = true; }`,
        );
        return { v: r, n: `${r}n`, num: false, pure: v.pure && lo.pure && hi.pure };
      }
      case 'DEREFERENCE': {
        const row = this.generate(args[0]!, out);
        const index = args[1]!.kind === 'constant' ? Number(args[1]!.value) : NaN;
        if (!Number.isInteger(index)) return this.fallback(e, out);
        const r = this.t();
        out.push(`let ${r} = null; if (!(${row.n ?? 'false'})) { ${r} = ${row.v}[${index}]; if (${r} === undefined) ${r} = null; }`);
        return { v: r, n: `${r} === null`, num: false, pure: row.pure };
      }
      case 'ROW_CONSTRUCTOR':
      case 'ARRAY_CONSTRUCTOR': {
        const values = args.map((a) => this.generate(a, out));
        const r = this.t();
        out.push(`const ${r} = [${values.map((x) => (x.n === undefined ? x.v : `(${x.n}) ? null : ${x.v}`)).join(', ')}];`);
        return { v: r, n: undefined, num: false, pure: values.every((x) => x.pure) };
      }
      case 'TRY': {
        const r = this.t();
        out.push(`let ${r} = null; let ${r}n = true;`);
        const inner: string[] = [];
        this.generateInto(args[0]!, r, `${r}n`, inner);
        out.push(`try { ${inner.join('\n')} } catch (err) { if (h.isTryCatchable(err)) { ${r} = null; ${r}n = true; } else throw err; }`);
        return { v: r, n: `${r}n`, num: false, pure: false };
      }
      case 'BIND':
        return this.fallback(e, out);
      default:
        return assertNever(e.form, 'special form');
    }
  }

  private generateIn(e: SpecialFormExpression, out: string[]): Value {
    const args = e.arguments;
    const type = args[0]!.type;
    const v = this.generate(args[0]!, out);
    const candidates = args.slice(1);
    const setFriendly = NUMERIC_COMPARABLE.has(type.kind) || type.kind === 'varchar' || type.kind === 'boolean';
    const r = this.t();
    if (setFriendly && candidates.every((c) => c.kind === 'constant' && c.value !== null)) {
      const set = new Set<unknown>(candidates.map((c) => (c as { value: SqlValue }).value));
      const nanGuard = type.kind === 'double' || type.kind === 'real' ? `${v.v} === ${v.v} && ` : '';
      if (set.size <= 4) {
        const list = [...set].map((x) => this.constantRef(x as SqlValue));
        const eqOp = type.kind === 'bigint' || type.kind === 'decimal' ? '==' : '===';
        out.push(`const ${r} = ${list.map((c) => `${v.v} ${eqOp} ${c}`).join(' || ')};`);
      } else {
        this.helpers.sets.push(set);
        out.push(`const ${r} = ${nanGuard}h.sets[${this.helpers.sets.length - 1}].has(${v.v});`);
      }
      return { v: r, n: v.n, num: false, pure: v.pure };
    }
    const eq = this.binding.equality(type);
    this.helpers.fns.push(eq as (...args: SqlValue[]) => SqlValue);
    const f = `h.fns[${this.helpers.fns.length - 1}]`;
    out.push(`let ${r} = false; let ${r}n = false;`);
    const inner: string[] = [];
    let code = '';
    for (let i = candidates.length - 1; i >= 0; i--) {
      const block: string[] = [];
      const c = this.generate(candidates[i]!, block);
      block.push(`if (${c.n ?? 'false'}) { ${r}n = true; ${code} } else if (${f}(${v.v}, ${c.v})) { ${r} = true; ${r}n = false; } else { ${code} }`);
      code = `{ ${block.join('\n')} }`;
    }
    inner.push(code);
    out.push(`if (${v.n ?? 'false'}) { ${r}n = true; } else { ${inner.join('\n')} }`);
    return { v: r, n: `${r}n`, num: false, pure: false };
  }
}

/** Hoists `h.fns[3]`-style helper lookups out of the loop into constants. */
function hoistHelpers(source: string): string {
  const refs = new Set<string>();
  const body = source.replace(/h\.(fns|consts|fallbacks|sets)\[(\d+)\]/g, (_m, kind: string, index: string) => {
    const name = `h_${kind}_${index}`;
    refs.add(`const ${name} = h.${kind}[${index}];`);
    return name;
  });
  return [...refs].join('\n') + '\n' + body;
}

function op2(cmp: string): boolean {
  return cmp === '===' || cmp === '!==';
}

const MAX_SHAPE_VARIANTS = 16;

/**
 * Compiles one filter predicate and a list of projections against an input layout. Generated
 * code is cached per block-shape signature.
 */
export class ExpressionCompiler {
  private readonly interpreter: ExpressionInterpreter;

  constructor(private readonly binding: FunctionBinding) {
    this.interpreter = new ExpressionInterpreter(binding);
  }

  compileFilter(predicate: RowExpression, layout: ReadonlyMap<string, number>): CompiledFilter {
    const cache = new Map<string, CompiledFilter>();
    const channels = referencedChannels(predicate, layout);
    return (blocks, positions, count, out) => {
      const key = shapeKey(blocks, channels);
      let fn = cache.get(key);
      if (fn === undefined) {
        fn = this.buildFilter(predicate, layout, blocks.map(shapeOf));
        if (cache.size < MAX_SHAPE_VARIANTS) cache.set(key, fn);
      }
      return fn(blocks, positions, count, out);
    };
  }

  compileProjection(expression: RowExpression, layout: ReadonlyMap<string, number>): CompiledProjection {
    const cache = new Map<string, CompiledProjection>();
    const channels = referencedChannels(expression, layout);
    return (blocks, positions, count) => {
      const key = shapeKey(blocks, channels);
      let fn = cache.get(key);
      if (fn === undefined) {
        fn = this.buildProjection(expression, layout, blocks.map(shapeOf));
        if (cache.size < MAX_SHAPE_VARIANTS) cache.set(key, fn);
      }
      return fn(blocks, positions, count);
    };
  }

  /** The generated source of a filter for the given shapes (for tests and debugging). */
  filterSource(predicate: RowExpression, layout: ReadonlyMap<string, number>, blocks: readonly Block[]): string {
    return this.generateFilterSource(new CodeGenerator(this.binding, this.interpreter, layout, blocks.map(shapeOf)), predicate);
  }

  private generateFilterSource(gen: CodeGenerator, predicate: RowExpression): string {
    const body: string[] = [];
    const x = gen.generate(predicate, body);
    const pass = x.n === undefined ? `${x.v} === true` : `!(${x.n}) && ${x.v} === true`;
    return `${gen.prologue()}
let k = 0;
if (positions === undefined) {
  for (let p = 0; p < count; p++) { ${body.join('\n')}
    out[k] = p; k += (${pass}) ? 1 : 0; }
} else {
  for (let i = 0; i < count; i++) { const p = positions[i]; ${body.join('\n')}
    out[k] = p; k += (${pass}) ? 1 : 0; }
}
return k;`;
  }

  private buildFilter(predicate: RowExpression, layout: ReadonlyMap<string, number>, shapes: readonly Shape[]): CompiledFilter {
    const gen = new CodeGenerator(this.binding, this.interpreter, layout, shapes);
    const source = hoistHelpers(this.generateFilterSource(gen, predicate));
    const factory = new Function('h', `return function filter(blocks, positions, count, out) {\n${source}\n};`) as (h: Helpers) => CompiledFilter;
    return factory(gen.helpers);
  }

  private buildProjection(expression: RowExpression, layout: ReadonlyMap<string, number>, shapes: readonly Shape[]): CompiledProjection {
    const gen = new CodeGenerator(this.binding, this.interpreter, layout, shapes);
    const body: string[] = [];
    const x = gen.generate(expression, body);
    const columnLayout = columnLayoutOf(expression.type);
    let alloc: string;
    let store: string;
    let finish: string;
    const nullStore = x.n === undefined ? '' : `if (${x.n}) { if (nulls === undefined) nulls = new Uint8Array(count); nulls[i] = 1; } else `;
    if (columnLayout === 'number') {
      alloc = `const values = new Float64Array(count); let nulls; let objects;`;
      store = x.num
        ? `${nullStore}values[i] = ${x.v};`
        : `${nullStore}if (typeof ${x.v} === 'number') values[i] = ${x.v}; else { if (objects === undefined) objects = new Map(); objects.set(i, ${x.v}); }`;
      finish = `if (objects !== undefined) { const arr = new Array(count); for (let j = 0; j < count; j++) arr[j] = nulls !== undefined && nulls[j] === 1 ? null : (objects.has(j) ? objects.get(j) : values[j]); return h.objectBlock(arr); }
return h.float64Block(values, nulls);`;
    } else if (columnLayout === 'boolean') {
      alloc = `const values = new Uint8Array(count); let nulls;`;
      store = `${nullStore}values[i] = ${x.v} ? 1 : 0;`;
      finish = `return h.boolBlock(values, nulls);`;
    } else {
      alloc = `const values = new Array(count);`;
      store = x.n === undefined ? `values[i] = ${x.v};` : `values[i] = (${x.n}) ? null : ${x.v};`;
      finish = `return h.objectBlock(values);`;
    }
    const source = `${gen.prologue()}
${alloc}
if (positions === undefined) {
  for (let p = 0; p < count; p++) { const i = p; ${body.join('\n')}
    ${store} }
} else {
  for (let i = 0; i < count; i++) { const p = positions[i]; ${body.join('\n')}
    ${store} }
}
${finish}`;
    const factory = new Function('h', `return function project(blocks, positions, count) {\n${hoistHelpers(source)}\n};`) as (h: Helpers) => CompiledProjection;
    return factory(gen.helpers);
  }
}

function referencedChannels(e: RowExpression, layout: ReadonlyMap<string, number>): number[] {
  const names = new Set<string>();
  const visit = (x: RowExpression, bound: ReadonlySet<string>): void => {
    switch (x.kind) {
      case 'constant':
        return;
      case 'variable':
        if (!bound.has(x.name)) names.add(x.name);
        return;
      case 'call':
        x.arguments.forEach((a) => visit(a, bound));
        return;
      case 'cast':
        visit(x.argument, bound);
        return;
      case 'special':
        x.arguments.forEach((a) => visit(a, bound));
        return;
      case 'lambda': {
        const inner = new Set(bound);
        for (const p of x.parameters) inner.add(p.name);
        visit(x.body, inner);
        return;
      }
      default:
        assertNever(x, 'expression');
    }
  };
  visit(e, new Set());
  const channels: number[] = [];
  for (const n of names) {
    const c = layout.get(n);
    if (c !== undefined) channels.push(c);
  }
  return channels.sort((a, b) => a - b);
}

function shapeKey(blocks: readonly Block[], channels: readonly number[]): string {
  let key = '';
  for (const c of channels) key += shapeOf(blocks[c]!);
  return key;
}
