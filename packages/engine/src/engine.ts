import { existsSync } from 'node:fs';
import type { Statement } from '@petrel/sql';
import type { ConnectorFactory, SqlValue } from '@petrel/spi';
import { pageRows, StandardErrorCode, TrinoError, VARCHAR } from '@petrel/spi';
import { memoryConnectorFactory } from '@petrel/connector-memory';
import { mysqlConnectorFactory } from '@petrel/connector-mysql';
import { postgresqlConnectorFactory } from '@petrel/connector-postgresql';
import { tpchConnectorFactory } from '@petrel/connector-tpch';
import type { CatalogDefinition } from './config/catalog-definition.js';
import { loadCatalogDefinitions } from './config/catalog-loader.js';
import { parseDataSize } from './config/data-size.js';
import { parseDuration } from './config/duration.js';
import { withInformationSchema } from './connector/information-schema/catalog-connector.js';
import { createSystemConnector } from './connector/system/system-connector.js';
import type { QueryInfoRow, SystemState, TaskInfoRow } from './connector/system/system-state.js';
import type { ExecutionContext, ExecutionStats, PlanExecution } from './execution/execution-context.js';
import type { OutputNode, PlanNode, TableScanNode } from './planner/plan/plan-node.js';
import { symbol } from './planner/plan/symbol.js';
import { collectNodes } from './planner/plan/plan-sources.js';
import { RuleStatsRecorder } from './planner/optimizer/rule-stats-recorder.js';
import { TransactionRegistry } from './query/transaction-registry.js';
import type { FunctionContext } from './function/function-implementation.js';
import type { FunctionRegistry } from './function/function-registry.js';
import { MetadataManager } from './metadata/metadata-manager.js';
import type { PlannedQuery, PlannerContext } from './planner/planner-context.js';
import type { Collaborators } from './query/collaborators.js';
import { loadCollaborators } from './query/collaborators.js';
import { LocalQueryExecution } from './query/local-query-execution.js';
import type { QueryExecution, QueryResultColumn } from './query/query-execution.js';
import { QueryIdGenerator } from './query/query-id.js';
import type { StatementResult } from './query/statement-result.js';
import type { Session, SessionUpdate } from './session/session.js';
import { createSession } from './session/session.js';
import type { BoundParameter, StatementContext } from './statement/statement-context.js';
import { executeStatement } from './statement/statement-executor.js';

export type { CatalogDefinition } from './config/catalog-definition.js';

export interface EngineOptions {
  readonly catalogs?: readonly CatalogDefinition[];
  readonly etcDir?: string;
  readonly nodeId?: string;
  readonly environment?: string;
  readonly queryMaxMemoryBytes?: number;
  /** Extra connector factories (postgresql, mysql ...) by `connector.name`. */
  readonly connectorFactories?: readonly ConnectorFactory[];
  /** The URI this node serves on, for `system.runtime.nodes`. */
  readonly httpUri?: string;
  /** Finished queries kept for `listQueries()` and `system.runtime.queries`. */
  readonly maxQueryHistory?: number;
  /** Data directory for connectors that keep files. */
  readonly dataDirectory?: string;
  /**
   * `task.concurrency`: drivers per source pipeline, run on worker threads when above 1 (the
   * `task_concurrency` session property overrides it per query). Default 1: every driver on the
   * calling thread.
   */
  readonly taskConcurrency?: number;
  /** Cluster mode: the nodes the coordinator's node manager knows, for `system.runtime.nodes`. */
  readonly clusterNodes?: () => readonly { readonly nodeId: string; readonly httpUri: string; readonly nodeVersion: string; readonly coordinator: boolean; readonly state: string }[];
  /** Cluster mode: the tasks of every node, for `system.runtime.tasks`. */
  readonly clusterTasks?: () => Promise<readonly TaskInfoRow[]>;
}

export interface QueryResult {
  readonly columns: readonly QueryResultColumn[];
  readonly rows: SqlValue[][];
  readonly updateType?: string;
  readonly updateCount?: number;
  readonly sessionUpdates: readonly SessionUpdate[];
}

export const ENGINE_VERSION = '0.1.0';
const DEFAULT_QUERY_MAX_MEMORY = parseDataSize('20GB');

/** Default catalogs when neither `catalogs` nor `etcDir` is given. */
export const DEFAULT_CATALOGS: readonly CatalogDefinition[] = [
  { name: 'tpch', connectorName: 'tpch', properties: {} },
  { name: 'memory', connectorName: 'memory', properties: {} },
];

