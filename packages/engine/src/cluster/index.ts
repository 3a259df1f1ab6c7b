export { NodeManager } from './node/node-manager.js';
export type { ClusterNode, ClusterNodeState, NodeAnnouncement, NodeManagerOptions } from './node/node-manager.js';
export { serializePage, deserializePage, isZstdAvailable, isLz4Available, PAGE_CODEC_NONE, PAGE_CODEC_ZSTD, PAGE_CODEC_LZ4, DEFAULT_PAGE_SERDE_OPTIONS } from './serde/page-serde.js';
export type { ExchangeCompressionCodec, PageSerdeOptions } from './serde/page-serde.js';
export { encodePlanJson, decodePlanJson } from './task/plan-codec.js';
export { OutputBuffer } from './task/output-buffer.js';
export type { OutputBufferKind, OutputBufferSpec, BufferResult } from './task/output-buffer.js';
export { SqlTask, DEFAULT_MAX_BUFFERED_BYTES } from './task/sql-task.js';
export type { ExchangeFactory, FragmentExecutor } from './task/sql-task.js';
export { TaskManager } from './task/task-manager.js';
export type { TaskFailure, TaskLocation, TaskState, TaskStatus, TaskUpdateRequest } from './task/task-types.js';
export { isDoneTaskState } from './task/task-types.js';
export {
  ExchangeClient,
  DEFAULT_EXCHANGE_OPTIONS,
  encodePagesBody,
  decodePagesBody,
  remoteHostGone,
  pageTransportTimeout,
  PAGE_TOKEN_HEADER,
  PAGE_NEXT_TOKEN_HEADER,
  BUFFER_COMPLETE_HEADER,
  PAGES_CONTENT_TYPE,
} from './exchange/exchange-client.js';
export type { ExchangeClientOptions } from './exchange/exchange-client.js';
export { scheduleDistributed, DistributedExecution, QueryRetryExecution, retryPolicyOf } from './scheduler/distributed-execution.js';
export type { ClusterSchedulerOptions, SchedulableNode, StageInfo, StageState, StageTaskInfo } from './scheduler/distributed-execution.js';
export { mergeOperatorStats } from './scheduler/distributed-execution.js';
export { StageRegistry } from './scheduler/stage-registry.js';
export { gatherClusterTasks } from './node/cluster-tasks.js';
export type { ClusterTaskRow } from './node/cluster-tasks.js';
export { DEFAULT_MAX_SPLITS_PER_NODE } from './scheduler/split-assignment.js';
export type { TaskSplitAssignment, TaskStats } from './task/task-types.js';
// What cluster wiring (the server) needs from the other layers.
export { planSources } from '../planner/plan/plan-sources.js';
export type { PlanNode, RemoteSourceNode } from '../planner/plan/plan-node.js';
export { executePlan } from '../execution/index.js';
export type { ExecutionContext, ExecutionStats, OperatorStats, PlanExecution, RemotePageStream } from '../execution/execution-context.js';
export { clusterSettingsFromProperties } from './node/cluster-settings.js';
export type { ClusterSettings } from './node/cluster-settings.js';
export { FileSystemExchangeManager, exchangeManagerFromProperties, loadExchangeManager, FILESYSTEM_EXCHANGE_MANAGER } from './exchange/spool/filesystem-exchange-manager.js';
export { SpoolWriter, spoolFileOf } from './exchange/spool/spool-writer.js';
export type { SpoolTarget } from './exchange/spool/spool-writer.js';
export { SpoolExchangeReader } from './exchange/spool/spool-reader.js';
export { openExchangeSource } from './exchange/exchange-source.js';
export { FaultTolerantExecution, DEFAULT_TASK_RETRY_ATTEMPTS_PER_TASK } from './scheduler/fault-tolerant-execution.js';
export type { FaultTolerantSettings } from './scheduler/fault-tolerant-execution.js';
