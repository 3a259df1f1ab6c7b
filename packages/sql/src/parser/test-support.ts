import assert from 'node:assert/strict';
import { parseStatement } from './parser.js';
import { formatStatement } from '../formatter/format.js';
import { astEquals, stripLocations } from '../tree/ast-equality.js';
import type { Statement } from '../tree/statement.js';

/** Parses, formats and re-parses; asserts the two trees are equal ignoring locations. */
export function assertRoundTrip(sql: string): Statement {
  const statement = parseStatement(sql);
  const formatted = formatStatement(statement);
  let again: Statement;
  try {
    again = parseStatement(formatted);
  } catch (error) {
    assert.fail(`formatted SQL does not parse: ${(error as Error).message}\n${formatted}`);
  }
  if (!astEquals(statement, again)) {
    assert.deepEqual(stripLocations(again), stripLocations(statement), `round trip changed the tree:\n${formatted}`);
  }
  return statement;
}
