import type { ConnectorColumnHandle, ConnectorTableHandle, LambdaValue, Page, SqlType } from '@petrel/spi';
import { TrinoError, StandardErrorCode, assertNever } from '@petrel/spi';
import type {
  AggregationNode,
  ExchangeNode,
  JoinNode,
  PlanNode,
  SortItem,
  ValuesNode,
} from '../planner/plan/plan-node.js';
import type { Symbol } from '../planner/plan/symbol.js';
import type { RowExpression } from '../ir/row-expression.js';
import { variable } from '../ir/row-expression.js';
import type { ExecutionContext } from './execution-context.js';
import type { Operator } from './operator/operator.js';
import { OperatorContext } from './operator/operator.js';
import type { QueryMemoryContext } from './memory/query-memory-context.js';
import { ExpressionCompiler } from './expression/expression-compiler.js';
import { ExpressionInterpreter } from './expression/interpreter.js';
import { FunctionBinding } from './expression/function-binding.js';
import { PageProcessor } from './expression/page-processor.js';
import { collectVariables } from './expression/collect-variables.js';
import { LocalExchange } from './driver/local-exchange.js';
import { ValuesOperator, LocalExchangeSinkOperator, LocalExchangeSourceOperator } from './operator/source-operators.js';
import { FilterProjectOperator } from './operator/filter-project-operator.js';
import { HashAggregationOperator, type AggregatorSpec } from './operator/hash-aggregation-operator.js';
import { HashBuilderOperator, LookupJoinOperator, type JoinOutputChannel } from './operator/join-operators.js';
import { JoinBridge } from './join/join-bridge.js';
import { DynamicFilterRegistry } from './join/dynamic-filters.js';
import { SortOperator } from './operator/sort-operator.js';
import { TopNOperator } from './operator/top-n-operator.js';
import { LimitOperator, OffsetOperator } from './operator/limit-operators.js';
import { TableScanOperator, SplitCounters } from './operator/table-scan-operator.js';
import { MarkDistinctOperator, DistinctLimitOperator } from './operator/distinct-operators.js';
import { SetBuilderOperator, SemiJoinOperator, type SemiJoinSet } from './operator/semi-join-operators.js';
import { EnforceSingleRowOperator, AssignUniqueIdOperator, SampleOperator, GroupIdOperator } from './operator/row-operators.js';
import { RowNumberOperator, TopNRankingOperator } from './operator/ranking-operators.js';
import { WindowOperator, type WindowFunctionSpec } from './operator/window-operator.js';
import { SetOperationOperator } from './operator/set-operation-operator.js';
import { UnnestOperator } from './operator/unnest-operator.js';
import { TableWriterOperator, TableFinishOperator, TableDeleteOperator } from './operator/write-operators.js';
import { ExplainAnalyzeOperator } from './operator/explain-analyze-operator.js';
import { MergingRemoteSourceOperator } from './operator/merging-remote-source-operator.js';
import { RemoteSourceOperator } from './operator/remote-source-operator.js';
import type { SortKey } from './ordering/row-comparator.js';
import { blockOf } from './block/block-builder.js';
import { page as makePage } from '@petrel/spi';
import { float64Block } from '@petrel/spi';
import type { ExecutionStats } from './execution-context.js';

/** Operators of the pipeline being built, and the symbols of its output channels. */
interface PhysicalOperation {
  readonly operators: Operator[];
  readonly layout: readonly Symbol[];
}

/** The pipelines of a plan, plus what execution needs to run and report them. */
export interface LocalExecutionPlan {
  readonly pipelines: readonly (readonly Operator[])[];
  readonly output: LocalExchange;
  readonly outputLayout: readonly Symbol[];
  readonly contexts: readonly OperatorContext[];
  readonly counters: SplitCounters;
}

/**
 * Turns a plan tree into pipelines of operators, mapping symbols to channels. Pipeline breakers
 * (join build sides, exchanges with several sources, set operations) end a pipeline in a sink
 * and start a new one.
 */
export class LocalExecutionPlanner {
  private readonly pipelines: Operator[][] = [];
  private readonly contexts: OperatorContext[] = [];
  private readonly counters = new SplitCounters();
  private readonly dynamicFilters: DynamicFilterRegistry;
  private readonly binding: FunctionBinding;
  private readonly compiler: ExpressionCompiler;
  private readonly interpreter: ExpressionInterpreter;

