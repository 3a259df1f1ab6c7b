import { BIGINT, BOOLEAN, INTEGER, TUPLE_DOMAIN_ALL, assertNever, UNKNOWN, isComparableType, isOrderableType, typeDisplayName, typeEquals, varcharType } from '@petrel/spi';
import type { SqlType, ViewDefinition } from '@petrel/spi';
import type {
  Expression,
  FunctionCall,
  GroupBy,
  Join,
  Limit,
  FetchFirst,
  NodeLocation,
  Offset,
  OrderBy,
  Query,
  QueryBody,
  QuerySpecification,
  Relation,
  SelectItem,
  Statement,
  Unnest,
  Values,
  WindowSpecification,
  WithQuery,
} from '@petrel/sql';
import type { LambdaExpression, RowExpression } from '../../ir/row-expression.js';
import { constant, special, variable } from '../../ir/row-expression.js';
import type { QualifiedObjectName } from '../../metadata/metadata.js';
import { ExpressionTranslator, canonicalName, dottedName, functionName } from '../../sql/analyzer/expression-translator.js';
import type { TranslationContext } from '../../sql/analyzer/expression-translator.js';
import { expressionText } from '../../sql/analyzer/expression-text.js';
import { QueryLevel, Scope, field } from '../../sql/analyzer/scope.js';
import type { Field } from '../../sql/analyzer/scope.js';
import { semanticError } from '../../sql/analyzer/semantic-error.js';
import { expressionKey, symbolsIn } from '../plan/row-expression-utils.js';
import type {
  AggregateCall,
  ApplyAssignment,
  FrameBoundType,
  PlanNode,
  SortItem,
  WindowFrame,
  WindowFunctionCall,
} from '../plan/plan-node.js';
import { PlanNodeIdAllocator } from '../plan/plan-node-id-allocator.js';
import { freeSymbols } from '../plan/plan-symbols.js';
import { SymbolAllocator } from '../plan/symbol.js';
import type { Symbol } from '../plan/symbol.js';
import type { PlannedAccess, PlannerContext } from '../planner-context.js';
import { NodeFactory } from './plan-builder.js';
import { planTableFunction } from './table-function-planner.js';

/** A planned relation: its plan and the fields (columns) visible by name, in order. */
export interface RelationPlan {
  readonly root: PlanNode;
  readonly scope: Scope;
}

interface NamedQuery {
  readonly query: WithQuery;
  /** For recursive references: a fixed plan to use instead of planning the query. */
  readonly fixedPlan?: () => Promise<RelationPlan>;
}

class CteScope {
  constructor(
    readonly queries: ReadonlyMap<string, NamedQuery>,
    readonly parent: CteScope | undefined,
  ) {}
  lookup(name: string): NamedQuery | undefined {
    return this.queries.get(name) ?? this.parent?.lookup(name);
  }
}

interface SessionDefaults {
  readonly catalog: string | undefined;
  readonly schema: string | undefined;
}

/** Select list after `*` expansion. */
type SelectEntry =
  | { readonly kind: 'field'; readonly field: Field; readonly name: string; readonly location: NodeLocation }
  | { readonly kind: 'rowField'; readonly base: Expression; readonly index: number; readonly name: string; readonly location: NodeLocation }
  | { readonly kind: 'expression'; readonly expression: Expression; readonly name: string; readonly alias: string | undefined; readonly location: NodeLocation };

/**
 * Analyzes and plans queries: resolves names in scopes, types expressions, checks Trino's
 * semantic rules, and builds the logical plan (subqueries as apply/correlatedJoin nodes for the
 * optimizer to decorrelate).
 */
export class LogicalPlanner {
  readonly symbols = new SymbolAllocator();
  readonly ids = new PlanNodeIdAllocator();
  readonly nodes = new NodeFactory(this.ids, this.symbols);
  readonly translator: ExpressionTranslator;
  private defaults: SessionDefaults;
  private viewDepth = 0;
  /** Views and tables read, with the identity access is checked as (see `PlannedAccess`). */
  readonly access: { views: PlannedAccess['views'][number][]; tables: PlannedAccess['tables'][number][] } = { views: [], tables: [] };
  /** The identity reads are checked as, and the view being expanded (innermost DEFINER view's owner). */
  private accessIdentity: { user: string; view: QualifiedObjectName | undefined };
  /** Positions of parameters used as LIMIT/OFFSET/FETCH row counts (bigint), when inferring parameter types. */
  readonly rowCountParameters = new Set<number>();

  constructor(readonly ctx: PlannerContext) {
    this.translator = new ExpressionTranslator(ctx, this.symbols);
    this.defaults = { catalog: ctx.session.catalog, schema: ctx.session.schema };
    this.accessIdentity = { user: ctx.session.user, view: undefined };
  }

  // ---------------------------------------------------------------- queries

  async planQuery(query: Query, outer: Scope | undefined, ctes: CteScope | undefined, topLevel: boolean): Promise<RelationPlan> {
    if (query.functions.length > 0) throw semanticError('NOT_SUPPORTED', 'Inline functions are not supported', query.location);
    const scope = query.with === undefined ? ctes : await this.withScope(query, ctes);
    const body = query.queryBody;
    const keepOrder = topLevel || query.limit !== undefined || query.offset !== undefined;
    const orderBy = keepOrder ? query.orderBy : undefined;
    if (body.kind === 'QuerySpecification') {
      return this.planQuerySpecification(body, outer, scope, orderBy, query.offset, query.limit, topLevel);
    }
    let plan = await this.planQueryBody(body, outer, scope, topLevel && query.orderBy === undefined && query.limit === undefined);
    if (orderBy !== undefined) {
      const level = new QueryLevel(outer);
      const s = plan.scope.withFields(plan.scope.fields);
      const t: TranslationContext = { scope: new Scope(s.fields, level), clause: 'ORDER BY' };
      const exprs = orderBy.sortItems.map((item) => {
        if (item.sortKey.kind === 'LongLiteral') {
          const f = plan.scope.fields.filter((x) => !x.hidden)[Number(item.sortKey.value) - 1];
          if (f === undefined) throw semanticError('INVALID_COLUMN_REFERENCE', `ORDER BY position ${item.sortKey.value} is not in select list`, item.sortKey.location);
          return variable(f.symbol.name, f.symbol.type);
        }
        return this.translator.translate(item.sortKey, t);
      });
      const projected = this.nodes.appendProjections(plan.root, exprs);
      const sortItems = orderBy.sortItems.map((item, i) => this.sortItem(projected.symbols[i]!, item.ordering, item.nullOrdering, item.location));
      let root: PlanNode = { kind: 'sort', id: this.ids.nextId(), outputs: projected.root.outputs, source: projected.root, orderBy: sortItems, partial: false };
      root = this.planOffsetLimit(root, query.offset, query.limit, sortItems);
      plan = { root: this.nodes.restrict(root, plan.root.outputs), scope: plan.scope };
    } else if (query.offset !== undefined || query.limit !== undefined) {
      plan = { root: this.planOffsetLimit(plan.root, query.offset, query.limit, undefined), scope: plan.scope };
    }
    return plan;
  }

  private async withScope(query: Query, parent: CteScope | undefined): Promise<CteScope> {
    const w = query.with!;
    const map = new Map<string, NamedQuery>();
    let current = parent;
    for (const q of w.queries) {
      const name = canonicalName(q.name);
      if (map.has(name)) throw semanticError('DUPLICATE_NAMED_QUERY', `WITH query name '${q.name.value}' specified more than once`, q.location);
      if (w.recursive && this.isRecursive(q, name)) {
        map.set(name, this.recursiveQuery(q, name, () => current));
      } else {
        map.set(name, { query: q });
      }
      current = new CteScope(new Map(map), parent);
    }
    return new CteScope(map, parent);
  }

  private isRecursive(q: WithQuery, name: string): boolean {
    const body = q.query.queryBody;
    if (body.kind !== 'Union') return false;
    return JSON.stringify(body.right, (k, v) => (k === 'location' ? undefined : v)).toLowerCase().includes(`"value":"${name}"`);
  }

  /**
   * WITH RECURSIVE as Trino plans it: the anchor, then the step applied to the previous
   * iteration, up to `max_recursion_depth` times (default 10), all UNION ALLed.
   */
  private recursiveQuery(q: WithQuery, name: string, scopeOf: () => CteScope | undefined): NamedQuery {
    const body = q.query.queryBody;
    if (body.kind !== 'Union' || body.distinct) {
      throw semanticError('INVALID_RECURSIVE_REFERENCE', 'recursive query must be UNION ALL of an anchor and a step', q.location);
    }
    if (q.columnNames === undefined) throw semanticError('MISSING_COLUMN_ALIASES', 'missing column aliases in recursive WITH query', q.location);
    const depth = Number(this.ctx.session.systemProperties['max_recursion_depth'] ?? '10');
    const plan = async (): Promise<RelationPlan> => {
      const outerScope = scopeOf();
      const anchor = this.aliasColumns(await this.planQueryBody(body.left, undefined, outerScope, false), q.columnNames!, q.location, `WITH query(${q.name.value})`);
      const iterations: RelationPlan[] = [anchor];
      let previous = anchor;
      for (let i = 0; i < depth; i++) {
        const prev = previous;
        const fixed: NamedQuery = { query: q, fixedPlan: async () => this.copyRelation(prev) };
        const stepScope = new CteScope(new Map([[name, fixed]]), outerScope);
        const step = await this.planQueryBody(body.right, undefined, stepScope, false);
        const coerced = await this.coerceRelationTo(step, anchor.scope.fields.map((f) => f.symbol.type), body.location, 'recursion step');
        previous = { root: coerced.root, scope: anchor.scope.withFields(coerced.scope.fields.map((f, j) => ({ ...f, name: anchor.scope.fields[j]!.name, displayName: anchor.scope.fields[j]!.displayName }))) };
        iterations.push(previous);
      }
      // one more step must be empty, else the recursion did not end within the limit (as Trino)
      iterations.push(await this.recursionLimitCheck(body.right, name, q, previous, outerScope, depth));
      return this.unionAll(iterations);
    };
    return { query: q, fixedPlan: plan };
  }

  private async recursionLimitCheck(step: QueryBody, name: string, q: WithQuery, previous: RelationPlan, outerScope: CteScope | undefined, depth: number): Promise<RelationPlan> {
    let fail;
    try {
      fail = this.ctx.functions.resolveFunction('fail', [{ kind: 'value', type: INTEGER }, { kind: 'value', type: varcharType() }]);
    } catch {
      // Without the check a recursion deeper than the limit would be silently truncated.
      throw semanticError('NOT_SUPPORTED', 'WITH RECURSIVE needs the function fail(integer, varchar) to check max_recursion_depth, which this engine does not provide yet', q.location);
    }
    const fixed: NamedQuery = { query: q, fixedPlan: async () => this.copyRelation(previous) };
    const plan = await this.planQueryBody(step, undefined, new CteScope(new Map([[name, fixed]]), outerScope), false);
    const message = `Recursion depth limit exceeded (${depth}). Use 'max_recursion_depth' session property to modify the limit.`;
    const predicate: RowExpression = { kind: 'cast', type: BOOLEAN, safe: false, argument: { kind: 'call', type: fail.returnType, function: fail, arguments: [constant(13, INTEGER), constant(message, varcharType())] } };
    const coerced = await this.coerceRelationTo(plan, previous.scope.fields.map((f) => f.symbol.type), q.location, 'recursion step');
    return { root: this.nodes.filter(coerced.root, predicate), scope: previous.scope.withFields(coerced.scope.fields.map((f, j) => ({ ...f, name: previous.scope.fields[j]!.name, displayName: previous.scope.fields[j]!.displayName }))) };
  }

