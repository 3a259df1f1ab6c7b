import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Block, SqlType, SqlValue } from '@petrel/spi';
import { BIGINT, BOOLEAN, DOUBLE, INTEGER, VARCHAR, TrinoError, dictionaryBlock, getValue, objectBlock, runLengthBlock, blockPositionCount } from '@petrel/spi';
import type { RowExpression } from '../../ir/row-expression.js';
import { call, cast, constant, special, variable } from '../../ir/row-expression.js';
import { ExpressionCompiler } from './expression-compiler.js';
import { ExpressionInterpreter } from './interpreter.js';
import { FunctionBinding } from './function-binding.js';
import { blockOf } from '../block/block-builder.js';
import { functions, FUNCTION_CONTEXT } from '../testing/execution-test-support.js';

const binding = new FunctionBinding(functions(), FUNCTION_CONTEXT);
const compiler = new ExpressionCompiler(binding);
const interpreter = new ExpressionInterpreter(binding);

/** A small deterministic PRNG so failures reproduce. */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 4294967296;
  };
}

const COLUMNS: { name: string; type: SqlType }[] = [
  { name: 'i', type: BIGINT },
  { name: 'j', type: BIGINT },
  { name: 'x', type: DOUBLE },
  { name: 'y', type: DOUBLE },
  { name: 'b', type: BOOLEAN },
  { name: 's', type: VARCHAR },
  { name: 'n', type: INTEGER },
];

function randomValue(type: SqlType, r: () => number): SqlValue {
  if (r() < 0.15) return null;
  const kind: string = type.kind;
  switch (kind) {
    case 'bigint': {
      const pick = r();
      if (pick < 0.1) return 9007199254740991;
      if (pick < 0.15) return -9007199254740991;
      if (pick < 0.2) return 9223372036854775807n;
      return Math.floor(r() * 200) - 100;
    }
    case 'integer':
      return r() < 0.1 ? 2147483647 : Math.floor(r() * 200) - 100;
    case 'double':
      return r() < 0.05 ? NaN : Math.round((r() * 200 - 100) * 4) / 4;
    case 'boolean':
      return r() < 0.5;
    case 'varchar':
      return ['a', 'b', 'ab', '', 'zz', '\u{1F600}'][Math.floor(r() * 6)]!;
    default:
      return null;
  }
}

