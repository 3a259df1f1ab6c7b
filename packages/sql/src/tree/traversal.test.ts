import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { parseStatement } from '../parser/parser.js';
import { childNodes, walkTree } from './traversal.js';
import type { Node } from './node.js';

describe('tree traversal', () => {
  it('visits every node in pre-order and can skip subtrees', () => {
    const statement = parseStatement('SELECT a + 1, (SELECT max(b) FROM u) FROM t GROUP BY GROUPING SETS ((a), ()) ');
    const kinds: string[] = [];
    walkTree(statement, (node: Node) => {
      kinds.push(node.kind);
      return node.kind !== 'SubqueryExpression';
    });
    assert.equal(kinds[0], 'Query');
    assert.ok(kinds.includes('ArithmeticBinaryExpression'));
    assert.ok(kinds.includes('GroupingSets'));
    assert.ok(kinds.includes('SubqueryExpression'));
    assert.ok(!kinds.includes('FunctionCall'), 'the subquery was skipped');
    const all: string[] = [];
    walkTree(statement, (node) => void all.push(node.kind));
    assert.ok(all.includes('FunctionCall'));
    assert.equal(all.filter((kind) => kind === 'Identifier').length, 6);
  });

  it('lists direct children', () => {
    const statement = parseStatement('SELECT 1');
    assert.deepEqual(childNodes(statement).map((node) => node.kind), ['QuerySpecification']);
  });
});