  constructor(
    private readonly ctx: ExecutionContext,
    private readonly memory: QueryMemoryContext,
    /** For EXPLAIN ANALYZE: the stats of the whole execution. */
    private readonly statsProvider: () => ExecutionStats,
    /** Plan nodes (by id) whose whole subtree runs elsewhere (parallel drivers): the source operator that yields its rows. */
    private readonly substitutes: ReadonlyMap<string, (context: OperatorContext, counters: SplitCounters) => Operator> = new Map(),
  ) {
    this.dynamicFilters = new DynamicFilterRegistry(ctx.remoteDynamicFilters);
    this.binding = new FunctionBinding(ctx.functions, ctx.functionContext);
    this.compiler = new ExpressionCompiler(this.binding);
    this.interpreter = new ExpressionInterpreter(this.binding);
  }

  plan(root: PlanNode): LocalExecutionPlan {
    const op = this.visit(root);
    const output = new LocalExchange(1, 4 * 1024 * 1024);
    const outputSymbols = root.outputs;
    const channels = outputSymbols.map((s) => channelOf(op.layout, s.name));
    op.operators.push(new LocalExchangeSinkOperator(this.context(root, 'TaskOutputOperator'), output, channels));
    this.pipelines.push(op.operators);
    return { pipelines: this.pipelines, output, outputLayout: outputSymbols, contexts: this.contexts, counters: this.counters };
  }

  private context(node: PlanNode, operatorType: string): OperatorContext {
    const c = new OperatorContext(node.id, operatorType, this.memory.newOperatorContext(operatorType));
    this.contexts.push(c);
    return c;
  }