function randomExpression(type: SqlType, depth: number, r: () => number): RowExpression {
  const leaf = depth <= 0 || r() < 0.25;
  if (leaf) {
    const candidates = COLUMNS.filter((c) => c.type.kind === type.kind);
    if (candidates.length > 0 && r() < 0.7) {
      const c = candidates[Math.floor(r() * candidates.length)]!;
      return variable(c.name, c.type);
    }
    return constant(randomValue(type, r), type);
  }
  const sub = (t: SqlType): RowExpression => randomExpression(t, depth - 1, r);
  const f = functions();
  const kind: string = type.kind;
  switch (kind) {
    case 'boolean': {
      const choice = Math.floor(r() * 9);
      const operand: SqlType = [BIGINT, DOUBLE, VARCHAR, INTEGER][Math.floor(r() * 4)]!;
      const ops = ['equal', 'not_equal', 'less_than', 'less_than_or_equal', 'greater_than', 'greater_than_or_equal'] as const;
      switch (choice) {
        case 0:
        case 1:
          return call(f.resolveOperator(ops[Math.floor(r() * ops.length)]!, [operand, operand]), [sub(operand), sub(operand)]);
        case 2:
          return special('AND', BOOLEAN, [sub(BOOLEAN), sub(BOOLEAN), sub(BOOLEAN)]);
        case 3:
          return special('OR', BOOLEAN, [sub(BOOLEAN), sub(BOOLEAN)]);
        case 4:
          return special('NOT', BOOLEAN, [sub(BOOLEAN)]);
        case 5:
          return special('IS_NULL', BOOLEAN, [sub(operand)]);
        case 6:
          return special('IN', BOOLEAN, [sub(operand), sub(operand), sub(operand), sub(operand)]);
        case 7:
          return special('BETWEEN', BOOLEAN, [sub(operand), sub(operand), sub(operand)]);
        default:
          return special('IN', BOOLEAN, [sub(operand), ...[1, 2, 3, 4, 5, 6].map(() => constant(randomValue(operand, r) ?? randomValue(operand, r), operand))].filter((e) => !(e.kind === 'constant' && e.value === null)) as RowExpression[]);
      }
    }
    case 'bigint':
    case 'double':
    case 'integer': {
      const choice = Math.floor(r() * 8);
      const arith = ['add', 'subtract', 'multiply', 'divide', 'modulus'] as const;
      switch (choice) {
        case 0:
        case 1:
        case 2:
          return call(f.resolveOperator(arith[Math.floor(r() * 3)]!, [type, type]), [sub(type), sub(type)]);
        case 3:
          return special('TRY', type, [call(f.resolveOperator(arith[Math.floor(r() * arith.length)]!, [type, type]), [sub(type), sub(type)])]);
        case 4:
          return special('IF', type, [sub(BOOLEAN), sub(type), sub(type)]);
        case 5:
          return special('COALESCE', type, [sub(type), sub(type), sub(type)]);
        case 6:
          return special('SWITCH', type, [special('WHEN', type, [sub(BOOLEAN), sub(type)]), special('WHEN', type, [sub(BOOLEAN), sub(type)]), sub(type)]);
        default:
          return special('NULLIF', type, [sub(type), sub(type)]);
      }
    }
    case 'varchar':
      return r() < 0.5 ? special('COALESCE', VARCHAR, [sub(VARCHAR), sub(VARCHAR)]) : cast(sub(BIGINT), VARCHAR);
    default:
      return constant(null, type);
  }
}

/** Input blocks of varied layouts for the same values. */
function randomBlocks(rows: number, r: () => number): { blocks: Block[]; values: SqlValue[][] } {
  const values = COLUMNS.map((c) => Array.from({ length: rows }, () => randomValue(c.type, r)));
  const blocks = COLUMNS.map((c, i) => {
    const v = values[i]!;
    const layout = r();
    if (layout < 0.2) return objectBlock(v);
    if (layout < 0.3) {
      const dict = blockOf(c.type, v);
      const ids = Int32Array.from({ length: rows }, (_, p) => p);
      return dictionaryBlock(dict, ids);
    }
    if (layout < 0.35) {
      values[i] = new Array<SqlValue>(rows).fill(v[0] ?? null);
      return runLengthBlock(blockOf(c.type, [v[0] ?? null]), rows);
    }
    return blockOf(c.type, v);
  });
  return { blocks, values };
}

function evaluateReference(e: RowExpression, values: SqlValue[][], row: number): { value?: SqlValue; error?: string } {
  try {
    return {
      value: interpreter.evaluate(e, (name) => values[COLUMNS.findIndex((c) => c.name === name)]![row] ?? null),
    };
  } catch (error) {
    return { error: error instanceof TrinoError ? error.errorName : String(error) };
  }
}

function same(a: SqlValue, b: SqlValue): boolean {
  if (typeof a === 'number' && typeof b === 'number') return Object.is(a, b) || a === b || (a !== a && b !== b);
  return a === b || JSON.stringify(a, (_k, v: unknown) => (typeof v === 'bigint' ? `${v}n` : v)) === JSON.stringify(b, (_k, v: unknown) => (typeof v === 'bigint' ? `${v}n` : v));
}

function show(x: unknown): string {
  return JSON.stringify(x, (_k, v: unknown) => (typeof v === 'bigint' ? `${v}n` : v));
}

const layout = new Map(COLUMNS.map((c, i) => [c.name, i]));