  /** Re-plans nothing: a relation used twice needs fresh symbols, so wrap it in a renaming projection. */
  private copyRelation(plan: RelationPlan): RelationPlan {
    const assignments = plan.scope.fields.map((f) => ({ symbol: this.symbols.newSymbol(f.name ?? 'expr', f.symbol.type), expression: variable(f.symbol.name, f.symbol.type) as RowExpression }));
    return {
      root: this.nodes.project(plan.root, assignments),
      scope: plan.scope.withFields(plan.scope.fields.map((f, i) => ({ ...f, symbol: assignments[i]!.symbol }))),
    };
  }

  private unionAll(plans: readonly RelationPlan[]): RelationPlan {
    if (plans.length === 1) return plans[0]!;
    const first = plans[0]!;
    const outputs = first.scope.fields.map((f) => this.symbols.newSymbol(f.name ?? 'expr', f.symbol.type));
    const root: PlanNode = {
      kind: 'union',
      id: this.ids.nextId(),
      outputs,
      sources: plans.map((p) => p.root),
      symbolMapping: outputs.map((_, i) => plans.map((p) => p.scope.fields[i]!.symbol)),
    };
    return { root, scope: new Scope(first.scope.fields.map((f, i) => ({ ...f, symbol: outputs[i]!, qualifier: undefined })), new QueryLevel(undefined)) };
  }

  async planQueryBody(body: QueryBody, outer: Scope | undefined, ctes: CteScope | undefined, topLevel: boolean): Promise<RelationPlan> {
    switch (body.kind) {
      case 'QuerySpecification':
        return this.planQuerySpecification(body, outer, ctes, body.orderBy, body.offset, body.limit, topLevel);
      case 'TableSubquery':
        return this.planQuery(body.query, outer, ctes, false);
      case 'Values':
        return this.planValues(body, outer);
      case 'TableQueryBody': {
        const table = await this.planTable(body.name, body.location, new QueryLevel(outer), ctes);
        const visible = table.scope.fields.filter((f) => !f.hidden);
        return { root: table.root, scope: table.scope.withFields(visible) };
      }
      case 'Union':
      case 'Intersect':
      case 'Except':
        return this.planSetOperation(body, outer, ctes);
      default:
        return assertNever(body, 'query body');
    }
  }

  private async planSetOperation(body: QueryBody & { kind: 'Union' | 'Intersect' | 'Except' }, outer: Scope | undefined, ctes: CteScope | undefined): Promise<RelationPlan> {
    const opName = body.kind.toUpperCase();
    const inputs: RelationPlan[] = [];
    const collect = async (b: QueryBody): Promise<void> => {
      if (b.kind === body.kind && b.distinct === body.distinct && body.kind === 'Union') {
        await collect(b.left);
        await collect(b.right);
      } else {
        inputs.push(await this.planQueryBody(b, outer, ctes, false));
      }
    };
    if (body.kind === 'Union') await collect(body);
    else inputs.push(await this.planQueryBody(body.left, outer, ctes, false), await this.planQueryBody(body.right, outer, ctes, false));
    const visible = inputs.map((p) => p.scope.fields.filter((f) => !f.hidden));
    const width = visible[0]!.length;
    for (const v of visible.slice(1)) {
      if (v.length !== width) throw semanticError('TYPE_MISMATCH', `${opName} query has different number of fields: ${width}, ${v.length}`, body.location);
    }
    const types: SqlType[] = [];
    for (let i = 0; i < width; i++) {
      let t: SqlType | undefined = UNKNOWN;
      for (const v of visible) {
        const next: SqlType | undefined = this.translator.commonSuperType([t!, v[i]!.symbol.type]);
        if (next === undefined) {
          throw semanticError(
            'TYPE_MISMATCH',
            `column ${i + 1} in ${opName} query has incompatible types: ${typeDisplayName(t!)}, ${typeDisplayName(v[i]!.symbol.type)}`,
            body.location,
          );
        }
        t = next;
      }
      if (body.kind !== 'Union' || body.distinct) {
        if (!isComparableType(t!)) throw semanticError('TYPE_MISMATCH', `Type ${typeDisplayName(t!)} is not comparable and therefore cannot be used in ${opName}`, body.location);
      }
      types.push(t!);
    }
    const coerced = await Promise.all(inputs.map((p, i) => this.coerceFieldsTo(p.root, visible[i]!, types)));
    const names = visible[0]!;
    const outputs = types.map((t, i) => this.symbols.newSymbol(names[i]!.name ?? 'expr', t));
    const symbolMapping = outputs.map((_, i) => coerced.map((c) => c.symbols[i]!));
    let root: PlanNode;
    if (body.kind === 'Union') {
      root = { kind: 'union', id: this.ids.nextId(), outputs, sources: coerced.map((c) => c.root), symbolMapping };
      if (body.distinct) root = this.distinct(root, outputs);
    } else {
      root = { kind: body.kind === 'Intersect' ? 'intersect' : 'except', id: this.ids.nextId(), outputs, sources: coerced.map((c) => c.root), symbolMapping, distinct: body.distinct };
    }
    const level = new QueryLevel(outer);
    return { root, scope: new Scope(names.map((f, i) => field(f.name, outputs[i]!, undefined, false, f.displayName)), level) };
  }

  private async coerceFieldsTo(root: PlanNode, fields: readonly Field[], types: readonly SqlType[]): Promise<{ root: PlanNode; symbols: Symbol[] }> {
    const exprs = fields.map((f, i) => this.translator.coerce(variable(f.symbol.name, f.symbol.type), types[i]!));
    const p = this.nodes.appendProjections(root, exprs, fields.map((f) => f.name ?? 'expr'));
    return p;
  }

  private async coerceRelationTo(plan: RelationPlan, types: readonly SqlType[], location: NodeLocation, what: string): Promise<RelationPlan> {
    const fields = plan.scope.fields.filter((f) => !f.hidden);
    if (fields.length !== types.length) throw semanticError('TYPE_MISMATCH', `${what} has ${fields.length} columns, expected ${types.length}`, location);
    fields.forEach((f, i) => {
      if (!this.ctx.functions.coercion.canCoerce(f.symbol.type, types[i]!)) {
        throw semanticError('TYPE_MISMATCH', `${what}: cannot coerce ${typeDisplayName(f.symbol.type)} to ${typeDisplayName(types[i]!)}`, location);
      }
    });
    const p = await this.coerceFieldsTo(plan.root, fields, types);
    return { root: p.root, scope: plan.scope.withFields(fields.map((f, i) => ({ ...f, symbol: p.symbols[i]! }))) };
  }

  private planValues(body: Values, outer: Scope | undefined): RelationPlan {
    const level = new QueryLevel(outer);
    const t: TranslationContext = { scope: new Scope([], level), clause: 'VALUES' };
    const rows = body.rows.map((r) => (r.kind === 'Row' ? r.items.map((i) => this.translator.translate(i, t)) : [this.translator.translate(r, t)]));
    const width = rows[0]?.length ?? 0;
    for (const r of rows) {
      if (r.length !== width) throw semanticError('TYPE_MISMATCH', `Values rows have mismatched sizes: ${width} vs ${r.length}`, body.location);
    }
    const types: SqlType[] = [];
    for (let i = 0; i < width; i++) {
      const t2 = this.translator.commonSuperType(rows.map((r) => r[i]!.type));
      if (t2 === undefined) {
        throw semanticError('TYPE_MISMATCH', `Values rows have mismatched types: ${rows.map((r) => typeDisplayName(r[i]!.type)).join(', ')}`, body.location);
      }
      types.push(t2);
    }
    const outputs = types.map((ty, i) => this.symbols.newSymbol(`field_${i}`, ty));
    const root: PlanNode = { kind: 'values', id: this.ids.nextId(), outputs, rows: rows.map((r) => r.map((e, i) => this.translator.coerce(e, types[i]!))) };
    return { root, scope: new Scope(outputs.map((s, i) => field(undefined, s, undefined, false, `_col${i}`)), level) };
  }

  // ---------------------------------------------------------------- query specification

