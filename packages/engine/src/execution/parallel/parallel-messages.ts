import type { ConnectorSplit, ErrorCode, SourceLocation } from '@petrel/spi';
import type { CatalogDefinition } from '../../config/catalog-definition.js';
import type { FunctionContext } from '../../function/function-implementation.js';
import type { PlanNode } from '../../planner/plan/plan-node.js';
import type { Session } from '../../session/session.js';
import type { TransferBlock, TransferPage } from './page-transfer.js';

/**
 * The messages between the main thread and a pool worker. One *task* is one driver of a source
 * pipeline (scan + filter/project + partial aggregation / partial TopN) running in a worker: it
 * asks for splits one at a time, sends its output pages (typed arrays, transferred), and ends with
 * `finished` or `failed`.
 */
export type ToWorkerMessage =
  | {
      readonly type: 'start';
      readonly taskId: number;
      readonly queryId: string;
      readonly plan: PlanNode;
      /** Definitions of the catalogs the plan scans, so the worker can build their connectors. */
      readonly catalogs: readonly CatalogDefinition[];
      readonly session: Session;
      readonly functionContext: FunctionContext;
      readonly maxMemoryBytes: number;
    }
  | { readonly type: 'split'; readonly taskId: number; readonly split: TransferSplit | undefined }
  /** The main thread consumed one of the task's pages. */
  | { readonly type: 'ack'; readonly taskId: number }
  | { readonly type: 'cancel'; readonly taskId: number };

export type FromWorkerMessage =
  | { readonly type: 'needSplit'; readonly taskId: number }
  | { readonly type: 'page'; readonly taskId: number; readonly page: TransferPage; readonly reservedBytes: number }
  /** `processedRows`: rows the task's scan read. */
  | { readonly type: 'finished'; readonly taskId: number; readonly processedRows: number }
  | { readonly type: 'failed'; readonly taskId: number; readonly error: TransferError };

/**
 * A split as it crosses threads. Splits are data by contract; a memory-connector split also
 * carries the stored pages it reads (shared-memory typed arrays), since the tables live on the
 * main thread.
 */
export interface TransferSplit {
  readonly split: ConnectorSplit;
  readonly pages?: readonly TransferStoredPage[];
}

export interface TransferStoredPage {
  readonly pageId: number;
  readonly positionCount: number;
  readonly columns: readonly (readonly [columnId: number, block: TransferBlock])[];
}

/** A TrinoError by name (its error code), message and location. */
export interface TransferError {
  readonly errorCode: ErrorCode;
  readonly message: string;
  readonly location: SourceLocation | undefined;
  readonly stack: string | undefined;
}