describe('expression compiler', () => {
  it('agrees with the interpreter on random expressions and inputs', () => {
    let checked = 0;
    for (const seed of [12345, 777, 4242, 99]) {
    const r = rng(seed);
    for (let iteration = 0; iteration < 200; iteration++) {
      const type = [BOOLEAN, BIGINT, DOUBLE, INTEGER, VARCHAR][iteration % 5]!;
      const expression = randomExpression(type, 4, r);
      const rows = 40;
      const { blocks, values } = randomBlocks(rows, r);
      const reference = Array.from({ length: rows }, (_, p) => evaluateReference(expression, values, p));
      const failing = reference.find((x) => x.error !== undefined);
      const projection = compiler.compileProjection(expression, layout);
      if (failing !== undefined) {
        // the compiled code must fail too (some row raises an error)
        assert.throws(() => projection(blocks, undefined, rows), (e: unknown) => e instanceof TrinoError, show(expression));
        continue;
      }
      const out = projection(blocks, undefined, rows);
      assert.equal(blockPositionCount(out), rows);
      for (let p = 0; p < rows; p++) {
        const actual = getValue(out, p);
        assert.ok(same(actual, reference[p]!.value!), `row ${p}: compiled ${String(actual)} vs interpreted ${String(reference[p]!.value)} for ${show(expression)}`);
        checked++;
      }
      if (type.kind === 'boolean') {
        const filter = compiler.compileFilter(expression, layout);
        const selected = new Int32Array(rows);
        const count = filter(blocks, undefined, rows, selected);
        const expected = reference.map((x, p) => (x.value === true ? p : -1)).filter((p) => p >= 0);
        assert.deepEqual(Array.from(selected.subarray(0, count)), expected);
      }
    }
    }
    assert.ok(checked > 1000, `checked ${checked} values`);
  });

  it('keeps BIGINT exact past 2^53 and fails beyond 64 bits', () => {
    const add = functions().resolveOperator('add', [BIGINT, BIGINT]);
    const e = call(add, [variable('i', BIGINT), variable('j', BIGINT)]);
    const blocks = [blockOf(BIGINT, [9007199254740991, 1, 9223372036854775807n]), blockOf(BIGINT, [1, 2, 1])];
    const l = new Map([
      ['i', 0],
      ['j', 1],
    ]);
    const projection = compiler.compileProjection(e, l);
    assert.throws(() => projection(blocks, undefined, 3), (err: unknown) => err instanceof TrinoError && err.errorName === 'NUMERIC_VALUE_OUT_OF_RANGE');
    const ok = projection(blocks, undefined, 2);
    assert.equal(getValue(ok, 0), 9007199254740992n);
    assert.equal(getValue(ok, 1), 3);
  });

  it('fails INTEGER overflow and catches it under TRY', () => {
    const add = functions().resolveOperator('add', [INTEGER, INTEGER]);
    const e = call(add, [variable('n', INTEGER), constant(1, INTEGER)]);
    const l = new Map([['n', 0]]);
    const blocks = [blockOf(INTEGER, [2147483647])];
    assert.throws(() => compiler.compileProjection(e, l)(blocks, undefined, 1), (err: unknown) => err instanceof TrinoError && err.errorName === 'NUMERIC_VALUE_OUT_OF_RANGE');
    assert.equal(getValue(compiler.compileProjection(special('TRY', INTEGER, [e]), l)(blocks, undefined, 1), 0), null);
  });

  it('generates a branch-free loop for a conjunction of numeric comparisons', () => {
    const ge = functions().resolveOperator('greater_than_or_equal', [DOUBLE, DOUBLE]);
    const lt = functions().resolveOperator('less_than', [DOUBLE, DOUBLE]);
    const e = special('AND', BOOLEAN, [call(ge, [variable('x', DOUBLE), constant(1, DOUBLE)]), call(lt, [variable('x', DOUBLE), constant(5, DOUBLE)])]);
    const blocks = [blockOf(DOUBLE, [0, 1, 4, 5])];
    const source = compiler.filterSource(e, new Map([['x', 0]]), blocks);
    assert.doesNotMatch(source, /h\.fns/);
    assert.match(source, / & /);
  });
});
