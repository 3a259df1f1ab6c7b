export { planStatement, planInsertInto, analyzeQueryColumns, planQueryLogical, beginPlannedInserts, PENDING_INSERT_HANDLE, describeParameterTypes } from './plan-statement.js';
export { dataTypeToSqlType } from '../sql/analyzer/data-type-to-sql-type.js';
export { formatPlan } from './explain/format-plan.js';
export type { FormatPlanOptions } from './explain/format-plan.js';
export { formatExpression } from './explain/format-expression.js';
export { fragmentPlan } from './fragmenter/fragment-plan.js';
export type { PlanFragment } from './plan/plan-fragment.js';
export { optimize, LOGICAL_RULES, PHYSICAL_RULES } from './optimizer/optimizer.js';
export { planSources, replaceSources } from './plan/plan-sources.js';