  private async planQuerySpecification(
    spec: QuerySpecification,
    outer: Scope | undefined,
    ctes: CteScope | undefined,
    orderBy: OrderBy | undefined,
    offset: Offset | undefined,
    limit: Limit | FetchFirst | undefined,
    topLevel: boolean,
  ): Promise<RelationPlan> {
    const level = new QueryLevel(outer);
    orderBy = orderBy ?? spec.orderBy;
    offset = offset ?? spec.offset;
    limit = limit ?? spec.limit;
    if (!topLevel && limit === undefined && offset === undefined) orderBy = undefined;

    let source: RelationPlan = spec.from === undefined ? { root: this.nodes.singleRow(), scope: new Scope([], level) } : await this.planRelation(spec.from, level, ctes);
    const sourceScope = new Scope(source.scope.fields, level);
    let root = source.root;

    // WHERE
    if (spec.where !== undefined) {
      this.checkNoAggregates([spec.where], 'WHERE');
      const planned = await this.planSubqueries(root, [spec.where], { scope: sourceScope, clause: 'WHERE' }, ctes);
      root = planned.root;
      const predicate = this.translator.booleanCondition(
        this.translator.translate(spec.where, { scope: sourceScope, subqueries: planned.map, clause: 'WHERE' }),
        (a) => `WHERE clause must evaluate to a boolean: actual type ${a}`,
        spec.where.location,
      );
      root = this.nodes.filter(root, predicate);
    }

    // SELECT list
    const entries = this.expandSelect(spec.select.selectItems, sourceScope, spec.from === undefined);
    const selectExpressions = entries.flatMap((e) => (e.kind === 'expression' ? [e.expression] : []));

    // ORDER BY items referring to output columns (ordinals and aliases)
    const orderItems = (orderBy?.sortItems ?? []).map((item) => {
      if (item.sortKey.kind === 'LongLiteral') {
        const n = Number(item.sortKey.value);
        if (n < 1 || n > entries.length) throw semanticError('INVALID_COLUMN_REFERENCE', `ORDER BY position ${n} is not in select list`, item.sortKey.location);
        return { item, output: n - 1 };
      }
      if (item.sortKey.kind === 'Identifier') {
        const name = canonicalName(item.sortKey);
        const matches = entries.map((e, i) => ({ e, i })).filter(({ e }) => (e.kind === 'expression' ? e.alias ?? outputNameOf(e.expression) : e.name)?.toLowerCase() === name);
        if (matches.length > 1) {
          const distinctExprs = new Set(matches.map(({ e }) => (e.kind === 'expression' ? JSON.stringify(e.expression, (k, v) => (k === 'location' ? undefined : v)) : e.name)));
          if (distinctExprs.size > 1) throw semanticError('AMBIGUOUS_NAME', `'${item.sortKey.value}' in ORDER BY is ambiguous`, item.sortKey.location);
        }
        if (matches.length >= 1) return { item, output: matches[0]!.i };
      }
      return { item, output: undefined as number | undefined };
    });
    const orderExpressions = orderItems.flatMap((o) => (o.output === undefined ? [o.item.sortKey] : []));

    // Aggregation
    const aggregates: FunctionCall[] = [];
    const windows: FunctionCall[] = [];
    const analysisRoots = [...selectExpressions, ...(spec.having === undefined ? [] : [spec.having]), ...orderExpressions];
    for (const e of analysisRoots) this.collectAggregatesAndWindows(e, aggregates, windows, false);
    if (spec.having !== undefined) {
      const hw: FunctionCall[] = [];
      this.collectAggregatesAndWindows(spec.having, [], hw, false);
      if (hw.length > 0) throw semanticError('NESTED_WINDOW', `HAVING clause cannot contain window functions or row pattern measures`, hw[0]!.location);
    }
    const hasGroupingOps = analysisRoots.some((e) => containsNode(e, (n) => n.kind === 'GroupingOperation'));
    const aggregated = spec.groupBy !== undefined || aggregates.length > 0 || spec.having !== undefined || hasGroupingOps;

    let hook: ((n: Expression) => RowExpression | undefined) | undefined;
    const postSubqueries = new Map<Expression, Symbol>();
    if (aggregated) {
      const result = await this.planAggregation(root, sourceScope, spec.groupBy, entries, aggregates, spec.select.distinct);
      root = result.root;
      hook = result.hook;
    }
    const windowSymbols = new Map<FunctionCall, Symbol>();
    const fullHook = (n: Expression): RowExpression | undefined => {
      if (n.kind === 'FunctionCall' && windowSymbols.has(n)) {
        const s = windowSymbols.get(n)!;
        return variable(s.name, s.type);
      }
      return hook?.(n);
    };
    const postContext = (clause: string): TranslationContext => ({ scope: sourceScope, hook: fullHook, subqueries: postSubqueries, clause });

    // HAVING
    if (spec.having !== undefined) {
      const planned = await this.planSubqueries(root, [spec.having], postContext('HAVING'), ctes);
      root = planned.root;
      for (const [k, v] of planned.map) postSubqueries.set(k, v);
      const predicate = this.translator.booleanCondition(
        this.translator.translate(spec.having, postContext('HAVING')),
        (a) => `HAVING clause must evaluate to a boolean: actual type ${a}`,
        spec.having.location,
      );
      root = this.nodes.filter(root, predicate);
    }

    // Subqueries in SELECT and ORDER BY
    {
      const planned = await this.planSubqueries(root, [...selectExpressions, ...orderExpressions], postContext('SELECT'), ctes);
      root = planned.root;
      for (const [k, v] of planned.map) postSubqueries.set(k, v);
    }

    // Window functions
    if (windows.length > 0) {
      root = this.planWindows(root, windows, spec, postContext('window'), windowSymbols);
    }

    // Projection of the select list (plus ORDER BY keys)
    const ctx = postContext('SELECT');
    const selectValues: RowExpression[] = entries.map((e) => this.selectEntryValue(e, ctx, aggregated ? hook : undefined));
    const aliasHook = (n: Expression): RowExpression | undefined => {
      if (n.kind === 'Identifier') {
        const name = canonicalName(n);
        const i = entries.findIndex((e) => e.kind === 'expression' && e.alias?.toLowerCase() === name);
        if (i >= 0) return selectValues[i];
      }
      return fullHook(n);
    };
    const orderValues = orderItems.map((o) =>
      o.output !== undefined ? selectValues[o.output]! : this.translator.translate(o.item.sortKey, { ...ctx, hook: aliasHook, clause: 'ORDER BY' }),
    );
    orderItems.forEach((o, i) => {
      if (!isOrderableType(orderValues[i]!.type)) throw semanticError('TYPE_MISMATCH', `Type ${typeDisplayName(orderValues[i]!.type)} is not orderable, and therefore cannot be used in ORDER BY: ${expressionText(o.item.sortKey)}`, o.item.location);
    });
    const projected = this.nodes.appendProjections(root, [...selectValues, ...orderValues], [...entries.map((e) => e.name.startsWith('_col') ? 'expr' : e.name), ...orderValues.map(() => 'expr')]);
    root = projected.root;
    const outputSymbols = projected.symbols.slice(0, entries.length);
    let orderSymbols = projected.symbols.slice(entries.length);

    if (spec.select.distinct) {
      const selectKeys = selectValues.map(expressionKey);
      orderSymbols = orderValues.map((v, i) => {
        const k = selectKeys.indexOf(expressionKey(v));
        if (k < 0) throw semanticError('EXPRESSION_NOT_IN_DISTINCT', 'For SELECT DISTINCT, ORDER BY expressions must appear in select list', orderItems[i]!.item.location);
        return outputSymbols[k]!;
      });
      for (const s of outputSymbols) {
        if (!isComparableType(s.type)) throw semanticError('TYPE_MISMATCH', `DISTINCT can only be applied to comparable types (actual: ${typeDisplayName(s.type)})`, spec.select.location);
      }
      root = this.distinct(this.nodes.restrict(root, dedupeSymbols(outputSymbols)), dedupeSymbols(outputSymbols));
    }

    let sortItems: SortItem[] | undefined;
    if (orderItems.length > 0) {
      sortItems = orderItems.map((o, i) => this.sortItem(orderSymbols[i]!, o.item.ordering, o.item.nullOrdering, o.item.location));
      root = { kind: 'sort', id: this.ids.nextId(), outputs: root.outputs, source: root, orderBy: sortItems, partial: false };
    }
    root = this.planOffsetLimit(root, offset, limit, sortItems);
    root = this.nodes.restrict(root, dedupeSymbols(outputSymbols));
    const outFields = entries.map((e, i) => {
      const qualifier = e.kind === 'field' ? undefined : undefined;
      return field(e.kind === 'expression' ? (e.alias ?? outputNameOf(e.expression)) : e.name, outputSymbols[i]!, qualifier, false, e.name);
    });
    return { root, scope: new Scope(outFields, level) };
  }

  private selectEntryValue(e: SelectEntry, t: TranslationContext, aggregationHook: ((n: Expression) => RowExpression | undefined) | undefined): RowExpression {
    switch (e.kind) {
      case 'expression':
        return this.translator.translate(e.expression, t);
      case 'field': {
        const v = variable(e.field.symbol.name, e.field.symbol.type);
        if (aggregationHook !== undefined) {
          const synthetic: Expression = { kind: 'Identifier', value: `\u0000${e.field.symbol.name}`, quoted: true, location: e.location };
          const r = aggregationHook(synthetic);
          if (r === undefined) throw semanticError('EXPRESSION_NOT_AGGREGATE', `'${e.field.displayName ?? e.name}' must be an aggregate expression or appear in GROUP BY clause`, e.location);
          return r;
        }
        return v;
      }
      case 'rowField': {
        const base = this.translator.translate(e.base, t);
        const f = (base.type as { fields: readonly { type: SqlType }[] }).fields[e.index]!;
        return special('DEREFERENCE', f.type, [base, constant(e.index, INTEGER)]);
      }
    }
  }

  private expandSelect(items: readonly SelectItem[], scope: Scope, noFrom: boolean): SelectEntry[] {
    const out: SelectEntry[] = [];
    items.forEach((item) => {
      if (item.kind === 'SingleColumn') {
        const alias = item.alias?.value;
        out.push({ kind: 'expression', expression: item.expression, alias, name: alias ?? outputNameOf(item.expression) ?? `_col${out.length}`, location: item.location });
        return;
      }
      if (item.target === undefined) {
        if (noFrom) throw semanticError('COLUMN_NOT_FOUND', 'SELECT * not allowed in queries without FROM clause', item.location);
        const visible = scope.fields.filter((f) => !f.hidden);
        if (visible.length === 0) throw semanticError('COLUMN_NOT_FOUND', 'SELECT * not allowed from relation that has no columns', item.location);
        for (const f of visible) out.push({ kind: 'field', field: f, name: f.displayName ?? `_col${out.length}`, location: item.location });
        return;
      }
      const name = dottedName(item.target);
      if (name !== undefined && scope.hasQualifier(name.parts)) {
        const fields = scope.fields.filter((f) => !f.hidden && f.qualifier !== undefined && qualifierSuffix(f.qualifier, name.parts));
        fields.forEach((f, i) => {
          const alias = item.aliases[i];
          out.push({ kind: 'field', field: f, name: alias?.value ?? f.displayName ?? `_col${out.length}`, location: item.location });
        });
        if (item.aliases.length > 0 && item.aliases.length !== fields.length) {
          throw semanticError('MISMATCHED_COLUMN_ALIASES', `Column alias list has ${item.aliases.length} entries but '${name.written.join('.')}' has ${fields.length} columns available`, item.location);
        }
        return;
      }
      // row.*
      let base: RowExpression;
      try {
        base = this.translator.translate(item.target, { scope });
      } catch (error) {
        if (name !== undefined) throw semanticError('TABLE_NOT_FOUND', `Unable to resolve reference ${name.written.join('.')}`, item.target.location);
        throw error;
      }
      if (base.type.kind !== 'row') throw semanticError('TYPE_MISMATCH', `expected expression of type Row but got ${typeDisplayName(base.type)}`, item.target.location);
      if (item.aliases.length > 0 && item.aliases.length !== base.type.fields.length) {
        throw semanticError('MISMATCHED_COLUMN_ALIASES', `Column alias list has ${item.aliases.length} entries but '${expressionText(item.target)}' has ${base.type.fields.length} columns available`, item.location);
      }
      base.type.fields.forEach((f, i) => {
        out.push({ kind: 'rowField', base: item.target!, index: i, name: item.aliases[i]?.value ?? f.name ?? `_col${out.length}`, location: item.location });
      });
    });
    return out;
  }

  private checkNoAggregates(exprs: readonly Expression[], clause: string): void {
    for (const e of exprs) {
      const aggs: FunctionCall[] = [];
      const wins: FunctionCall[] = [];
      this.collectAggregatesAndWindows(e, aggs, wins, false);
      const grouping: Expression[] = [];
      walkExpression(e, (n) => {
        if (n.kind === 'GroupingOperation') grouping.push(n);
        return true;
      });
      const all: Expression[] = [...aggs, ...wins, ...grouping];
      if (all.length > 0) {
        throw semanticError('EXPRESSION_NOT_SCALAR', `${clause} clause cannot contain aggregations, window functions or grouping operations: [${all.map(expressionText).join(', ')}]`, all[0]!.location);
      }
    }
  }

  /** Finds aggregate calls (not inside other aggregates) and window calls; validates nesting. */
  private collectAggregatesAndWindows(e: Expression, aggregates: FunctionCall[], windows: FunctionCall[], insideWindow: boolean): void {
    walkExpression(e, (n) => {
      if (n.kind !== 'FunctionCall') return true;
      const name = functionName(n);
      if (n.window !== undefined) {
        if (!windows.includes(n)) windows.push(n);
        for (const a of [...n.arguments, ...(n.filter ? [n.filter] : [])]) {
          const nested: FunctionCall[] = [];
          this.collectAggregatesAndWindows(a, aggregates, nested, true);
          if (nested.length > 0) {
            throw semanticError('NESTED_WINDOW', `Cannot nest window functions or row pattern measures inside window function '${name}': [${nested.map(expressionText).join(', ')}]`, nested[0]!.location);
          }
        }
        const spec = n.window;
        if (spec.kind === 'WindowSpecification') {
          const nested: FunctionCall[] = [];
          for (const p of spec.partitionBy) this.collectAggregatesAndWindows(p, aggregates, nested, true);
          for (const s of spec.orderBy?.sortItems ?? []) this.collectAggregatesAndWindows(s.sortKey, aggregates, nested, true);
          if (nested.length > 0) {
            throw semanticError('NESTED_WINDOW', `Cannot nest window functions or row pattern measures inside window specification: [${nested.map(expressionText).join(', ')}]`, nested[0]!.location);
          }
        }
        return false;
      }
      if (this.ctx.functions.isAggregateFunction(name)) {
        const nestedAggs: FunctionCall[] = [];
        const nestedWins: FunctionCall[] = [];
        for (const a of [...n.arguments, ...(n.filter ? [n.filter] : []), ...(n.orderBy?.sortItems.map((s) => s.sortKey) ?? [])]) {
          this.collectAggregatesAndWindows(a, nestedAggs, nestedWins, insideWindow);
        }
        if (nestedAggs.length > 0) {
          throw semanticError('NESTED_AGGREGATION', `Cannot nest aggregations inside aggregation '${name}': [${nestedAggs.map(expressionText).join(', ')}]`, nestedAggs[0]!.location);
        }
        if (nestedWins.length > 0) {
          throw semanticError('NESTED_WINDOW', `Cannot nest window functions or row pattern measures inside aggregation '${name}': [${nestedWins.map(expressionText).join(', ')}]`, nestedWins[0]!.location);
        }
        aggregates.push(n);
        return false;
      }
      return true;
    });
  }