  private visit(node: PlanNode): PhysicalOperation {
    const substitute = this.substitutes.get(node.id);
    if (substitute !== undefined) return { operators: [substitute(this.context(node, 'ParallelSourceOperator'), this.counters)], layout: node.outputs };
    switch (node.kind) {
      case 'output':
        return this.select(node, this.visit(node.source), node.outputs);
      case 'tableScan':
        return this.tableScan(node, node.table.catalog, node.handle, node.assignments, node.dynamicFilters);
      case 'tableFunction':
        return this.tableScan(node, node.catalog, node.handle, node.assignments, []);
      case 'values':
        return this.values(node);
      case 'filter': {
        const source = this.visit(node.source);
        return this.filterProject(node, source, node.predicate, source.layout.map((s) => variable(s.name, s.type)), source.layout);
      }
      case 'project': {
        if (node.source.kind === 'filter') {
          const filter = node.source;
          const source = this.visit(filter.source);
          return this.filterProject(node, source, filter.predicate, node.assignments.map((a) => a.expression), node.assignments.map((a) => a.symbol));
        }
        const source = this.visit(node.source);
        return this.filterProject(node, source, undefined, node.assignments.map((a) => a.expression), node.assignments.map((a) => a.symbol));
      }
      case 'aggregation':
        return this.aggregation(node);
      case 'groupId': {
        const source = this.visit(node.source);
        const groupingChannels = node.groupingColumns.map((g) => channelOf(source.layout, g.input.name));
        const sets = node.groupingSets.map((set) => node.groupingColumns.map((g) => set.some((s) => s.name === g.output.name)));
        const args = node.aggregationArguments.map((s) => channelOf(source.layout, s.name));
        source.operators.push(
          new GroupIdOperator(this.context(node, 'GroupIdOperator'), sets, groupingChannels, node.groupingColumns.map((g) => g.output.type), args),
        );
        const layout = [...node.groupingColumns.map((g) => g.output), ...node.aggregationArguments, node.groupIdSymbol];
        return this.select(node, { operators: source.operators, layout }, node.outputs);
      }
      case 'markDistinct': {
        const source = this.visit(node.source);
        source.operators.push(
          new MarkDistinctOperator(
            this.context(node, 'MarkDistinctOperator'),
            node.distinctSymbols.map((s) => channelOf(source.layout, s.name)),
            node.distinctSymbols.map((s) => s.type),
          ),
        );
        return this.select(node, { operators: source.operators, layout: [...source.layout, node.marker] }, node.outputs);
      }
      case 'join':
        return this.join(node);
      case 'semiJoin': {
        const build = this.visit(node.filteringSource);
        const bridge = new JoinBridge<SemiJoinSet>();
        build.operators.push(
          new SetBuilderOperator(
            this.context(node, 'SetBuilderOperator'),
            channelOf(build.layout, node.filteringSourceJoinSymbol.name),
            node.filteringSourceJoinSymbol.type,
            bridge,
          ),
        );
        this.pipelines.push(build.operators);
        const probe = this.visit(node.source);
        probe.operators.push(new SemiJoinOperator(this.context(node, 'HashSemiJoinOperator'), channelOf(probe.layout, node.sourceJoinSymbol.name), bridge));
        return this.select(node, { operators: probe.operators, layout: [...probe.layout, node.semiJoinOutput] }, node.outputs);
      }
      case 'sort': {
        const source = this.visit(node.source);
        source.operators.push(new SortOperator(this.context(node, 'OrderByOperator'), source.layout.map((s) => s.type), this.sortKeys(source.layout, node.orderBy)));
        return this.select(node, source, node.outputs);
      }
      case 'topN': {
        const source = this.visit(node.source);
        source.operators.push(
          new TopNOperator(this.context(node, 'TopNOperator'), source.layout.map((s) => s.type), this.sortKeys(source.layout, node.orderBy), node.count),
        );
        return this.select(node, source, node.outputs);
      }
      case 'limit': {
        const source = this.visit(node.source);
        const ties = node.tiesResolvingScheme === undefined ? undefined : this.sortKeys(source.layout, node.tiesResolvingScheme);
        source.operators.push(new LimitOperator(this.context(node, 'LimitOperator'), node.count, ties));
        return this.select(node, source, node.outputs);
      }
      case 'offset': {
        const source = this.visit(node.source);
        source.operators.push(new OffsetOperator(this.context(node, 'OffsetOperator'), node.count));
        return this.select(node, source, node.outputs);
      }
      case 'distinctLimit': {
        const source = this.visit(node.source);
        source.operators.push(
          new DistinctLimitOperator(
            this.context(node, 'DistinctLimitOperator'),
            node.distinctSymbols.map((s) => channelOf(source.layout, s.name)),
            node.distinctSymbols.map((s) => s.type),
            node.limit,
          ),
        );
        return this.select(node, { operators: source.operators, layout: node.distinctSymbols }, node.outputs);
      }
      case 'window': {
        const source = this.visit(node.source);
        const layout = source.layout;
        const functions: WindowFunctionSpec[] = node.functions.map((f) => {
          // an aggregate gets its lambda arguments with its implementation, and only value arguments per row
          const lambdaArguments = f.function.kind === 'aggregate' ? f.arguments.filter((a) => a.kind === 'lambda') : [];
          const valueArguments = f.function.kind === 'aggregate' ? f.arguments.filter((a) => a.kind !== 'lambda') : f.arguments;
          const argumentChannels = valueArguments.map((a) => {
            if (a.kind === 'variable') return { channel: channelOf(layout, a.name), constant: undefined };
            if (a.kind === 'constant' || a.kind === 'lambda') return { channel: -1, constant: a.kind === 'constant' ? a.value : this.interpreter.evaluate(a, () => null) };
            throw new TrinoError(StandardErrorCode.GENERIC_INTERNAL_ERROR, 'Window function arguments must be symbols or constants');
          });
          const frame = f.frame;
          return {
            kind: f.function.kind === 'aggregate' ? 'aggregate' : 'window',
            aggregate: f.function.kind === 'aggregate' ? this.ctx.functions.getAggregateImplementation(f.function, this.ctx.functionContext, this.lambdaValues(lambdaArguments)) : undefined,
            window: f.function.kind === 'aggregate' ? undefined : this.ctx.functions.getWindowImplementation(f.function, this.ctx.functionContext),
            arguments: argumentChannels,
            argumentTypes: valueArguments.map((a) => a.type),
            outputType: f.output.type,
            ignoreNulls: f.ignoreNulls,
            distinct: f.distinct,
            filterChannel: f.filter === undefined ? undefined : channelOf(layout, f.filter.name),
            frame: {
              type: frame.type,
              startType: frame.startType,
              endType: frame.endType,
              startChannel: frame.startValue === undefined ? undefined : channelOf(layout, frame.startValue.name),
              endChannel: frame.endValue === undefined ? undefined : channelOf(layout, frame.endValue.name),
              sortKeyChannel: frame.sortKeyForRange === undefined ? undefined : channelOf(layout, frame.sortKeyForRange.name),
            },
          };
        });
        source.operators.push(
          new WindowOperator(
            this.context(node, 'WindowOperator'),
            layout.map((s) => s.type),
            node.partitionBy.map((s) => channelOf(layout, s.name)),
            node.partitionBy.map((s) => s.type),
            this.sortKeys(layout, node.orderBy),
            functions,
          ),
        );
        return this.select(node, { operators: source.operators, layout: [...layout, ...node.functions.map((f) => f.output)] }, node.outputs);
      }
      case 'union':
        return this.gather(node, node.sources, node.outputs, (i) => node.symbolMapping.map((m) => m[i]!));
      case 'intersect':
      case 'except': {
        const exchange = new LocalExchange(node.sources.length, undefined, this.memory.newOperatorContext('LocalExchangeBuffer'));
        node.sources.forEach((source, i) => {
          const op = this.visit(source);
          const channels = node.symbolMapping.map((m) => channelOf(op.layout, m[i]!.name));
          op.operators.push(new SetSourceTagOperator(this.context(node, 'LocalExchangeSinkOperator'), channels, i));
          op.operators.push(new LocalExchangeSinkOperator(this.context(node, 'LocalExchangeSinkOperator'), exchange, undefined));
          this.pipelines.push(op.operators);
        });
        const operators: Operator[] = [new LocalExchangeSourceOperator(this.context(node, 'LocalExchangeSourceOperator'), exchange)];
        operators.push(
          new SetOperationOperator(
            this.context(node, node.kind === 'intersect' ? 'IntersectOperator' : 'ExceptOperator'),
            node.outputs.map((s) => s.type),
            node.sources.length,
            node.kind,
            node.distinct,
          ),
        );
        return { operators, layout: node.outputs };
      }
      case 'unnest': {
        const source = this.visit(node.source);
        const layout = [
          ...node.replicateSymbols,
          ...node.mappings.flatMap((m) => m.outputs),
          ...(node.ordinalitySymbol === undefined ? [] : [node.ordinalitySymbol]),
        ];
        source.operators.push(
          new UnnestOperator(
            this.context(node, 'UnnestOperator'),
            node.replicateSymbols.map((s) => channelOf(source.layout, s.name)),
            node.replicateSymbols.map((s) => s.type),
            node.mappings.map((m) => ({ channel: channelOf(source.layout, m.input.name), inputType: m.input.type, outputTypes: m.outputs.map((o) => o.type) })),
            node.ordinalitySymbol !== undefined,
            node.outer,
          ),
        );
        const result: PhysicalOperation = { operators: source.operators, layout };
        if (node.filter !== undefined) {
          return this.filterProject(node, result, node.filter, layout.map((s) => variable(s.name, s.type)), layout);
        }
        return this.select(node, result, node.outputs);
      }
      case 'enforceSingleRow': {
        const source = this.visit(node.source);
        source.operators.push(new EnforceSingleRowOperator(this.context(node, 'EnforceSingleRowOperator'), source.layout.map((s) => s.type)));
        return this.select(node, source, node.outputs);
      }
      case 'assignUniqueId': {
        const source = this.visit(node.source);
        source.operators.push(new AssignUniqueIdOperator(this.context(node, 'AssignUniqueIdOperator')));
        return this.select(node, { operators: source.operators, layout: [...source.layout, node.idSymbol] }, node.outputs);
      }
      case 'sample': {
        const source = this.visit(node.source);
        source.operators.push(new SampleOperator(this.context(node, 'SampleOperator'), node.sampleType === 'SYSTEM', node.ratio));
        return this.select(node, source, node.outputs);
      }
      case 'rowNumber': {
        const source = this.visit(node.source);
        source.operators.push(
          new RowNumberOperator(
            this.context(node, 'RowNumberOperator'),
            node.partitionBy.map((s) => channelOf(source.layout, s.name)),
            node.partitionBy.map((s) => s.type),
            node.maxRowCountPerPartition,
          ),
        );
        return this.select(node, { operators: source.operators, layout: [...source.layout, node.rowNumberSymbol] }, node.outputs);
      }
      case 'topNRanking': {
        const source = this.visit(node.source);
        source.operators.push(
          new TopNRankingOperator(
            this.context(node, 'TopNRankingOperator'),
            source.layout.map((s) => s.type),
            node.partitionBy.map((s) => channelOf(source.layout, s.name)),
            node.partitionBy.map((s) => s.type),
            this.sortKeys(source.layout, node.orderBy),
            node.rankingType,
            node.maxRankingPerPartition,
          ),
        );
        return this.select(node, { operators: source.operators, layout: [...source.layout, node.rankingSymbol] }, node.outputs);
      }
      case 'tableWriter': {
        const source = this.visit(node.source);
        const connector = this.ctx.metadata.getConnector(node.target.catalog);
        source.operators.push(
          new TableWriterOperator(
            this.context(node, 'TableWriterOperator'),
            connector,
            this.ctx.metadata.connectorSession(this.ctx.session, node.target.catalog, this.ctx.queryId),
            node.insertHandle,
            node.columns.map((s) => channelOf(source.layout, s.name)),
          ),
        );
        return this.select(node, { operators: source.operators, layout: [node.rowCountSymbol, node.fragmentSymbol] }, node.outputs);
      }
      case 'tableFinish': {
        const source = this.visit(node.source);
        const connector = this.ctx.metadata.getConnector(node.target.catalog);
        const writer = findWriter(node.source);
        source.operators.push(
          new TableFinishOperator(
            this.context(node, 'TableFinishOperator'),
            connector,
            this.ctx.metadata.connectorSession(this.ctx.session, node.target.catalog, this.ctx.queryId),
            node.insertHandle,
            writer === undefined ? 0 : channelOf(source.layout, writer.rowCountSymbol.name),
            writer === undefined ? 1 : channelOf(source.layout, writer.fragmentSymbol.name),
          ),
        );
        return this.select(node, { operators: source.operators, layout: [node.rowCountSymbol] }, node.outputs);
      }
      case 'tableDelete': {
        const connector = this.ctx.metadata.getConnector(node.target.catalog);
        const operators: Operator[] = [
          new TableDeleteOperator(
            this.context(node, 'TableDeleteOperator'),
            connector,
            this.ctx.metadata.connectorSession(this.ctx.session, node.target.catalog, this.ctx.queryId),
            node.handle,
          ),
        ];
        return { operators, layout: node.outputs.slice(0, 1) };
      }
      case 'exchange':
        return this.exchange(node);
      case 'remoteSource': {
        const streams = this.ctx.remoteSourceStreamsFactory;
        if (node.orderBy !== undefined && streams !== undefined) {
          // a merging exchange: each upstream task's output is sorted already
          const merge = new MergingRemoteSourceOperator(this.context(node, 'MergeOperator'), streams(node), node.outputs.map((s) => s.type), this.sortKeys(node.outputs, node.orderBy));
          return { operators: [merge], layout: node.outputs };
        }
        const factory = this.ctx.remoteSourceFactory;
        if (factory === undefined) throw new TrinoError(StandardErrorCode.NOT_SUPPORTED, 'Remote sources need a cluster exchange client');
        const operators: Operator[] = [new RemoteSourceOperator(this.context(node, 'ExchangeOperator'), factory(node))];
        const op: PhysicalOperation = { operators, layout: node.outputs };
        if (node.orderBy !== undefined) op.operators.push(new SortOperator(this.context(node, 'MergeOperator'), node.outputs.map((s) => s.type), this.sortKeys(node.outputs, node.orderBy)));
        return op;
      }
      case 'explainAnalyze': {
        const source = this.visit(node.source);
        source.operators.push(new ExplainAnalyzeOperator(this.context(node, 'ExplainAnalyzeOperator'), this.statsProvider, this.ctx.formatExplainAnalyze, node.verbose));
        return { operators: source.operators, layout: [node.outputSymbol] };
      }
      case 'apply':
      case 'correlatedJoin':
        throw new TrinoError(StandardErrorCode.GENERIC_INTERNAL_ERROR, `Plan node ${node.kind} must be removed by the optimizer before execution`);
      default:
        return assertNever(node, 'plan node');
    }
  }

