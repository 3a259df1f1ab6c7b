import { parentPort } from 'node:worker_threads';
import type { ConnectorSplit, ConnectorSplitSource } from '@petrel/spi';
import { StandardErrorCode, TrinoError, assertNever, toTrinoError } from '@petrel/spi';
import { memoryConnectorFactory } from '@petrel/connector-memory';
import { tpchConnectorFactory } from '@petrel/connector-tpch';
import { createFunctionRegistry } from '../../function/index.js';
import { MetadataManager } from '../../metadata/metadata-manager.js';
import type { CatalogDefinition } from '../../config/catalog-definition.js';
import type { ExecutionContext, PlanExecution } from '../execution-context.js';
import { executePlan } from '../execute-plan.js';
import { decodeBlock, encodePage, transferListOf } from './page-transfer.js';
import type { FromWorkerMessage, ToWorkerMessage, TransferSplit } from './parallel-messages.js';

/**
 * A pool worker: runs source pipelines of queries planned on the main thread. It builds its own
 * function registry and, per set of catalog definitions, its own connectors (tpch generates data
 * here; memory reads the shared-memory pages its splits carry).
 */

/** Splits a driver asks for beyond the one it is about to read. */
const SPLITS_REQUESTED_AHEAD = 2;

/** Pages a task may have sent and not yet seen acknowledged. */
const MAX_PAGES_IN_FLIGHT = 2;

const port = parentPort;
if (port === null) throw new Error('worker-main runs only as a worker thread');

const functions = createFunctionRegistry();
const metadataByCatalogs = new Map<string, MetadataManager>();
const tasks = new Map<number, WorkerTask>();

function post(message: FromWorkerMessage, transfer: ArrayBuffer[] = []): void {
  port!.postMessage(message, transfer);
}

function metadataFor(catalogs: readonly CatalogDefinition[]): MetadataManager {
  const key = JSON.stringify(catalogs.map((c) => [c.name, c.connectorName, c.properties]));
  let metadata = metadataByCatalogs.get(key);
  if (metadata === undefined) {
    metadata = new MetadataManager('petrel-worker');
    metadata.registerConnectorFactory(memoryConnectorFactory);
    metadata.registerConnectorFactory(tpchConnectorFactory);
    for (const definition of catalogs) metadata.createCatalog(definition);
    metadataByCatalogs.set(key, metadata);
  }
  return metadata;
}

class WorkerTask {
  private readonly abort = new AbortController();
  private inFlight = 0;
  private wakeAck: (() => void) | undefined;

  constructor(
    private readonly taskId: number,
    private readonly message: Extract<ToWorkerMessage, { type: 'start' }>,
  ) {}

  /**
   * Splits come from the main thread one at a time, with SPLITS_REQUESTED_AHEAD more requested while
   * the scan reads the current one, so a driver never idles for a message round trip between splits
   * (on a loaded machine a round trip can take longer than reading a split).
   */
  private readonly splitSource: ConnectorSplitSource = {
    nextBatch: async () => {
      while (!this.noMoreSplits && this.requested.length < 1 + SPLITS_REQUESTED_AHEAD) this.requested.push(this.requestSplit());
      const next = await this.requested.shift();
      if (next === undefined) {
        this.noMoreSplits = true;
        return { splits: [], done: true };
      }
      return { splits: [decodeSplit(next)], done: false };
    },
    close: () => {},
  };
  private readonly requested: Promise<TransferSplit | undefined>[] = [];
  private noMoreSplits = false;
  private readonly splitWaiters: ((split: TransferSplit | undefined) => void)[] = [];

  private requestSplit(): Promise<TransferSplit | undefined> {
    return new Promise<TransferSplit | undefined>((resolve) => {
      this.splitWaiters.push(resolve);
      post({ type: 'needSplit', taskId: this.taskId });
    });
  }

  /** Answers to `needSplit` arrive in request order. */
  receiveSplit(split: TransferSplit | undefined): void {
    this.splitWaiters.shift()?.(split);
  }

  acknowledge(): void {
    this.inFlight--;
    const wake = this.wakeAck;
    this.wakeAck = undefined;
    wake?.();
  }

  cancel(): void {
    this.abort.abort(new TrinoError(StandardErrorCode.USER_CANCELED, 'Query was canceled'));
    for (const waiter of this.splitWaiters.splice(0)) waiter(undefined);
    this.inFlight = 0;
    this.wakeAck?.();
  }

  async run(): Promise<void> {
    let execution: PlanExecution | undefined;
    try {
      const m = this.message;
      const context: ExecutionContext = {
        queryId: m.queryId,
        session: m.session,
        metadata: metadataFor(m.catalogs),
        functions,
        functionContext: m.functionContext,
        maxMemoryBytes: m.maxMemoryBytes,
        signal: this.abort.signal,
        splitSourceFactory: () => this.splitSource,
        scanSplitConcurrency: 1,
      };
      execution = executePlan(m.plan, context);
      for (;;) {
        const page = await execution.next();
        if (page === undefined) break;
        if (this.abort.signal.aborted) return;
        if (page.positionCount === 0) continue;
        const encoded = encodePage(page);
        this.inFlight++;
        post({ type: 'page', taskId: this.taskId, page: encoded, reservedBytes: execution.stats().peakMemoryBytes }, transferListOf(encoded));
        while (this.inFlight >= MAX_PAGES_IN_FLIGHT && !this.abort.signal.aborted) {
          await new Promise<void>((resolve) => {
            this.wakeAck = resolve;
          });
        }
      }
      if (!this.abort.signal.aborted) post({ type: 'finished', taskId: this.taskId, processedRows: execution.stats().processedRows });
    } catch (error) {
      if (this.abort.signal.aborted) return;
      const e = toTrinoError(error);
      post({ type: 'failed', taskId: this.taskId, error: { errorCode: { ...e.errorCode }, message: e.rawMessage, location: e.location, stack: e.stack } });
    } finally {
      tasks.delete(this.taskId);
      await execution?.close();
    }
  }
}

function decodeSplit(transfer: TransferSplit): ConnectorSplit {
  if (transfer.pages === undefined) return transfer.split;
  const pages = transfer.pages.map((p) => ({
    pageId: p.pageId,
    positionCount: p.positionCount,
    blocks: new Map(p.columns.map(([columnId, block]) => [columnId, decodeBlock(block)])),
  }));
  return { ...transfer.split, pages };
}

port.on('message', (message: ToWorkerMessage) => {
  switch (message.type) {
    case 'start': {
      const task = new WorkerTask(message.taskId, message);
      tasks.set(message.taskId, task);
      void task.run();
      return;
    }
    case 'split':
      tasks.get(message.taskId)?.receiveSplit(message.split);
      return;
    case 'ack':
      tasks.get(message.taskId)?.acknowledge();
      return;
    case 'cancel':
      tasks.get(message.taskId)?.cancel();
      return;
    default:
      assertNever(message, 'pool message');
  }
});