  private async planAggregation(
    root: PlanNode,
    scope: Scope,
    groupBy: GroupBy | undefined,
    entries: readonly SelectEntry[],
    aggregateCalls: readonly FunctionCall[],
    selectDistinct: boolean,
  ): Promise<{ root: PlanNode; hook: (n: Expression) => RowExpression | undefined }> {
    void selectDistinct;
    const t: TranslationContext = { scope, clause: 'GROUP BY' };
    // grouping sets as lists of key expressions
    type KeyRef = RowExpression;
    const translateKey = (e: Expression): KeyRef => {
      if (e.kind === 'LongLiteral') {
        const n = Number(e.value);
        const entry = entries[n - 1];
        if (entry === undefined) throw semanticError('INVALID_COLUMN_REFERENCE', `GROUP BY position ${n} is not in select list`, e.location);
        if (entry.kind === 'field') return variable(entry.field.symbol.name, entry.field.symbol.type);
        if (entry.kind === 'rowField') return this.selectEntryValue(entry, t, undefined);
        this.checkNoAggregates([entry.expression], 'GROUP BY');
        return this.translator.translate(entry.expression, t);
      }
      this.checkNoAggregates([e], 'GROUP BY');
      if (e.kind === 'Identifier' && this.translator.resolveColumn(e, t) === undefined && !t.scope.level.outer) {
        // not a source column: an output alias (as PostgreSQL and the TPC-H kit's q15 allow)
        const name = canonicalName(e);
        const entry = entries.find((x) => x.kind === 'expression' && x.alias?.toLowerCase() === name);
        if (entry !== undefined && entry.kind === 'expression') {
          this.checkNoAggregates([entry.expression], 'GROUP BY');
          return this.translator.translate(entry.expression, t);
        }
      }
      return this.translator.translate(e, t);
    };
    let sets: KeyRef[][] = [[]];
    for (const element of groupBy?.groupingElements ?? []) {
      let elementSets: KeyRef[][];
      switch (element.kind) {
        case 'SimpleGroupBy':
          elementSets = [element.columns.map(translateKey)];
          break;
        case 'Rollup': {
          const cols = element.columns.map(translateKey);
          elementSets = [];
          for (let i = cols.length; i >= 0; i--) elementSets.push(cols.slice(0, i));
          break;
        }
        case 'Cube': {
          const cols = element.columns.map(translateKey);
          if (cols.length > 30) throw semanticError('TOO_MANY_GROUPING_SETS', `GROUP BY has too many grouping sets`, element.location);
          elementSets = [];
          for (let mask = (1 << cols.length) - 1; mask >= 0; mask--) elementSets.push(cols.filter((_, i) => (mask & (1 << (cols.length - 1 - i))) !== 0));
          break;
        }
        case 'GroupingSets':
          elementSets = element.sets.map((s) => s.map(translateKey));
          break;
      }
      const next: KeyRef[][] = [];
      for (const a of sets) for (const b of elementSets) next.push([...a, ...b]);
      sets = next;
    }
    if (groupBy?.distinct) {
      const seen = new Set<string>();
      sets = sets.filter((s) => {
        const k = [...new Set(s.map(expressionKey))].sort().join('|');
        if (seen.has(k)) return false;
        seen.add(k);
        return true;
      });
    }
    if (sets.length > 4096) throw semanticError('TOO_MANY_GROUPING_SETS', `GROUP BY has ${sets.length} grouping sets but can contain at most 4096`, groupBy?.location);
    // distinct keys
    const keyIndex = new Map<string, number>();
    const keys: RowExpression[] = [];
    for (const s of sets) {
      for (const k of s) {
        const key = expressionKey(k);
        if (!keyIndex.has(key)) {
          keyIndex.set(key, keys.length);
          keys.push(k);
          if (!isComparableType(k.type)) throw semanticError('TYPE_MISMATCH', `${typeDisplayName(k.type)} is not comparable, and therefore cannot be used in GROUP BY`, groupBy?.location);
        }
      }
    }
    // aggregates: translate arguments in the source scope
    interface PendingAggregate {
      call: FunctionCall;
      fn: AggregateCall['function'];
      args: RowExpression[];
      filter: RowExpression | undefined;
      orderBy: { value: RowExpression; ascending: boolean; nullsFirst: boolean }[];
      key: string;
    }
    const pending: PendingAggregate[] = [];
    for (const c of aggregateCalls) {
      if (c.arguments.length === 1 && functionName(c) === 'count' && false) continue;
      const argContext: TranslationContext = { scope, clause: 'aggregate' };
      const { fn, args } = this.translator.resolveCall(c, argContext);
      const filter =
        c.filter === undefined
          ? undefined
          : this.translator.booleanCondition(this.translator.translate(c.filter, argContext), (a) => `Filter expression must evaluate to a boolean: actual type ${a}`, c.filter.location);
      const orderBy = (c.orderBy?.sortItems ?? []).map((s) => ({
        value: this.translator.translate(s.sortKey, argContext),
        ascending: s.ordering === 'ASCENDING',
        nullsFirst: s.nullOrdering === 'FIRST',
      }));
      if (c.distinct && args.some((a) => !isComparableType(a.type))) {
        throw semanticError('TYPE_MISMATCH', `DISTINCT can only be applied to comparable types`, c.location);
      }
      const key = `${fn.name}(${c.distinct ? 'distinct ' : ''}${args.map(expressionKey).join(',')})${filter ? expressionKey(filter) : ''}${orderBy.map((o) => expressionKey(o.value) + o.ascending + o.nullsFirst).join(',')}`;
      pending.push({ call: c, fn, args, filter, orderBy, key });
    }
    // pre-projection
    const preExprs: RowExpression[] = [...keys];
    for (const p of pending) {
      preExprs.push(...p.args.filter((a) => a.kind !== 'lambda'));
      if (p.filter) preExprs.push(p.filter);
      preExprs.push(...p.orderBy.map((o) => o.value));
    }
    const pre = this.nodes.appendProjections(root, preExprs, preExprs.map((e) => (e.kind === 'call' ? e.function.name.replace('$operator$', '') : 'expr')));
    root = pre.root;
    const symbolOf = new Map<string, Symbol>();
    preExprs.forEach((e, i) => symbolOf.set(expressionKey(e), pre.symbols[i]!));
    const keySymbols = keys.map((k) => symbolOf.get(expressionKey(k))!);

    const aggregatesByKey = new Map<string, AggregateCall>();
    const astToSymbol = new Map<FunctionCall, Symbol>();
    const aggregateList: AggregateCall[] = [];
    for (const p of pending) {
      let agg = aggregatesByKey.get(p.key);
      if (agg === undefined) {
        const lambdas = p.args.filter((a): a is LambdaExpression => a.kind === 'lambda');
        if (lambdas.some((l) => symbolsIn(l).size > 0)) throw semanticError('NOT_SUPPORTED', 'Lambda arguments of aggregate functions cannot refer to columns', p.call.location);
        agg = {
          output: this.symbols.newSymbol(p.fn.name, p.fn.returnType),
          function: p.fn,
          arguments: p.args.filter((a) => a.kind !== 'lambda').map((a) => symbolOf.get(expressionKey(a))!),
          ...(lambdas.length > 0 ? { lambdas } : {}),
          distinct: p.call.distinct,
          filter: p.filter === undefined ? undefined : symbolOf.get(expressionKey(p.filter)),
          orderBy: p.orderBy.map((o) => ({ symbol: symbolOf.get(expressionKey(o.value))!, ascending: o.ascending, nullsFirst: o.nullsFirst })),
          mask: undefined,
        };
        aggregatesByKey.set(p.key, agg);
        aggregateList.push(agg);
      }
      astToSymbol.set(p.call, agg.output);
    }

    // grouping sets
    let groupKeyOutputs = keySymbols;
    let groupIdSymbol: Symbol | undefined;
    const setIndexes = sets.map((s) => new Set(s.map((k) => keyIndex.get(expressionKey(k))!)));
    if (sets.length > 1) {
      groupKeyOutputs = keySymbols.map((s) => this.symbols.newSymbol(s.name, s.type));
      groupIdSymbol = this.symbols.newSymbol('groupid', BIGINT);
      const aggArgs = dedupeSymbols(aggregateList.flatMap((a) => [...a.arguments, ...(a.filter ? [a.filter] : []), ...a.orderBy.map((o) => o.symbol)]));
      root = {
        kind: 'groupId',
        id: this.ids.nextId(),
        outputs: [...groupKeyOutputs, ...aggArgs, groupIdSymbol],
        source: root,
        groupingSets: setIndexes.map((ix) => [...ix].sort((a, b) => a - b).map((i) => groupKeyOutputs[i]!)),
        groupingColumns: keySymbols.map((s, i) => ({ output: groupKeyOutputs[i]!, input: s })),
        aggregationArguments: aggArgs,
        groupIdSymbol,
      };
    }
    const groupingKeys = dedupeSymbols(groupIdSymbol === undefined ? groupKeyOutputs : [...groupKeyOutputs, groupIdSymbol]);
    root = {
      kind: 'aggregation',
      id: this.ids.nextId(),
      outputs: [...groupingKeys, ...aggregateList.map((a) => a.output)],
      source: root,
      groupingKeys,
      aggregates: aggregateList,
      step: 'SINGLE',
      groupIdSymbol,
      groupingSetCount: sets.length,
      globalGroupingSets: sets.map((s, i) => (s.length === 0 ? i : -1)).filter((i) => i >= 0),
    };

    const keyToOutput = new Map<string, Symbol>();
    keys.forEach((k, i) => keyToOutput.set(expressionKey(k), groupKeyOutputs[i]!));
    const sourceSymbols = new Set(scope.fields.map((f) => f.symbol.name));
    const hook = (n: Expression): RowExpression | undefined => {
      if (n.kind === 'Identifier' && n.quoted && n.value.startsWith('\u0000')) {
        const s = keyToOutput.get(`$${n.value.slice(1)}`);
        return s === undefined ? undefined : variable(s.name, s.type);
      }
      if (n.kind === 'FunctionCall' && astToSymbol.has(n)) {
        const s = astToSymbol.get(n)!;
        return variable(s.name, s.type);
      }
      if (n.kind === 'GroupingOperation') {
        return this.groupingOperation(n, scope, setIndexes, keyIndex, groupIdSymbol);
      }
      if (isLiteral(n)) return undefined;
      const pure = this.translator.tryTranslatePure(n, { scope });
      if (pure !== undefined) {
        const s = keyToOutput.get(expressionKey(pure));
        if (s !== undefined) return variable(s.name, s.type);
        if ((n.kind === 'Identifier' || n.kind === 'DereferenceExpression') && dottedName(n) !== undefined) {
          // a column (or a field of one) that is not grouped on
          const ungrouped = [...symbolsIn(pure)].some((s) => sourceSymbols.has(s) && !keyToOutput.has(`$${s}`));
          if (ungrouped) throw semanticError('EXPRESSION_NOT_AGGREGATE', `'${expressionText(n)}' must be an aggregate expression or appear in GROUP BY clause`, n.location);
        }
      }
      return undefined;
    };
    return { root, hook };
  }