/**
 * The embeddable engine: turns SQL text into results by calling the parser, the planner, the
 * execution engine and the function registry, over catalogs created from definitions.
 */
export class Engine {
  readonly metadata: MetadataManager;
  readonly nodeId: string;
  readonly environment: string;
  private readonly queries = new Map<string, LocalQueryExecution>();
  private readonly queryIds: QueryIdGenerator;
  private readonly maxQueryHistory: number;
  private readonly httpUri: string;
  private closed = false;
  /** Optimizer rule invocations since start (`system.runtime.optimizer_rule_stats`). */
  private readonly ruleStats = new RuleStatsRecorder();
  /** Open transactions (`system.runtime.transactions`). */
  private readonly transactions = new TransactionRegistry();
  /** The transaction each running statement runs in. */
  private readonly queryTransactions = new Map<string, string>();

  private constructor(
    private readonly options: EngineOptions,
    readonly functions: FunctionRegistry,
    private readonly collaborators: Collaborators,
  ) {
    this.nodeId = options.nodeId ?? 'petrel';
    this.environment = options.environment ?? 'petrel';
    this.metadata = new MetadataManager(this.nodeId, options.dataDirectory, withInformationSchema);
    this.queryIds = new QueryIdGenerator();
    this.maxQueryHistory = options.maxQueryHistory ?? 200;
    this.httpUri = options.httpUri ?? 'http://localhost:8080';
  }

  static async create(options: EngineOptions = {}): Promise<Engine> {
    const collaborators = await loadCollaborators();
    const functions = collaborators.createFunctionRegistry();
    const engine = new Engine(options, functions, collaborators);
    engine.metadata.registerConnectorFactory(memoryConnectorFactory);
    engine.metadata.registerConnectorFactory(tpchConnectorFactory);
    engine.metadata.registerConnectorFactory(postgresqlConnectorFactory);
    engine.metadata.registerConnectorFactory(mysqlConnectorFactory);
    for (const factory of options.connectorFactories ?? []) engine.metadata.registerConnectorFactory(factory);

    let definitions: readonly CatalogDefinition[];
    if (options.catalogs !== undefined) definitions = options.catalogs;
    else if (options.etcDir !== undefined) {
      if (!existsSync(options.etcDir)) {
        throw new TrinoError(StandardErrorCode.CONFIGURATION_INVALID, `Configuration directory does not exist: ${options.etcDir}`);
      }
      definitions = loadCatalogDefinitions(options.etcDir);
    } else definitions = DEFAULT_CATALOGS;
    for (const definition of definitions) {
      if (definition.name === 'system') {
        throw new TrinoError(StandardErrorCode.CONFIGURATION_INVALID, `${definition.source ?? 'Catalog definition'}: the catalog name 'system' is reserved`);
      }
      engine.metadata.createCatalog(definition);
    }
    engine.metadata.addCatalog('system', 'system', createSystemConnector(engine.systemState()));
    return engine;
  }

  execute(sql: string, session: Session, options: { readonly queryId?: string } = {}): QueryExecution {
    if (this.closed) throw new TrinoError(StandardErrorCode.SERVER_SHUTTING_DOWN, 'Server is shutting down');
    const queryId = options.queryId ?? this.queryIds.next();
    const transactionId = this.transactions.statementStarted(session.transactionId);
    this.queryTransactions.set(queryId, transactionId);
    const query = new LocalQueryExecution(queryId, sql, session.user, session.source, (q) => this.run(q, sql, session), {
      onDone: (q) => {
        this.metadata.queryFinished(q.queryId);
        this.transactionStatementDone(q, transactionId);
        this.pruneHistory();
      },
    });
    this.queries.set(queryId, query);
    this.enforceRunTime(query, session);
    return query;
  }

  async query(sql: string, session: Partial<Session> = {}): Promise<QueryResult> {
    const execution = this.execute(sql, createSession(session));
    const columns = await execution.columns();
    const rows: SqlValue[][] = [];
    for (let p = await execution.nextPage(); p !== undefined; p = await execution.nextPage()) rows.push(...pageRows(p));
    const updateType = execution.updateType();
    const updateCount = execution.updateCount();
    return {
      columns,
      rows,
      ...(updateType === undefined ? {} : { updateType }),
      ...(updateCount === undefined ? {} : { updateCount }),
      sessionUpdates: execution.sessionUpdates(),
    };
  }