  private sortKeys(layout: readonly Symbol[], items: readonly SortItem[]): SortKey[] {
    return items.map((item) => ({ channel: channelOf(layout, item.symbol.name), type: item.symbol.type, ascending: item.ascending, nullsFirst: item.nullsFirst }));
  }

  /** Reorders/prunes channels to `outputs` when the layout differs (zero-copy). */
  private select(node: PlanNode, op: PhysicalOperation, outputs: readonly Symbol[]): PhysicalOperation {
    if (sameLayout(op.layout, outputs)) return op;
    const layoutMap = layoutIndex(op.layout);
    const processor = new PageProcessor(
      this.compiler,
      layoutMap,
      undefined,
      outputs.map((s) => variable(s.name, s.type)),
    );
    op.operators.push(new FilterProjectOperator(this.context(node, 'FilterAndProjectOperator'), processor));
    return { operators: op.operators, layout: outputs };
  }

  private filterProject(
    node: PlanNode,
    source: PhysicalOperation,
    filter: RowExpression | undefined,
    projections: readonly RowExpression[],
    outputs: readonly Symbol[],
  ): PhysicalOperation {
    const processor = new PageProcessor(this.compiler, layoutIndex(source.layout), filter, projections);
    source.operators.push(new FilterProjectOperator(this.context(node, filter === undefined ? 'FilterAndProjectOperator' : 'FilterAndProjectOperator'), processor));
    return { operators: source.operators, layout: outputs };
  }