  private groupingOperation(
    n: Expression & { kind: 'GroupingOperation' },
    scope: Scope,
    sets: readonly Set<number>[],
    keyIndex: ReadonlyMap<string, number>,
    groupIdSymbol: Symbol | undefined,
  ): RowExpression {
    const columns = n.groupingColumns.map((c) => {
      const k = keyIndex.get(expressionKey(this.translator.translate(c, { scope })));
      if (k === undefined) throw semanticError('INVALID_ARGUMENTS', `The arguments to GROUPING() must be expressions referenced by the GROUP BY at the associated query level. Mismatch due to ${expressionText(c)}.`, c.location);
      return k;
    });
    const masks = sets.map((set) => columns.reduce((acc, k) => acc * 2 + (set.has(k) ? 0 : 1), 0));
    if (groupIdSymbol === undefined) return constant(masks[0] ?? 0, BIGINT);
    const whens = masks.map((m, i) =>
      special('WHEN', BIGINT, [this.translator.callOperator('equal', [variable(groupIdSymbol.name, groupIdSymbol.type), constant(i, BIGINT)], n.location), constant(m, BIGINT)]),
    );
    return special('SWITCH', BIGINT, whens);
  }

  private planWindows(root: PlanNode, windows: readonly FunctionCall[], spec: QuerySpecification, t: TranslationContext, out: Map<FunctionCall, Symbol>): PlanNode {
    const named = new Map<string, WindowSpecification>();
    for (const d of spec.windows) {
      const name = canonicalName(d.name);
      if (named.has(name)) throw semanticError('DUPLICATE_WINDOW_NAME', `WINDOW '${d.name.value}' is already defined`, d.location);
      named.set(name, d.window);
    }
    const resolveSpec = (w: FunctionCall['window']): WindowSpecification => {
      if (w === undefined) throw new Error('unreachable');
      if (w.kind === 'WindowReference') {
        const s = named.get(canonicalName(w.name));
        if (s === undefined) throw semanticError('INVALID_WINDOW_REFERENCE', `Cannot resolve WINDOW name ${w.name.value}`, w.location);
        return resolveSpec(s);
      }
      if (w.existingWindowName !== undefined) {
        const base = named.get(canonicalName(w.existingWindowName));
        if (base === undefined) throw semanticError('INVALID_WINDOW_REFERENCE', `Cannot resolve WINDOW name ${w.existingWindowName.value}`, w.location);
        const b = resolveSpec(base);
        if (w.partitionBy.length > 0) throw semanticError('INVALID_PARTITION_BY', `WINDOW specification with named WINDOW reference cannot specify PARTITION BY`, w.location);
        if (w.orderBy !== undefined && b.orderBy !== undefined) throw semanticError('INVALID_ORDER_BY', `Cannot specify ORDER BY if referenced named WINDOW specifies ORDER BY`, w.location);
        if (b.frame !== undefined) throw semanticError('INVALID_WINDOW_REFERENCE', `Cannot reference named WINDOW containing frame specification`, w.location);
        return { ...w, existingWindowName: undefined, partitionBy: b.partitionBy, orderBy: w.orderBy ?? b.orderBy };
      }
      return w;
    };
    for (const call of windows) {
      const w = resolveSpec(call.window);
      const name = functionName(call);
      const partition = w.partitionBy.map((p) => this.translator.translate(p, t));
      const order = (w.orderBy?.sortItems ?? []).map((s) => ({ value: this.translator.translate(s.sortKey, t), item: s }));
      const { fn, args } = this.translator.resolveCall(call, t);
      if (fn.kind === 'scalar') throw semanticError('FUNCTION_NOT_WINDOW', `Not a window function: ${name}`, call.location);
      if (call.nullTreatment !== undefined && fn.kind !== 'window') {
        throw semanticError('NULL_TREATMENT_NOT_ALLOWED', `Cannot specify null treatment clause for non-window function`, call.location);
      }
      const filter = call.filter === undefined ? undefined : this.translator.translate(call.filter, t);
      // frame
      const frame = w.frame;
      const frameType = frame?.type ?? 'RANGE';
      const startType: FrameBoundType = frame?.start.type ?? 'UNBOUNDED_PRECEDING';
      const endType: FrameBoundType = frame === undefined ? 'CURRENT_ROW' : (frame.end?.type ?? 'CURRENT_ROW');
      this.validateFrame(frameType, startType, endType, order.length, frame?.location ?? call.location);
      const boundExprs: RowExpression[] = [];
      const boundValue = (b: { value: Expression | undefined } | undefined, type: FrameBoundType): RowExpression | undefined => {
        if (b?.value === undefined || (type !== 'PRECEDING' && type !== 'FOLLOWING')) return undefined;
        const v = this.translator.translate(b.value, t);
        if (frameType === 'RANGE') {
          const key = order[0]!;
          const descending = key.item.ordering === 'DESCENDING';
          const op = (type === 'PRECEDING') !== descending ? 'subtract' : 'add';
          return this.translator.callOperator(op, [key.value, v], b.value.location);
        }
        if (!['tinyint', 'smallint', 'integer', 'bigint'].includes(v.type.kind)) {
          throw semanticError('TYPE_MISMATCH', `Window frame ${frameType} offset value must be exact numeric type (actual ${typeDisplayName(v.type)})`, b.value.location);
        }
        return v;
      };
      const startValue = boundValue(frame?.start, startType);
      const endValue = boundValue(frame?.end, endType);
      if (startValue) boundExprs.push(startValue);
      if (endValue) boundExprs.push(endValue);
      const projected = this.nodes.appendProjections(root, [
        ...partition,
        ...order.map((o) => o.value),
        ...args.filter((a) => a.kind !== 'lambda'),
        ...(filter ? [filter] : []),
        ...boundExprs,
      ]);
      root = projected.root;
      let i = 0;
      const partitionSymbols = partition.map(() => projected.symbols[i++]!);
      const orderSymbols = order.map(() => projected.symbols[i++]!);
      const argExprs = args.map((a) => {
        if (a.kind === 'lambda') return a;
        const s = projected.symbols[i++]!;
        return variable(s.name, s.type) as RowExpression;
      });
      const filterSymbol = filter ? projected.symbols[i++] : undefined;
      const startSymbol = startValue ? projected.symbols[i++] : undefined;
      const endSymbol = endValue ? projected.symbols[i++] : undefined;
      const windowFrame: WindowFrame = {
        type: frameType,
        startType,
        startValue: startSymbol,
        endType,
        endValue: endSymbol,
        sortKeyForRange: frameType === 'RANGE' && (startSymbol || endSymbol) ? orderSymbols[0] : undefined,
      };
      const output = this.symbols.newSymbol(name, fn.returnType);
      const wf: WindowFunctionCall = { output, function: fn, arguments: argExprs, frame: windowFrame, ignoreNulls: call.nullTreatment === 'IGNORE', distinct: call.distinct, filter: filterSymbol };
      const sortItems = order.map((o, j) => this.sortItem(orderSymbols[j]!, o.item.ordering, o.item.nullOrdering, o.item.location));
      // merge into the window node right below when the specification is the same
      if (
        root.kind === 'window' &&
        sameSymbols(root.partitionBy, partitionSymbols) &&
        root.orderBy.length === sortItems.length &&
        root.orderBy.every((s, j) => s.symbol.name === sortItems[j]!.symbol.name && s.ascending === sortItems[j]!.ascending && s.nullsFirst === sortItems[j]!.nullsFirst)
      ) {
        root = { ...root, outputs: [...root.outputs, output], functions: [...root.functions, wf] };
      } else {
        root = { kind: 'window', id: this.ids.nextId(), outputs: [...root.outputs, output], source: root, partitionBy: partitionSymbols, orderBy: sortItems, functions: [wf] };
      }
      out.set(call, output);
    }
    return root;
  }

  private validateFrame(type: string, start: FrameBoundType, end: FrameBoundType, orderCount: number, location: NodeLocation): void {
    if (start === 'UNBOUNDED_FOLLOWING') throw semanticError('INVALID_WINDOW_FRAME', 'Window frame start cannot be UNBOUNDED FOLLOWING', location);
    if (end === 'UNBOUNDED_PRECEDING') throw semanticError('INVALID_WINDOW_FRAME', 'Window frame end cannot be UNBOUNDED PRECEDING', location);
    if (start === 'CURRENT_ROW' && end === 'PRECEDING') throw semanticError('INVALID_WINDOW_FRAME', 'Window frame starting from CURRENT ROW cannot end with PRECEDING', location);
    if (start === 'FOLLOWING' && end === 'PRECEDING') throw semanticError('INVALID_WINDOW_FRAME', 'Window frame starting from FOLLOWING cannot end with PRECEDING', location);
    if (start === 'FOLLOWING' && end === 'CURRENT_ROW') throw semanticError('INVALID_WINDOW_FRAME', 'Window frame starting from FOLLOWING cannot end with CURRENT ROW', location);
    const offsets = start === 'PRECEDING' || start === 'FOLLOWING' || end === 'PRECEDING' || end === 'FOLLOWING';
    if (type === 'RANGE' && offsets && orderCount !== 1) {
      throw semanticError('INVALID_WINDOW_FRAME', `Window frame of type RANGE PRECEDING or FOLLOWING requires single sort item in ORDER BY (actual: ${orderCount})`, location);
    }
    if (type === 'GROUPS' && offsets && orderCount === 0) {
      throw semanticError('MISSING_ORDER_BY', 'Window frame of type GROUPS PRECEDING or FOLLOWING requires ORDER BY', location);
    }
  }

  sortItem(symbol: Symbol, ordering: 'ASCENDING' | 'DESCENDING', nulls: 'FIRST' | 'LAST' | 'UNDEFINED', location: NodeLocation): SortItem {
    if (!isOrderableType(symbol.type)) throw semanticError('TYPE_MISMATCH', `Type ${typeDisplayName(symbol.type)} is not orderable, and therefore cannot be used in ORDER BY`, location);
    return { symbol, ascending: ordering === 'ASCENDING', nullsFirst: nulls === 'FIRST' };
  }

  distinct(root: PlanNode, symbols: readonly Symbol[]): PlanNode {
    return {
      kind: 'aggregation',
      id: this.ids.nextId(),
      outputs: symbols,
      source: root,
      groupingKeys: symbols,
      aggregates: [],
      step: 'SINGLE',
      groupIdSymbol: undefined,
      groupingSetCount: 1,
      globalGroupingSets: symbols.length === 0 ? [0] : [],
    };
  }

  private rowCount(e: Expression, what: string): number {
    if (e.kind === 'Parameter' && this.ctx.inferParameterTypes === true) {
      this.rowCountParameters.add(e.position);
      return 0;
    }
    let v: RowExpression;
    v = this.translator.translate(e, { scope: new Scope([], new QueryLevel(undefined)), clause: what });
    if (v.kind !== 'constant' || (typeof v.value !== 'number' && typeof v.value !== 'bigint') || !['tinyint', 'smallint', 'integer', 'bigint'].includes(v.type.kind)) {
      throw semanticError('TYPE_MISMATCH', `${what} row count must be an integer constant`, e.location);
    }
    const n = Number(v.value);
    if (n < 0) throw semanticError('INVALID_ARGUMENTS', `${what} row count must be greater or equal to 0 (actual value: ${n})`, e.location);
    return n;
  }