  listQueries(): readonly QueryExecution[] {
    return [...this.queries.values()];
  }

  getQuery(queryId: string): QueryExecution | undefined {
    return this.queries.get(queryId);
  }

  async shutdown(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    for (const query of this.queries.values()) {
      const state = query.state();
      if (state !== 'FINISHED' && state !== 'FAILED') query.fail(new TrinoError(StandardErrorCode.SERVER_SHUTTING_DOWN, 'Server is shutting down'));
    }
    await this.metadata.shutdown();
  }

  /** `query_max_memory` of a session, capped by the engine's limit. */
  queryMaxMemoryBytes(session: Session): number {
    const configured = this.options.queryMaxMemoryBytes ?? DEFAULT_QUERY_MAX_MEMORY;
    const text = session.systemProperties['query_max_memory'];
    if (text === undefined) return configured;
    try {
      return Math.min(parseDataSize(text), configured);
    } catch {
      return configured;
    }
  }

  private enforceRunTime(query: LocalQueryExecution, session: Session): void {
    const text = session.systemProperties['query_max_run_time'] ?? session.systemProperties['query_max_execution_time'];
    if (text === undefined) return;
    let millis: number;
    try {
      millis = parseDuration(text);
    } catch {
      return;
    }
    query.setDeadline(query.createTime + millis, () => new TrinoError(StandardErrorCode.EXCEEDED_TIME_LIMIT, `Query exceeded maximum time limit of ${text}`));
  }

  /** Ends the statement's part in its transaction; START TRANSACTION, COMMIT and ROLLBACK open or close one. */
  private transactionStatementDone(query: LocalQueryExecution, transactionId: string): void {
    this.queryTransactions.delete(query.queryId);
    this.transactions.statementFinished(transactionId);
    if (query.state() !== 'FINISHED') return;
    for (const update of query.sessionUpdates()) {
      if (update.kind === 'startTransaction') this.transactions.begin(update.transactionId);
      else if (update.kind === 'clearTransaction') this.transactions.end(transactionId);
    }
  }

  private pruneHistory(): void {
    if (this.queries.size <= this.maxQueryHistory) return;
    for (const [id, q] of this.queries) {
      if (this.queries.size <= this.maxQueryHistory) break;
      const state = q.state();
      if (state === 'FINISHED' || state === 'FAILED') this.queries.delete(id);
    }
  }

  private async run(query: LocalQueryExecution, sql: string, session: Session): Promise<StatementResult> {
    this.metadata.registerQueryStart(query.queryId, query.createTime);
    const statement = this.collaborators.parseStatement(sql);
    return executeStatement(this.statementContext(query, sql, session, []), statement);
  }

  private statementContext(query: LocalQueryExecution, sql: string, session: Session, parameters: readonly BoundParameter[]): StatementContext {
    const engine = this;
    const context: StatementContext = {
      queryId: query.queryId,
      sql,
      session,
      metadata: this.metadata,
      functions: this.functions,
      collaborators: this.collaborators,
      parameters,
      signal: query.abortController.signal,
      plan: (statement, options) => engine.plan(query, statement, options?.session ?? session, options?.parameters ?? parameters),
      planAndExecute: async (statement, options) => {
        const s = options?.session ?? session;
        const planned = await engine.plan(query, statement, s, options?.parameters ?? parameters);
        return engine.executePlanned(query, planned, s);
      },
      runSql: async (text, s) => {
        const statement = engine.collaborators.parseStatement(text);
        return executeStatement(engine.statementContext(query, text, s ?? session, []), statement);
      },
      withParameters: (bound, preparedSql) => engine.statementContext(query, preparedSql, session, bound),
      explainAnalyze: async (statement, verbose) => {
        const planned = await engine.plan(query, statement, session, parameters);
        const output = symbol('explain_analyze', VARCHAR);
        const root: OutputNode = {
          kind: 'output',
          id: 'explain_analyze_output',
          outputs: [output],
          columnNames: ['Query Plan'],
          source: { kind: 'explainAnalyze', id: 'explain_analyze', outputs: [output], source: planned.root.source, outputSymbol: output, verbose },
        };
        const format = (stats: ExecutionStats): string => {
          const timing = query.stats();
          const header = `Queued: ${millis(timing.queuedMillis)}, Analysis: ${millis(timing.planningMillis)}, Planning: ${millis(0)}, Execution: ${millis(Date.now() - (query.startedTime() ?? query.createTime) - timing.planningMillis)}`;
          const plan = engine.collaborators.formatPlan(planned.root, { type: 'DISTRIBUTED', format: 'TEXT', stats, describeHandle: (node) => engine.describeTableScan(node) });
          return `${header}\n${plan}`;
        };
        return engine.executePlanned(query, { root, columns: [{ name: 'Query Plan', type: VARCHAR }] }, session, format);
      },
      describeTableScan: (node) => engine.describeTableScan(node),
      createCatalog: async (definition) => {
        engine.metadata.createCatalog(definition);
      },
      dropCatalog: (name) => engine.metadata.dropCatalog(name),
    };
    return context;
  }

