import type { Statement } from '@petrel/sql';
import { parseStatement } from '@petrel/sql';
import { createFunctionRegistry } from '../../function/create-function-registry.js';
import type { FunctionRegistry } from '../../function/function-registry.js';
import { createSession } from '../../session/session.js';
import type { Session } from '../../session/session.js';
import { formatPlan } from '../explain/format-plan.js';
import { optimize } from '../optimizer/optimizer.js';
import type { PlanOptimizer } from '../optimizer/optimizer-context.js';
import type { PlanNode } from '../plan/plan-node.js';
import { planSources } from '../plan/plan-sources.js';
import { planQueryLogical } from '../plan-statement.js';
import type { PlannerContext } from '../planner-context.js';
import { createTestMetadata } from './test-metadata.js';
import type { MetadataManager } from '../../metadata/metadata-manager.js';

/** Helpers shared by planner tests: a context over test tables, planning SQL, and compact plan shapes. */
export interface TestContextOptions {
  readonly session?: Partial<Session>;
  readonly pushdown?: boolean;
  readonly metadata?: MetadataManager;
}

let registry: FunctionRegistry | undefined;

export function testContext(options: TestContextOptions = {}): PlannerContext {
  const functions = (registry ??= createFunctionRegistry());
  return {
    queryId: 'test',
    session: createSession({ catalog: 'tpch', schema: 'sf1', ...options.session }),
    metadata: options.metadata ?? createTestMetadata({ pushdown: options.pushdown }),
    functions,
    parameters: [],
  };
}

export function parse(sql: string): Statement {
  return parseStatement(sql);
}

/** Plans `sql` and applies `rules` (all rules when undefined). */
export async function planWith(sql: string, rules: readonly PlanOptimizer[] | undefined, context: PlannerContext = testContext()): Promise<PlanNode> {
  const statement = parseStatement(sql);
  if (statement.kind !== 'Query') throw new Error('not a query');
  const { planner, root } = await planQueryLogical(statement, context);
  return optimize(root, context, planner.ids, planner.symbols, rules === undefined ? {} : { rules });
}

/** A compact rendering of a plan's shape: `kind[detail](children...)`. */
export function shape(node: PlanNode): string {
  const children = planSources(node).map(shape);
  let detail = '';
  switch (node.kind) {
    case 'tableScan':
      detail = node.table.table;
      break;
    case 'join':
      detail = `${node.joinType}${node.criteria.length > 0 ? ` ${node.criteria.map((c) => `${c.left.name}=${c.right.name}`).join(',')}` : ''}${node.filter ? ' +filter' : ''}`;
      break;
    case 'aggregation':
      detail = `${node.step}${node.groupingKeys.length > 0 ? ` ${node.groupingKeys.map((k) => k.name).join(',')}` : ''}`;
      break;
    case 'topN':
    case 'limit':
      detail = String(node.count);
      break;
    case 'exchange':
      detail = node.exchangeType;
      break;
    case 'output':
    case 'values':
    case 'filter':
    case 'project':
    case 'groupId':
    case 'markDistinct':
    case 'semiJoin':
    case 'sort':
    case 'offset':
    case 'distinctLimit':
    case 'window':
    case 'union':
    case 'intersect':
    case 'except':
    case 'unnest':
    case 'enforceSingleRow':
    case 'assignUniqueId':
    case 'apply':
    case 'correlatedJoin':
    case 'sample':
    case 'rowNumber':
    case 'topNRanking':
    case 'tableFunction':
    case 'tableWriter':
    case 'tableFinish':
    case 'tableDelete':
    case 'remoteSource':
    case 'explainAnalyze':
      break;
  }
  return `${node.kind}${detail ? `[${detail}]` : ''}${children.length > 0 ? `(${children.join(', ')})` : ''}`;
}

export function explain(node: PlanNode): string {
  return formatPlan(node, { type: 'LOGICAL', format: 'TEXT' });
}

export function countNodes(node: PlanNode, predicate: (n: PlanNode) => boolean): number {
  return (predicate(node) ? 1 : 0) + planSources(node).reduce((a, s) => a + countNodes(s, predicate), 0);
}