  private tableScan(
    node: PlanNode,
    catalog: string,
    handle: ConnectorTableHandle,
    assignments: readonly { readonly symbol: Symbol; readonly column: ConnectorColumnHandle }[],
    dynamicFilters: readonly { readonly id: string; readonly symbol: string }[],
  ): PhysicalOperation {
    const connector = this.ctx.metadata.getConnector(catalog);
    const session = this.ctx.metadata.connectorSession(this.ctx.session, catalog, this.ctx.queryId);
    const enabled = (this.ctx.session.systemProperties['enable_dynamic_filtering'] ?? 'true').toLowerCase() !== 'false';
    const filters = enabled
      ? dynamicFilters
          .map((f) => ({ id: f.id, channel: assignments.findIndex((a) => a.symbol.name === f.symbol) }))
          .filter((f) => f.channel >= 0)
      : [];
    const connectorFilter = this.dynamicFilters.connectorFilter(filters.map((f) => ({ id: f.id, column: assignments[f.channel]!.column.name })));
    const operators: Operator[] = [
      new TableScanOperator(
        this.context(node, 'ScanFilterAndProjectOperator'),
        connector,
        session,
        handle,
        assignments.map((a) => a.column),
        connectorFilter,
        this.counters,
        this.ctx.scanSplitConcurrency ?? 3,
        filters,
        this.dynamicFilters,
        node.kind === 'tableScan' ? this.ctx.splitSourceFactory?.(node) : undefined,
      ),
    ];
    return this.select(node, { operators, layout: assignments.map((a) => a.symbol) }, node.outputs);
  }