  planOffsetLimit(root: PlanNode, offset: Offset | undefined, limit: Limit | FetchFirst | undefined, sortItems: readonly SortItem[] | undefined): PlanNode {
    const offsetCount = offset === undefined ? 0 : this.rowCount(offset.rowCount, 'OFFSET');
    if (offsetCount > 0) root = { kind: 'offset', id: this.ids.nextId(), outputs: root.outputs, source: root, count: offsetCount };
    if (limit === undefined) return root;
    if (limit.kind === 'Limit') {
      if (limit.rowCount.kind === 'AllRows') return root;
      const n = this.rowCount(limit.rowCount, 'LIMIT');
      return { kind: 'limit', id: this.ids.nextId(), outputs: root.outputs, source: root, count: n, tiesResolvingScheme: undefined, partial: false };
    }
    const n = limit.rowCount === undefined ? 1 : this.rowCount(limit.rowCount, 'FETCH FIRST');
    if (limit.withTies && (sortItems === undefined || sortItems.length === 0)) {
      throw semanticError('MISSING_ORDER_BY', 'FETCH FIRST WITH TIES clause requires ORDER BY', limit.location);
    }
    return { kind: 'limit', id: this.ids.nextId(), outputs: root.outputs, source: root, count: n, tiesResolvingScheme: limit.withTies ? sortItems : undefined, partial: false };
  }

  // ---------------------------------------------------------------- subqueries in expressions

  /**
   * Plans the subqueries of `expressions` (not those nested in other subqueries) on top of `root`
   * as apply / correlatedJoin nodes, returning the symbol each subquery expression yields.
   */
  async planSubqueries(root: PlanNode, expressions: readonly Expression[], t: TranslationContext, ctes?: CteScope): Promise<{ root: PlanNode; map: Map<Expression, Symbol> }> {
    const map = new Map<Expression, Symbol>();
    type SubqueryNode = Expression & { kind: 'ExistsPredicate' | 'SubqueryExpression' | 'InPredicate' | 'QuantifiedComparisonExpression' };
    const found: SubqueryNode[] = [];
    const visit = (n: Expression): boolean => {
      if (n.kind === 'ExistsPredicate' || n.kind === 'SubqueryExpression' || n.kind === 'QuantifiedComparisonExpression' || (n.kind === 'InPredicate' && n.valueList.kind === 'SubqueryExpression')) {
        if (!found.includes(n)) found.push(n as SubqueryNode);
        if (n.kind === 'InPredicate' || n.kind === 'QuantifiedComparisonExpression') walkExpression(n.value, visit);
        return false;
      }
      return n.kind !== 'LambdaExpression';
    };
    for (const e of expressions) walkExpression(e, visit);
    // inner-first for subqueries inside IN / quantified values
    found.reverse();
    for (const n of found) {
      const context: TranslationContext = { ...t, subqueries: new Map([...(t.subqueries ?? []), ...map]) };
      switch (n.kind) {
        case 'ExistsPredicate': {
          const sub = await this.planQuery(n.subquery.query, t.scope, ctes, false);
          const output = this.nodes.newBoolean('exists');
          root = this.apply(root, sub.root, [{ kind: 'exists', output }]);
          map.set(n, output);
          break;
        }
        case 'SubqueryExpression': {
          const sub = await this.planQuery(n.query, t.scope, ctes, false);
          const fields = sub.scope.fields.filter((f) => !f.hidden);
          if (fields.length !== 1) throw semanticError('NOT_SUPPORTED', `Multiple columns returned by subquery are not yet supported. Found ${fields.length}`, n.location);
          const single: PlanNode = { kind: 'enforceSingleRow', id: this.ids.nextId(), outputs: sub.root.outputs, source: sub.root };
          const correlation = this.correlationOf(sub.root, root);
          root = {
            kind: 'correlatedJoin',
            id: this.ids.nextId(),
            outputs: [...root.outputs, ...single.outputs],
            input: root,
            subquery: single,
            correlation,
            joinType: 'LEFT',
            filter: undefined,
          };
          map.set(n, fields[0]!.symbol);
          break;
        }
        case 'InPredicate':
        case 'QuantifiedComparisonExpression': {
          const subqueryNode = n.kind === 'InPredicate' ? (n.valueList as Expression & { kind: 'SubqueryExpression' }) : n.subquery;
          const value = this.translator.translate(n.value, context);
          const sub = await this.planQuery(subqueryNode.query, t.scope, ctes, false);
          const fields = sub.scope.fields.filter((f) => !f.hidden);
          if (fields.length !== 1) throw semanticError('NOT_SUPPORTED', `Multiple columns returned by subquery are not yet supported. Found ${fields.length}`, subqueryNode.location);
          const column = fields[0]!.symbol;
          const common = this.translator.commonSuperType([value.type, column.type]);
          const opText = n.kind === 'InPredicate' ? 'IN' : n.operator;
          if (common === undefined) {
            throw semanticError('TYPE_MISMATCH', `Value expression and result of subquery must be of the same type: ${typeDisplayName(value.type)} vs ${typeDisplayName(column.type)}`, n.location);
          }
          this.ctx.functions.resolveOperator(opText === 'IN' || opText === '=' || opText === '<>' ? 'equal' : 'less_than', [common, common], n.location);
          const left = this.nodes.appendProjections(root, [this.translator.coerce(value, common)], ['expr']);
          root = left.root;
          const right = this.nodes.appendProjections(sub.root, [this.translator.coerce(variable(column.name, column.type), common)], [column.name]);
          const output = this.nodes.newBoolean(n.kind === 'InPredicate' ? 'in' : 'quantified');
          let assignment: ApplyAssignment;
          if (n.kind === 'InPredicate' || (n.operator === '=' && n.quantifier !== 'ALL')) {
            assignment = { kind: 'in', output, value: left.symbols[0]!, reference: right.symbols[0]! };
          } else {
            if (n.operator === 'IS DISTINCT FROM') throw semanticError('NOT_SUPPORTED', 'IS DISTINCT FROM is not supported with quantified comparison', n.location);
            assignment = { kind: 'quantifiedComparison', output, operator: n.operator, quantifier: n.quantifier, value: left.symbols[0]!, reference: right.symbols[0]! };
          }
          root = this.apply(root, this.nodes.restrict(right.root, [right.symbols[0]!]), [assignment]);
          map.set(n, output);
          break;
        }
        default:
          assertNever(n, 'subquery expression');
      }
    }
    return { root, map };
  }

  private correlationOf(subquery: PlanNode, input: PlanNode): Symbol[] {
    const free = freeSymbols(subquery);
    return input.outputs.filter((s) => free.has(s.name));
  }

  private apply(input: PlanNode, subquery: PlanNode, assignments: ApplyAssignment[]): PlanNode {
    return {
      kind: 'apply',
      id: this.ids.nextId(),
      outputs: [...input.outputs, ...assignments.map((a) => a.output)],
      input,
      subquery,
      correlation: this.correlationOf(subquery, input),
      subqueryAssignments: assignments,
    };
  }

  // ---------------------------------------------------------------- relations

  async planRelation(relation: Relation, level: QueryLevel, ctes: CteScope | undefined): Promise<RelationPlan> {
    switch (relation.kind) {
      case 'Table':
        if (relation.queryPeriod !== undefined) throw semanticError('NOT_SUPPORTED', 'This connector does not support versioned tables', relation.queryPeriod.location);
        return this.planTable(relation.name, relation.location, level, ctes);
      case 'AliasedRelation': {
        const inner = await this.planRelation(relation.relation, level, ctes);
        const alias = canonicalName(relation.alias);
        let fields = inner.scope.fields.map((f) => ({ ...f, qualifier: [alias] }));
        if (relation.columnNames !== undefined) {
          const visible = fields.filter((f) => !f.hidden);
          if (visible.length !== relation.columnNames.length) {
            throw semanticError('MISMATCHED_COLUMN_ALIASES', `Column alias list has ${relation.columnNames.length} entries but '${relation.alias.value}' has ${visible.length} columns available`, relation.location);
          }
          let i = 0;
          fields = fields.map((f) => (f.hidden ? f : { ...f, name: canonicalName(relation.columnNames![i]!), displayName: relation.columnNames![i++]!.value }));
        }
        return { root: inner.root, scope: new Scope(fields, level) };
      }
      case 'SampledRelation': {
        const inner = await this.planRelation(relation.relation, level, ctes);
        const pct = this.translator.translate(relation.samplePercentage, { scope: new Scope([], new QueryLevel(undefined)), clause: 'TABLESAMPLE' });
        if (pct.kind !== 'constant' || pct.value === null || !['integer', 'bigint', 'decimal', 'double', 'real', 'smallint', 'tinyint'].includes(pct.type.kind)) {
          throw semanticError('TYPE_MISMATCH', 'Sample percentage should be a numeric expression', relation.samplePercentage.location);
        }
        const value = pct.type.kind === 'decimal' ? Number(pct.value as bigint) / 10 ** pct.type.scale : Number(pct.value);
        if (value < 0) throw semanticError('NUMERIC_VALUE_OUT_OF_RANGE', 'Sample percentage must be greater than or equal to 0', relation.samplePercentage.location);
        if (value > 100) throw semanticError('NUMERIC_VALUE_OUT_OF_RANGE', 'Sample percentage must be less than or equal to 100', relation.samplePercentage.location);
        const root: PlanNode = { kind: 'sample', id: this.ids.nextId(), outputs: inner.root.outputs, source: inner.root, sampleType: relation.type, ratio: value / 100 };
        return { root, scope: inner.scope };
      }
      case 'TableSubquery': {
        const plan = await this.planQuery(relation.query, level.outer, ctes, false);
        return { root: plan.root, scope: new Scope(plan.scope.fields.map((f) => ({ ...f, qualifier: undefined })), level) };
      }
      case 'Join':
        return this.planJoin(relation, level, ctes);
      case 'Lateral':
      case 'Unnest': {
        const plan = await this.planLateralRight(relation, { root: this.nodes.singleRow(), scope: new Scope([], level) }, level, ctes);
        return plan;
      }
      case 'TableFunctionInvocation':
        return planTableFunction(this, relation, level, ctes);
      case 'PatternRecognitionRelation':
        throw semanticError('NOT_SUPPORTED', 'MATCH_RECOGNIZE is not supported yet', relation.location);
      case 'JsonTable':
        throw semanticError('NOT_SUPPORTED', 'JSON_TABLE is not supported yet', relation.location);
      default:
        return assertNever(relation, 'relation');
    }
  }