  private plannerContext(query: LocalQueryExecution, session: Session, parameters: readonly BoundParameter[]): PlannerContext {
    return { queryId: query.queryId, session, metadata: this.metadata, functions: this.functions, parameters, ruleStats: this.ruleStats };
  }

  private async plan(query: LocalQueryExecution, statement: Statement, session: Session, parameters: readonly BoundParameter[]): Promise<PlannedQuery> {
    return this.collaborators.planStatement(statement, this.plannerContext(query, session, parameters));
  }

  private functionContext(query: LocalQueryExecution, session: Session): FunctionContext {
    return {
      user: session.user,
      timeZone: session.timeZone,
      startTime: query.createTime,
      catalog: session.catalog,
      schema: session.schema,
      path: session.path ?? '',
      locale: session.locale,
      queryId: query.queryId,
    };
  }

  private describeTableScan(node: TableScanNode): string | undefined {
    try {
      return this.metadata.getConnector(node.table.catalog).metadata.describeTableHandle?.(node.handle);
    } catch {
      return undefined;
    }
  }

  /** Cluster mode (coordinator): runs plans across workers; undefined runs a plan here. */
  private distributedExecutor: ((root: PlanNode, context: ExecutionContext) => PlanExecution | undefined) | undefined;

  /** Cluster mode: the coordinator's scheduler takes plans it can distribute (see cluster/scheduler). */
  setDistributedExecutor(executor: ((root: PlanNode, context: ExecutionContext) => PlanExecution | undefined) | undefined): void {
    this.distributedExecutor = executor;
  }

  /** Cluster mode (workers): runs one plan fragment of another node's query with this node's catalogs. */
  executeFragment(
    root: PlanNode,
    options: {
      readonly queryId: string;
      readonly session: Session;
      readonly signal: AbortSignal;
      readonly remoteSourceFactory: NonNullable<ExecutionContext['remoteSourceFactory']>;
      readonly splitSourceFactory?: ExecutionContext['splitSourceFactory'];
      readonly remoteDynamicFilters?: ExecutionContext['remoteDynamicFilters'];
      readonly remoteSourceStreamsFactory?: ExecutionContext['remoteSourceStreamsFactory'];
    },
  ): PlanExecution {
    const context: ExecutionContext = {
      queryId: options.queryId,
      session: options.session,
      metadata: this.metadata,
      functions: this.functions,
      functionContext: {
        user: options.session.user,
        timeZone: options.session.timeZone,
        startTime: Date.now(),
        catalog: options.session.catalog,
        schema: options.session.schema,
        path: options.session.path ?? '',
        locale: options.session.locale,
        queryId: options.queryId,
      },
      maxMemoryBytes: this.queryMaxMemoryBytes(options.session),
      signal: options.signal,
      remoteSourceFactory: options.remoteSourceFactory,
      ...(options.splitSourceFactory === undefined ? {} : { splitSourceFactory: options.splitSourceFactory }),
      ...(options.remoteDynamicFilters === undefined ? {} : { remoteDynamicFilters: options.remoteDynamicFilters }),
      ...(options.remoteSourceStreamsFactory === undefined ? {} : { remoteSourceStreamsFactory: options.remoteSourceStreamsFactory }),
      // a worker's task runs its source pipelines on `task.concurrency` drivers, as a single node does
      parallelism: { drivers: this.taskConcurrency(options.session), catalog: (name) => this.catalogDefinition(name) },
    };
    return this.collaborators.executePlan(root, context);
  }

  private catalogDefinition(name: string): CatalogDefinition | undefined {
    const info = this.metadata.getCatalogInfo(name);
    return info === undefined ? undefined : { name: info.name, connectorName: info.connectorName, properties: info.properties };
  }