  private values(node: ValuesNode): PhysicalOperation {
    const types = node.outputs.map((s) => s.type);
    const pages: Page[] = [];
    if (node.rows.length > 0) {
      const env = (name: string): never => {
        throw new TrinoError(StandardErrorCode.GENERIC_INTERNAL_ERROR, `VALUES cannot reference ${name}`);
      };
      const columns = types.map(() => [] as ReturnType<ExpressionInterpreter['evaluate']>[]);
      for (const row of node.rows) row.forEach((e, c) => columns[c]!.push(e.kind === 'constant' ? e.value : this.interpreter.evaluate(e, env)));
      if (types.length === 0) pages.push(makePage([], node.rows.length));
      else pages.push(makePage(types.map((t, c) => blockOf(t, columns[c]!)), node.rows.length));
    }
    return { operators: [new ValuesOperator(this.context(node, 'ValuesOperator'), pages)], layout: node.outputs };
  }

  /** The values of an aggregate's lambda arguments (which capture no columns). */
  private lambdaValues(lambdas: readonly RowExpression[]): LambdaValue[] {
    const noColumns = (name: string): never => {
      throw new TrinoError(StandardErrorCode.GENERIC_INTERNAL_ERROR, `Lambda argument of an aggregate cannot reference ${name}`);
    };
    return lambdas.map((l) => this.interpreter.evaluate(l, noColumns) as LambdaValue);
  }

