import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { BIGINT, BOOLEAN, arrayType, functionType, getValue, objectBlock } from '@petrel/spi';
import type { SqlValue } from '@petrel/spi';
import { call, constant, lambda, special, variable } from '../../ir/row-expression.js';
import type { RowExpression } from '../../ir/row-expression.js';
import { ExpressionCompiler } from './expression-compiler.js';
import { ExpressionInterpreter } from './interpreter.js';
import { FunctionBinding } from './function-binding.js';
import { blockOf } from '../block/block-builder.js';
import { functions, FUNCTION_CONTEXT } from '../testing/execution-test-support.js';

const binding = new FunctionBinding(functions(), FUNCTION_CONTEXT);
const compiler = new ExpressionCompiler(binding);
const interpreter = new ExpressionInterpreter(binding);

function both(e: RowExpression, columns: Record<string, SqlValue[]>, type = e.type): SqlValue[][] {
  const names = Object.keys(columns);
  const layout = new Map(names.map((n, i) => [n, i]));
  const rows = columns[names[0]!]!.length;
  const blocks = names.map((n) => (n.startsWith('o_') ? objectBlock(columns[n]!) : blockOf(type.kind === 'boolean' ? BOOLEAN : BIGINT, columns[n]!)));
  const compiled = compiler.compileProjection(e, layout)(blocks, undefined, rows);
  const out: SqlValue[][] = [];
  for (let p = 0; p < rows; p++) {
    out.push([getValue(compiled, p), interpreter.evaluate(e, (name) => columns[name]![p] ?? null)]);
  }
  return out;
}

describe('special forms', () => {
  it('follow three-valued logic for AND and OR', () => {
    const a: SqlValue[] = [true, true, true, false, false, false, null, null, null];
    const b: SqlValue[] = [true, false, null, true, false, null, true, false, null];
    const and = both(special('AND', BOOLEAN, [variable('a', BOOLEAN), variable('b', BOOLEAN)]), { a, b });
    assert.deepEqual(and.map((r) => r[0]), [true, false, null, false, false, false, null, false, null]);
    assert.deepEqual(and.map((r) => r[1]), and.map((r) => r[0]));
    const or = both(special('OR', BOOLEAN, [variable('a', BOOLEAN), variable('b', BOOLEAN)]), { a, b });
    assert.deepEqual(or.map((r) => r[0]), [true, true, true, true, false, null, true, null, null]);
    assert.deepEqual(or.map((r) => r[1]), or.map((r) => r[0]));
  });

  it('evaluate lambdas and BIND through the compiled path', () => {
    const arr = arrayType(BIGINT);
    const transform = functions().resolveFunction('transform', [
      { kind: 'value', type: arr },
      { kind: 'lambda', arity: 1, analyzeBody: () => BIGINT },
    ]);
    const add = functions().resolveOperator('add', [BIGINT, BIGINT]);
    const body = call(add, [variable('x', BIGINT), variable('c', BIGINT)]);
    const bound = special('BIND', functionType([BIGINT], BIGINT), [
      variable('n', BIGINT),
      lambda([{ name: 'c', type: BIGINT }, { name: 'x', type: BIGINT }], body, functionType([BIGINT, BIGINT], BIGINT)),
    ]);
    const e = call(transform, [variable('o_arr', arr), bound]);
    const rows = both(e, { n: [10, 20, 1], o_arr: [[1, 2], [3], null] }, arr);
    assert.deepEqual(rows.map((r) => r[0]), [[11, 12], [23], null]);
    assert.deepEqual(rows.map((r) => r[1]), rows.map((r) => r[0]));
  });

  it('evaluates IF, SWITCH, COALESCE, NULLIF and IN with NULLs', () => {
    const x = variable('x', BIGINT);
    const eq = functions().resolveOperator('equal', [BIGINT, BIGINT]);
    const cases: [RowExpression, SqlValue[]][] = [
      [special('IF', BIGINT, [call(eq, [x, constant(1, BIGINT)]), constant(100, BIGINT)]), [100, null, null]],
      [
        special('SWITCH', BIGINT, [special('WHEN', BIGINT, [call(eq, [x, constant(2, BIGINT)]), constant(200, BIGINT)]), constant(0, BIGINT)]),
        [0, 200, 0],
      ],
      [special('COALESCE', BIGINT, [x, constant(7, BIGINT)]), [1, 2, 7]],
      [special('NULLIF', BIGINT, [x, constant(2, BIGINT)]), [1, null, null]],
      [special('IN', BOOLEAN, [x, constant(2, BIGINT), constant(null, BIGINT)]), [null, true, null]],
      [special('IS_NULL', BOOLEAN, [x]), [false, false, true]],
    ];
    for (const [e, expected] of cases) {
      const rows = both(e, { x: [1, 2, null] }, BIGINT);
      assert.deepEqual(rows.map((r) => r[0]), expected, JSON.stringify(e.kind === 'special' ? e.form : e.kind));
      assert.deepEqual(rows.map((r) => r[1]), expected);
    }
  });
});