  /** Drivers per source pipeline for a query: the `task_concurrency` session property when set, else `task.concurrency`. */
  private taskConcurrency(session: Session): number {
    const property = session.systemProperties['task_concurrency'];
    const drivers = property === undefined ? (this.options.taskConcurrency ?? 1) : Number(property);
    return Number.isInteger(drivers) && drivers >= 1 ? drivers : 1;
  }

  /** The catalog's connector name (`tpch`, `memory` ...), undefined when unknown. */
  connectorNameOf(catalog: string): string | undefined {
    return this.metadata.catalogInfos().find((c) => c.name === catalog)?.connectorName;
  }

  private executePlanned(
    query: LocalQueryExecution,
    planned: PlannedQuery,
    session: Session,
    formatExplainAnalyze?: (stats: ExecutionStats) => string,
  ): StatementResult {
    const context: ExecutionContext = {
      queryId: query.queryId,
      session,
      metadata: this.metadata,
      functions: this.functions,
      functionContext: this.functionContext(query, session),
      maxMemoryBytes: this.queryMaxMemoryBytes(session),
      signal: query.abortController.signal,
      ...(formatExplainAnalyze === undefined ? {} : { formatExplainAnalyze }),
      parallelism: { drivers: this.taskConcurrency(session), catalog: (name) => this.catalogDefinition(name) },
    };
    query.markRunning();
    this.recordCatalogsUsed(query.queryId, planned.root);
    // a cluster's coordinator distributes what it can, EXPLAIN ANALYZE included
    const execution = this.distributedExecutor?.(planned.root, context) ?? this.collaborators.executePlan(planned.root, context);
    return {
      columns: planned.columns,
      source: {
        next: () => execution.next(),
        close: () => execution.close(),
        stats: () => execution.stats(),
      },
      updateType: undefined,
      updateCount: undefined,
      updateCountFromRows: false,
      sessionUpdates: [],
    };
  }

  /** The catalogs a plan reads and writes, on the transaction its statement runs in. */
  private recordCatalogsUsed(queryId: string, root: PlanNode): void {
    const transactionId = this.queryTransactions.get(queryId);
    if (transactionId === undefined) return;
    const read = new Set<string>();
    let written: string | undefined;
    for (const node of collectNodes(root)) {
      if (node.kind === 'tableScan') read.add(node.table.catalog);
      else if (node.kind === 'tableWriter' || node.kind === 'tableFinish' || node.kind === 'tableDelete') written = node.target.catalog;
    }
    this.transactions.catalogsUsed(transactionId, read, written);
  }

  private systemState(): SystemState {
    return {
      nodes: () =>
        this.options.clusterNodes?.().map((n) => ({ nodeId: n.nodeId, httpUri: n.httpUri, nodeVersion: n.nodeVersion, coordinator: n.coordinator, state: n.state })) ?? [
          { nodeId: this.nodeId, httpUri: this.httpUri, nodeVersion: ENGINE_VERSION, coordinator: true, state: 'active' },
        ],
      queries: () => [...this.queries.values()].map((q) => queryInfoRow(q)),
      ...(this.options.clusterTasks === undefined ? {} : { tasks: this.options.clusterTasks }),
      catalogs: () => this.metadata.catalogInfos().map((c) => ({ name: c.name, connectorName: c.connectorName, connector: c.connector })),
      transactions: () => this.transactions.list(),
      optimizerRuleStats: () => this.ruleStats.snapshot(),
    };
  }
}

function millis(value: number): string {
  return `${Math.max(0, value).toFixed(2)}ms`;
}

function queryInfoRow(q: LocalQueryExecution): QueryInfoRow {
  const stats = q.stats();
  const error = q.error();
  const started = q.startedTime();
  return {
    queryId: q.queryId,
    state: q.state(),
    user: q.user,
    source: q.source,
    query: q.sql,
    queuedMillis: stats.queuedMillis,
    analysisMillis: stats.planningMillis,
    planningMillis: stats.planningMillis,
    created: stats.createTime,
    started,
    lastHeartbeat: q.lastHeartbeatTime(),
    end: stats.endTime,
    errorType: error?.errorCode.type,
    errorCode: error?.errorCode.name,
    totalSplits: stats.totalSplits,
    completedSplits: stats.completedSplits,
    processedRows: stats.processedRows,
    processedBytes: stats.processedBytes,
    outputRows: stats.outputRows,
    outputBytes: stats.outputBytes,
  };
}