  private aggregation(original: AggregationNode): PhysicalOperation {
    // a PARTIAL step that runs on parallel drivers is not fused into its FINAL step
    const below = original.source.kind === 'exchange' ? original.source.sources[0] : original.source;
    const node = below !== undefined && this.substitutes.has(below.id) ? original : fusePartialAggregation(original);
    const source = this.visit(node.source);
    const layout = source.layout;
    const raw = node.step === 'SINGLE' || node.step === 'PARTIAL';
    const specs: AggregatorSpec[] = node.aggregates.map((call) => {
      const implementation = this.ctx.functions.getAggregateImplementation(call.function, this.ctx.functionContext, this.lambdaValues(call.lambdas ?? []));
      let inputChannels: number[];
      let inputTypes: SqlType[];
      if (raw) {
        inputChannels = call.arguments.map((a) => channelOf(layout, a.name));
        inputTypes = call.arguments.map((a) => a.type);
      } else {
        const intermediate =
          call.arguments.length === 1 && layout.some((s) => s.name === call.arguments[0]!.name) && !layout.some((s) => s.name === call.output.name)
            ? call.arguments[0]!
            : call.output;
        inputChannels = [channelOf(layout, intermediate.name)];
        inputTypes = [implementation.intermediateType];
      }
      const maskChannels: number[] = [];
      if (call.filter !== undefined) maskChannels.push(channelOf(layout, call.filter.name));
      if (call.mask !== undefined) maskChannels.push(channelOf(layout, call.mask.name));
      return {
        implementation,
        inputChannels,
        inputTypes,
        maskChannels: raw ? maskChannels : [],
        distinct: call.distinct && call.mask === undefined,
        orderBy: raw ? this.sortKeys(layout, call.orderBy) : [],
      };
    });
    const groupIdKeyIndex = node.groupIdSymbol === undefined ? undefined : node.groupingKeys.findIndex((k) => k.name === node.groupIdSymbol!.name);
    source.operators.push(
      new HashAggregationOperator(
        this.context(node, 'HashAggregationOperator'),
        node.groupingKeys.map((k) => channelOf(layout, k.name)),
        node.groupingKeys.map((k) => k.type),
        specs,
        node.step,
        node.groupingKeys.length === 0 ? [] : node.globalGroupingSets,
        groupIdKeyIndex === -1 ? undefined : groupIdKeyIndex,
      ),
    );
    return this.select(node, { operators: source.operators, layout: [...node.groupingKeys, ...node.aggregates.map((a) => a.output)] }, node.outputs);
  }

  private join(node: JoinNode): PhysicalOperation {
    const build = this.visit(node.right);
    const bridge = new JoinBridge();
    const buildKeys = node.criteria.map((c) => channelOf(build.layout, c.right.name));
    const filters = node.dynamicFilters
      .map((f) => ({ id: f.id, channel: build.layout.findIndex((s) => s.name === f.buildSymbol) }))
      .filter((f) => f.channel >= 0);
    const buildTypes = build.layout.map((s) => s.type);
    build.operators.push(new HashBuilderOperator(this.context(node, 'HashBuilderOperator'), buildTypes, buildKeys, bridge, filters, this.dynamicFilters));
    this.pipelines.push(build.operators);
    const probe = this.visit(node.left);
    const probeIndex = layoutIndex(probe.layout);
    const buildIndex = layoutIndex(build.layout);
    const outputs: JoinOutputChannel[] = node.outputs.map((s) => {
      const p = probeIndex.get(s.name);
      if (p !== undefined) return { side: 'probe', channel: p, type: s.type };
      const b = buildIndex.get(s.name);
      if (b === undefined) throw new TrinoError(StandardErrorCode.GENERIC_INTERNAL_ERROR, `Join output ${s.name} comes from neither side`);
      return { side: 'build', channel: b, type: s.type };
    });
    let filter;
    const filterChannels = { probe: [] as number[], build: [] as number[] };
    if (node.filter !== undefined) {
      const combined = new Map<string, number>();
      probe.layout.forEach((s, i) => combined.set(s.name, i));
      build.layout.forEach((s, i) => combined.set(s.name, probe.layout.length + i));
      for (const name of collectVariables(node.filter)) {
        const p = probeIndex.get(name);
        if (p !== undefined) filterChannels.probe.push(p);
        const b = buildIndex.get(name);
        if (b !== undefined) filterChannels.build.push(b);
      }
      filter = this.compiler.compileFilter(node.filter, combined);
    }
    probe.operators.push(
      new LookupJoinOperator(
        this.context(node, 'LookupJoinOperator'),
        node.joinType,
        bridge,
        node.criteria.map((c) => channelOf(probe.layout, c.left.name)),
        probe.layout.map((s) => s.type),
        build.layout.map((s) => s.type),
        outputs,
        filter,
        filterChannels,
      ),
    );
    return { operators: probe.operators, layout: node.outputs };
  }

  private exchange(node: ExchangeNode): PhysicalOperation {
    let op: PhysicalOperation;
    if (node.sources.length === 1) {
      const source = this.visit(node.sources[0]!);
      const inputs = node.inputs[0]!;
      const renamed = inputs.map((s, i) => ({ from: s, to: node.outputs[i]! }));
      const processor = new PageProcessor(
        this.compiler,
        layoutIndex(source.layout),
        undefined,
        renamed.map((r) => variable(r.from.name, r.from.type)),
      );
      if (sameLayout(source.layout, inputs)) op = { operators: source.operators, layout: node.outputs };
      else {
        source.operators.push(new FilterProjectOperator(this.context(node, 'LocalExchangeOperator'), processor));
        op = { operators: source.operators, layout: node.outputs };
      }
    } else {
      op = this.gather(node, node.sources, node.outputs, (i) => node.inputs[i]!);
    }
    if (node.orderBy !== undefined && node.orderBy.length > 0) {
      op.operators.push(new SortOperator(this.context(node, 'MergeOperator'), op.layout.map((s) => s.type), this.sortKeys(op.layout, node.orderBy)));
    }
    return op;
  }