  private async planJoin(join: Join, level: QueryLevel, ctes: CteScope | undefined): Promise<RelationPlan> {
    const left = await this.planRelation(join.left, level, ctes);
    const lateralRight = unwrapAlias(join.right);
    if (lateralRight.kind === 'Lateral' || lateralRight.kind === 'Unnest') {
      if (join.type === 'RIGHT' || join.type === 'FULL') throw semanticError('NOT_SUPPORTED', `${join.type} JOIN involving LATERAL relation is only supported with condition ON TRUE`, join.location);
      let plan = await this.planLateralRight(join.right, left, level, ctes, join.type === 'LEFT');
      if (join.criteria?.kind === 'JoinOn') {
        const cond = this.translator.translate(join.criteria.expression, { scope: plan.scope, clause: 'JOIN' });
        if (!(cond.kind === 'constant' && cond.value === true)) {
          const condition = this.translator.booleanCondition(cond, (a) => `JOIN ON clause must evaluate to a boolean: actual type ${a}`, join.criteria.location);
          if (join.type === 'LEFT') {
            // LEFT JOIN LATERAL (...) ON c: the condition decides which subquery rows join (Trino's correlated join filter)
            if (lateralRight.kind === 'Unnest' || plan.root.kind !== 'correlatedJoin') throw semanticError('NOT_SUPPORTED', 'LEFT JOIN involving UNNEST is only supported with condition ON TRUE', join.criteria.location);
            plan = { root: { ...plan.root, filter: condition }, scope: plan.scope };
          } else {
            plan = { root: this.nodes.filter(plan.root, condition), scope: plan.scope };
          }
        }
      }
      return plan;
    }
    const right = await this.planRelation(join.right, level, ctes);
    const joinType = join.type === 'CROSS' || join.type === 'IMPLICIT' ? 'INNER' : join.type;
    const fields = [...left.scope.fields, ...right.scope.fields];
    const scope = new Scope(fields, level);
    const criteria = join.criteria;
    if (criteria === undefined) {
      return { root: this.joinNode('INNER', left.root, right.root, undefined), scope };
    }
    if (criteria.kind === 'NaturalJoin') throw semanticError('NOT_SUPPORTED', 'Natural join not supported', join.location);
    if (criteria.kind === 'JoinUsing') {
      const conditions: RowExpression[] = [];
      const usingFields: Field[] = [];
      const usedLeft = new Set<Field>();
      const usedRight = new Set<Field>();
      let leftRoot = left.root;
      let rightRoot = right.root;
      const coalesces: { symbol: Symbol; expression: RowExpression }[] = [];
      for (const c of criteria.columns) {
        const name = canonicalName(c);
        const lf = left.scope.fields.filter((f) => f.name === name);
        const rf = right.scope.fields.filter((f) => f.name === name);
        if (lf.length === 0) throw semanticError('COLUMN_NOT_FOUND', `Column '${c.value}' is missing from left side of join`, c.location);
        if (rf.length === 0) throw semanticError('COLUMN_NOT_FOUND', `Column '${c.value}' is missing from right side of join`, c.location);
        const l = lf[0]!;
        const r = rf[0]!;
        const common = this.translator.commonSuperType([l.symbol.type, r.symbol.type]);
        if (common === undefined) throw semanticError('TYPE_MISMATCH', `Column '${c.value}' has incompatible types in USING: ${typeDisplayName(l.symbol.type)} vs ${typeDisplayName(r.symbol.type)}`, c.location);
        const lp = this.nodes.appendProjections(leftRoot, [this.translator.coerce(variable(l.symbol.name, l.symbol.type), common)], [name]);
        const rp = this.nodes.appendProjections(rightRoot, [this.translator.coerce(variable(r.symbol.name, r.symbol.type), common)], [name]);
        leftRoot = lp.root;
        rightRoot = rp.root;
        const ls = lp.symbols[0]!;
        const rs = rp.symbols[0]!;
        conditions.push(this.translator.callOperator('equal', [variable(ls.name, ls.type), variable(rs.name, rs.type)], c.location));
        usedLeft.add(l);
        usedRight.add(r);
        if (joinType === 'FULL') {
          const s = this.symbols.newSymbol(name, common);
          coalesces.push({ symbol: s, expression: special('COALESCE', common, [variable(ls.name, ls.type), variable(rs.name, rs.type)]) });
          usingFields.push(field(name, s, undefined, false, c.value));
        } else {
          usingFields.push({ ...(joinType === 'RIGHT' ? r : l), symbol: joinType === 'RIGHT' ? rs : ls });
        }
      }
      let root = this.joinNode(joinType, leftRoot, rightRoot, conditions.length === 1 ? conditions[0] : special('AND', BOOLEAN, conditions));
      if (coalesces.length > 0) {
        root = this.nodes.project(root, [...root.outputs.map((s) => ({ symbol: s, expression: variable(s.name, s.type) as RowExpression })), ...coalesces]);
      }
      const rest = [...left.scope.fields.filter((f) => !usedLeft.has(f)), ...right.scope.fields.filter((f) => !usedRight.has(f))];
      return { root, scope: new Scope([...usingFields, ...rest], level) };
    }
    // ON
    this.checkNoAggregates([criteria.expression], 'JOIN');
    const hasSubquery = containsNode(criteria.expression, (n) => n.kind === 'SubqueryExpression' || n.kind === 'ExistsPredicate');
    if (hasSubquery && joinType !== 'INNER') throw semanticError('NOT_SUPPORTED', 'Subqueries in outer join conditions are not supported', criteria.location);
    if (hasSubquery) {
      const crossed = this.joinNode('INNER', left.root, right.root, undefined);
      const planned = await this.planSubqueries(crossed, [criteria.expression], { scope, clause: 'JOIN' }, ctes);
      const cond = this.translator.booleanCondition(
        this.translator.translate(criteria.expression, { scope, subqueries: planned.map, clause: 'JOIN' }),
        (a) => `JOIN ON clause must evaluate to a boolean: actual type ${a}`,
        criteria.expression.location,
      );
      return { root: this.nodes.restrict(this.nodes.filter(planned.root, cond), crossed.outputs), scope };
    }
    const cond = this.translator.booleanCondition(
      this.translator.translate(criteria.expression, { scope, clause: 'JOIN' }),
      (a) => `JOIN ON clause must evaluate to a boolean: actual type ${a}`,
      criteria.expression.location,
    );
    return { root: this.joinNode(joinType, left.root, right.root, cond), scope };
  }

  joinNode(type: 'INNER' | 'LEFT' | 'RIGHT' | 'FULL', left: PlanNode, right: PlanNode, filter: RowExpression | undefined): PlanNode {
    return {
      kind: 'join',
      id: this.ids.nextId(),
      outputs: [...left.outputs, ...right.outputs],
      joinType: type,
      left,
      right,
      criteria: [],
      filter: filter !== undefined && filter.kind === 'constant' && filter.value === true ? undefined : filter,
      distribution: undefined,
      dynamicFilters: [],
    };
  }

  /** UNNEST and LATERAL on the right of a join: they see the left side's columns. */
  private async planLateralRight(relation: Relation, left: RelationPlan, level: QueryLevel, ctes: CteScope | undefined, outerJoin = false): Promise<RelationPlan> {
    let alias: string | undefined;
    let columnNames: readonly { value: string }[] | undefined;
    let inner = relation;
    if (inner.kind === 'AliasedRelation') {
      alias = canonicalName(inner.alias);
      columnNames = inner.columnNames;
      inner = inner.relation;
    }
    const leftScope = new Scope(left.scope.fields, level);
    let plan: RelationPlan;
    if (inner.kind === 'Unnest') {
      plan = this.planUnnest(inner, left, leftScope, outerJoin);
    } else if (inner.kind === 'Lateral') {
      const sub = await this.planQuery(inner.query, leftScope, ctes, false);
      const correlation = this.correlationOf(sub.root, left.root);
      const root: PlanNode = {
        kind: 'correlatedJoin',
        id: this.ids.nextId(),
        outputs: [...left.root.outputs, ...sub.root.outputs],
        input: left.root,
        subquery: sub.root,
        correlation,
        joinType: outerJoin ? 'LEFT' : 'INNER',
        filter: undefined,
      };
      plan = { root, scope: new Scope([...left.scope.fields, ...sub.scope.fields.map((f) => ({ ...f, qualifier: undefined }))], level) };
    } else {
      throw new Error('unreachable');
    }
    // apply alias to the new fields only
    const leftCount = left.scope.fields.length;
    let newFields = plan.scope.fields.slice(leftCount);
    if (alias !== undefined) newFields = newFields.map((f) => ({ ...f, qualifier: [alias!] }));
    if (columnNames !== undefined) {
      if (columnNames.length !== newFields.length) {
        throw semanticError('MISMATCHED_COLUMN_ALIASES', `Column alias list has ${columnNames.length} entries but '${alias}' has ${newFields.length} columns available`, relation.location);
      }
      newFields = newFields.map((f, i) => ({ ...f, name: columnNames![i]!.value.toLowerCase(), displayName: columnNames![i]!.value }));
    }
    return { root: plan.root, scope: new Scope([...plan.scope.fields.slice(0, leftCount), ...newFields], level) };
  }

  private planUnnest(node: Unnest, left: RelationPlan, scope: Scope, outer: boolean): RelationPlan {
    const t: TranslationContext = { scope, clause: 'UNNEST' };
    const values = node.expressions.map((e) => this.translator.translate(e, t));
    const projected = this.nodes.appendProjections(left.root, values, values.map(() => 'unnest_input'));
    const mappings: { input: Symbol; outputs: Symbol[] }[] = [];
    const fields: Field[] = [];
    values.forEach((v, i) => {
      const input = projected.symbols[i]!;
      const type = v.type;
      if (type.kind === 'array') {
        const el = type.elementType;
        if (el.kind === 'row') {
          const outs = el.fields.map((f, j) => this.symbols.newSymbol(f.name ?? `field_${j}`, f.type));
          mappings.push({ input, outputs: outs });
          outs.forEach((s, j) => fields.push(field(el.fields[j]!.name, s, undefined, false, el.fields[j]!.name ?? `_col${fields.length}`)));
        } else {
          const s = this.symbols.newSymbol('field', el);
          mappings.push({ input, outputs: [s] });
          fields.push(field(undefined, s, undefined, false, `_col${fields.length}`));
        }
      } else if (type.kind === 'map') {
        const k = this.symbols.newSymbol('key', type.keyType);
        const val = this.symbols.newSymbol('value', type.valueType);
        mappings.push({ input, outputs: [k, val] });
        fields.push(field(undefined, k, undefined, false, `_col${fields.length}`), field(undefined, val, undefined, false, `_col${fields.length + 1}`));
      } else {
        throw semanticError('TYPE_MISMATCH', `Cannot unnest type: ${typeDisplayName(type)}`, node.expressions[i]!.location);
      }
    });
    const ordinality = node.withOrdinality ? this.symbols.newSymbol('ordinality', BIGINT) : undefined;
    if (ordinality) fields.push(field(undefined, ordinality, undefined, false, `_col${fields.length}`));
    const replicate = left.root.outputs;
    const root: PlanNode = {
      kind: 'unnest',
      id: this.ids.nextId(),
      outputs: [...replicate, ...mappings.flatMap((m) => m.outputs), ...(ordinality ? [ordinality] : [])],
      source: projected.root,
      replicateSymbols: replicate,
      mappings,
      ordinalitySymbol: ordinality,
      outer,
      filter: undefined,
    };
    return { root, scope: new Scope([...left.scope.fields, ...fields], scope.level) };
  }

  /** Resolves a table name to a CTE, view or table. */
  async planTable(name: { parts: readonly { value: string }[] }, location: NodeLocation, level: QueryLevel, ctes: CteScope | undefined): Promise<RelationPlan> {
    const parts = name.parts.map((p) => p.value.toLowerCase());
    if (parts.length === 1) {
      const cte = ctes?.lookup(parts[0]!);
      if (cte !== undefined) {
        let plan: RelationPlan;
        if (cte.fixedPlan !== undefined) plan = await cte.fixedPlan();
        else plan = await this.planQuery(cte.query.query, undefined, this.cteParentScope(ctes, parts[0]!), false);
        if (cte.query.columnNames !== undefined) plan = this.aliasColumns(plan, cte.query.columnNames, cte.query.location, `WITH query(${cte.query.name.value})`);
        return { root: plan.root, scope: new Scope(plan.scope.fields.map((f) => ({ ...f, qualifier: [parts[0]!] })), level) };
      }
    }
    const qualified = this.qualify(parts, location);
    if (!this.ctx.metadata.catalogExists(qualified.catalog)) throw semanticError('CATALOG_NOT_FOUND', `Catalog '${qualified.catalog}' does not exist`, location);
    const view = await this.ctx.metadata.getView(this.ctx.session, qualified);
    if (view !== undefined) return this.planView(view, qualified, location, level);
    const table = await this.ctx.metadata.getTable(this.ctx.session, qualified);
    if (table === undefined) {
      if (!(await this.ctx.metadata.schemaExists(this.ctx.session, qualified.catalog, qualified.schema))) {
        throw semanticError('SCHEMA_NOT_FOUND', `Schema '${qualified.schema}' does not exist`, location);
      }
      throw semanticError('TABLE_NOT_FOUND', `Table '${qualified.catalog}.${qualified.schema}.${qualified.name}' does not exist`, location);
    }
    this.access.tables.push({ table: qualified, checkAs: this.accessIdentity.user, throughView: this.accessIdentity.view });
    const qualifier = [qualified.catalog, qualified.schema, qualified.name];
    const assignments = table.columns.map((c) => ({ symbol: this.symbols.newSymbol(c.name, c.type), column: c.handle }));
    const root: PlanNode = {
      kind: 'tableScan',
      id: this.ids.nextId(),
      outputs: assignments.map((a) => a.symbol),
      table: { catalog: qualified.catalog, schema: qualified.schema, table: qualified.name },
      handle: table.handle.connectorHandle,
      assignments,
      enforcedConstraint: TUPLE_DOMAIN_ALL,
      dynamicFilters: [],
    };
    return { root, scope: new Scope(table.columns.map((c, i) => field(c.name, assignments[i]!.symbol, qualifier, c.hidden)), level) };
  }

  private cteParentScope(ctes: CteScope | undefined, name: string): CteScope | undefined {
    // a named query sees the named queries defined before it (and not itself)
    let s = ctes;
    while (s !== undefined && !s.queries.has(name)) s = s.parent;
    if (s === undefined) return undefined;
    const before = new Map<string, NamedQuery>();
    for (const [k, v] of s.queries) {
      if (k === name) break;
      before.set(k, v);
    }
    return new CteScope(before, s.parent);
  }

  private aliasColumns(plan: RelationPlan, names: readonly { value: string }[], location: NodeLocation, what: string): RelationPlan {
    const visible = plan.scope.fields.filter((f) => !f.hidden);
    if (visible.length !== names.length) {
      throw semanticError('MISMATCHED_COLUMN_ALIASES', `WITH column alias list has ${names.length} entries but ${what} has ${visible.length} columns`, location);
    }
    return { root: plan.root, scope: plan.scope.withFields(visible.map((f, i) => ({ ...f, name: names[i]!.value.toLowerCase(), displayName: names[i]!.value }))) };
  }

  qualify(parts: readonly string[], location: NodeLocation): QualifiedObjectName {
    if (parts.length > 3) throw semanticError('SYNTAX_ERROR', `Too many dots in table name: ${parts.join('.')}`, location);
    const name = parts[parts.length - 1]!;
    const schema = parts.length >= 2 ? parts[parts.length - 2]! : this.defaults.schema;
    const catalog = parts.length === 3 ? parts[0]! : this.defaults.catalog;
    if (catalog === undefined) throw semanticError('MISSING_CATALOG_NAME', 'Catalog must be specified when session catalog is not set', location);
    if (schema === undefined) throw semanticError('MISSING_SCHEMA_NAME', 'Schema must be specified when session schema is not set', location);
    return { catalog, schema, name };
  }

  private async planView(view: ViewDefinition, name: QualifiedObjectName, location: NodeLocation, level: QueryLevel): Promise<RelationPlan> {
    if (this.viewDepth > 32) throw semanticError('VIEW_IS_RECURSIVE', `View is recursive: ${name.catalog}.${name.schema}.${name.name}`, location);
    const sql = (await import('@petrel/sql')) as unknown as { parseStatement?: (text: string) => Statement };
    if (typeof sql.parseStatement !== 'function') throw semanticError('NOT_SUPPORTED', 'Views need the SQL parser', location);
    let statement: Statement;
    try {
      statement = sql.parseStatement(view.originalSql);
    } catch (error) {
      throw semanticError('INVALID_VIEW', `Failed analyzing stored view '${name.catalog}.${name.schema}.${name.name}': ${(error as Error).message}`, location);
    }
    if (statement.kind !== 'Query') throw semanticError('INVALID_VIEW', `Stored view '${name.catalog}.${name.schema}.${name.name}' is not a query`, location);
    const saved = this.defaults;
    const savedIdentity = this.accessIdentity;
    // SECURITY DEFINER: what the view reads is checked as its owner; INVOKER: as whoever reads the view
    const security = view.runAsInvoker ? 'INVOKER' : 'DEFINER';
    this.access.views.push({ view: name, security, owner: view.owner, checkAs: this.accessIdentity.user });
    this.accessIdentity = { user: security === 'DEFINER' && view.owner !== undefined ? view.owner : this.accessIdentity.user, view: name };
    this.defaults = { catalog: view.catalog, schema: view.schema };
    this.viewDepth++;
    let plan: RelationPlan;
    try {
      plan = await this.planQuery(statement, undefined, undefined, false);
    } catch (error) {
      if (error instanceof Error && 'errorCode' in error) {
        const e = error as Error & { rawMessage?: string };
        throw semanticError('INVALID_VIEW', `Failed analyzing stored view '${name.catalog}.${name.schema}.${name.name}': ${e.rawMessage ?? e.message}`, location);
      }
      throw error;
    } finally {
      this.defaults = saved;
      this.accessIdentity = savedIdentity;
      this.viewDepth--;
    }
    const visible = plan.scope.fields.filter((f) => !f.hidden);
    if (visible.length !== view.columns.length) throw semanticError('VIEW_IS_STALE', `View '${name.catalog}.${name.schema}.${name.name}' is stale or in invalid state: column count mismatch`, location);
    const exprs = visible.map((f, i) => {
      const target = view.columns[i]!.type;
      const v = variable(f.symbol.name, f.symbol.type);
      if (typeEquals(f.symbol.type, target)) return v as RowExpression;
      if (!this.ctx.functions.coercion.canCoerce(f.symbol.type, target) && !this.ctx.functions.coercion.canCast(f.symbol.type, target)) {
        throw semanticError('VIEW_IS_STALE', `View '${name.catalog}.${name.schema}.${name.name}' is stale or in invalid state: a column of type ${typeDisplayName(f.symbol.type)} projected from query view at position ${i} cannot be coerced to column [${view.columns[i]!.name}] of type ${typeDisplayName(target)} stored in view definition`, location);
      }
      return this.translator.coerce(v, target);
    });
    const p = this.nodes.appendProjections(plan.root, exprs, view.columns.map((c) => c.name));
    const qualifier = [name.catalog, name.schema, name.name];
    return { root: this.nodes.restrict(p.root, p.symbols), scope: new Scope(view.columns.map((c, i) => field(c.name, p.symbols[i]!, qualifier)), level) };
  }
}

// ---------------------------------------------------------------- helpers

export function walkExpression(e: Expression, visit: (n: Expression) => boolean): void {
  if (!visit(e)) return;
  for (const child of expressionChildren(e)) walkExpression(child, visit);
}

function containsNode(e: Expression, predicate: (n: Expression) => boolean): boolean {
  let found = false;
  walkExpression(e, (n) => {
    if (found) return false;
    if (predicate(n)) {
      found = true;
      return false;
    }
    return n.kind !== 'SubqueryExpression';
  });
  return found;
}

/** Direct sub-expressions (not descending into subqueries' queries). */
export function expressionChildren(e: Expression): Expression[] {
  switch (e.kind) {
    case 'ArithmeticBinaryExpression':
    case 'ComparisonExpression':
      return [e.left, e.right];
    case 'ArithmeticUnaryExpression':
      return [e.value];
    case 'LogicalExpression':
      return [...e.terms];
    case 'NotExpression':
    case 'IsNullPredicate':
    case 'IsNotNullPredicate':
      return [e.value];
    case 'BetweenPredicate':
      return [e.value, e.min, e.max];
    case 'LikePredicate':
      return e.escape ? [e.value, e.pattern, e.escape] : [e.value, e.pattern];
    case 'InPredicate':
      return [e.value, e.valueList];
    case 'InListExpression':
      return [...e.values];
    case 'QuantifiedComparisonExpression':
      return [e.value, e.subquery];
    case 'SimpleCaseExpression':
      return [e.operand, ...e.whenClauses.flatMap((w) => [w.operand, w.result]), ...(e.defaultValue ? [e.defaultValue] : [])];
    case 'SearchedCaseExpression':
      return [...e.whenClauses.flatMap((w) => [w.operand, w.result]), ...(e.defaultValue ? [e.defaultValue] : [])];
    case 'IfExpression':
      return [e.condition, e.trueValue, ...(e.falseValue ? [e.falseValue] : [])];
    case 'CoalesceExpression':
      return [...e.operands];
    case 'NullIfExpression':
      return [e.first, e.second];
    case 'TryExpression':
      return [e.innerExpression];
    case 'Cast':
      return [e.expression];
    case 'AtTimeZone':
      return [e.value, e.timeZone];
    case 'Extract':
      return [e.expression];
    case 'LambdaExpression':
      return [e.body];
    case 'ArrayConstructor':
      return [...e.values];
    case 'Row':
      return [...e.items];
    case 'SubscriptExpression':
      return [e.base, e.index];
    case 'DereferenceExpression':
      return [e.base];
    case 'FunctionCall':
      return [
        ...e.arguments,
        ...(e.filter ? [e.filter] : []),
        ...(e.orderBy?.sortItems.map((s) => s.sortKey) ?? []),
        ...(e.window?.kind === 'WindowSpecification' ? [...e.window.partitionBy, ...(e.window.orderBy?.sortItems.map((s) => s.sortKey) ?? [])] : []),
      ];
    case 'GroupingOperation':
      return [...e.groupingColumns];
    case 'Trim':
      return e.trimCharacter ? [e.trimSource, e.trimCharacter] : [e.trimSource];
    case 'Format':
      return [...e.arguments];
    case 'LongLiteral':
    case 'DecimalLiteral':
    case 'DoubleLiteral':
    case 'StringLiteral':
    case 'BinaryLiteral':
    case 'BooleanLiteral':
    case 'NullLiteral':
    case 'GenericLiteral':
    case 'IntervalLiteral':
    case 'Identifier':
    case 'ExistsPredicate':
    case 'SubqueryExpression':
    case 'CurrentTime':
    case 'CurrentUser':
    case 'CurrentCatalog':
    case 'CurrentSchema':
    case 'CurrentPath':
    case 'Parameter':
    case 'JsonExists':
    case 'JsonValue':
    case 'JsonQuery':
    case 'JsonObject':
    case 'JsonArray':
      return [];
    default:
      return assertNever(e, 'expression');
  }
}

function isLiteral(e: Expression): boolean {
  return ['LongLiteral', 'DecimalLiteral', 'DoubleLiteral', 'StringLiteral', 'BinaryLiteral', 'BooleanLiteral', 'NullLiteral', 'GenericLiteral', 'IntervalLiteral'].includes(e.kind);
}

/** The column name Trino gives an unaliased select expression (identifiers and dereferences), else undefined. */
function outputNameOf(e: Expression): string | undefined {
  if (e.kind === 'Identifier') return e.value;
  if (e.kind === 'DereferenceExpression') return e.field.value;
  return undefined;
}

function qualifierSuffix(fieldQualifier: readonly string[], written: readonly string[]): boolean {
  if (written.length > fieldQualifier.length) return false;
  const offset = fieldQualifier.length - written.length;
  return written.every((p, i) => p === fieldQualifier[offset + i]);
}

function unwrapAlias(r: Relation): Relation {
  return r.kind === 'AliasedRelation' ? r.relation : r;
}

export function dedupeSymbols(symbols: readonly Symbol[]): Symbol[] {
  const seen = new Set<string>();
  return symbols.filter((s) => (seen.has(s.name) ? false : (seen.add(s.name), true)));
}

function sameSymbols(a: readonly Symbol[], b: readonly Symbol[]): boolean {
  return a.length === b.length && a.every((s, i) => s.name === b[i]!.name);
}