  /** Runs each source in its own pipeline into one local exchange. */
  private gather(node: PlanNode, sources: readonly PlanNode[], outputs: readonly Symbol[], inputsOf: (i: number) => readonly Symbol[]): PhysicalOperation {
    const exchange = new LocalExchange(sources.length, undefined, this.memory.newOperatorContext('LocalExchangeBuffer'));
    sources.forEach((source, i) => {
      const op = this.visit(source);
      const channels = inputsOf(i).map((s) => channelOf(op.layout, s.name));
      op.operators.push(new LocalExchangeSinkOperator(this.context(node, 'LocalExchangeSinkOperator'), exchange, channels));
      this.pipelines.push(op.operators);
    });
    return { operators: [new LocalExchangeSourceOperator(this.context(node, 'LocalExchangeSourceOperator'), exchange)], layout: outputs };
  }
}


/** Reorders a set-operation source's channels and appends a constant channel with its index. */
class SetSourceTagOperator extends FilterProjectOperator {
  constructor(context: OperatorContext, channels: readonly number[], index: number) {
    super(context, {
      process: (page: Page) =>
        makePage(
          [...channels.map((c) => page.blocks[c]!), float64Block(new Float64Array(page.positionCount).fill(index))],
          page.positionCount,
        ),
    } as unknown as PageProcessor);
  }
}

/**
 * FINAL over an in-process exchange over PARTIAL with the same keys is one SINGLE aggregation
 * here: exchanges run in-process, so the partial step would only hash every row twice.
 */
export function fusePartialAggregation(node: AggregationNode): AggregationNode {
  if (node.step !== 'FINAL') return node;
  let below: PlanNode = node.source;
  if (below.kind === 'exchange') {
    const exchange = below;
    if (exchange.sources.length !== 1 || (exchange.orderBy !== undefined && exchange.orderBy.length > 0)) return node;
    const inputs = exchange.inputs[0]!;
    if (inputs.length !== exchange.outputs.length || inputs.some((s, i) => s.name !== exchange.outputs[i]!.name)) return node;
    below = exchange.sources[0]!;
  }
  if (below.kind !== 'aggregation' || below.step !== 'PARTIAL') return node;
  const partial = below;
  if (partial.groupingKeys.length !== node.groupingKeys.length || partial.groupingKeys.some((k, i) => k.name !== node.groupingKeys[i]!.name)) return node;
  if (partial.aggregates.length !== node.aggregates.length) return node;
  const aggregates = node.aggregates.map((finalCall, i) => {
    const partialCall = partial.aggregates[i]!;
    if (finalCall.arguments.length !== 1 || finalCall.arguments[0]!.name !== partialCall.output.name) return undefined;
    return { ...partialCall, output: finalCall.output };
  });
  if (aggregates.some((a) => a === undefined)) return node;
  return { ...node, step: 'SINGLE', source: partial.source, aggregates: aggregates as AggregationNode['aggregates'] };
}

function findWriter(node: PlanNode): (PlanNode & { kind: 'tableWriter' }) | undefined {
  if (node.kind === 'tableWriter') return node;
  const children: PlanNode[] = 'source' in node && node.source !== undefined ? [node.source as PlanNode] : 'sources' in node ? [...(node.sources as PlanNode[])] : [];
  for (const c of children) {
    const w = findWriter(c);
    if (w !== undefined) return w;
  }
  return undefined;
}

export function layoutIndex(layout: readonly Symbol[]): Map<string, number> {
  const map = new Map<string, number>();
  layout.forEach((s, i) => map.set(s.name, i));
  return map;
}

function channelOf(layout: readonly Symbol[], name: string): number {
  for (let i = 0; i < layout.length; i++) if (layout[i]!.name === name) return i;
  throw new TrinoError(StandardErrorCode.GENERIC_INTERNAL_ERROR, `Symbol ${name} not found in [${layout.map((s) => s.name).join(', ')}]`);
}

function sameLayout(a: readonly Symbol[], b: readonly Symbol[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i]!.name !== b[i]!.name) return false;
  return true;
}
