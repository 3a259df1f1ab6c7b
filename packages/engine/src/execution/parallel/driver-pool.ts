import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { StandardErrorCode, TrinoError } from '@petrel/spi';
import type { FromWorkerMessage, ToWorkerMessage } from './parallel-messages.js';

/**
 * Most worker threads one process starts (Trino's `task.max-worker-threads` plays this role): more
 * drivers than this share the threads, several tasks to a worker, taking turns like drivers do.
 */
const MAX_WORKERS = Math.max(2, availableParallelism());

type StartMessage = Extract<ToWorkerMessage, { type: 'start' }>;
type TaskListener = (message: FromWorkerMessage) => void;

/** One running task of a pool worker, as the main thread drives it. */
export interface PoolTask {
  readonly taskId: number;
  send(message: ToWorkerMessage): void;
  /** Stops listening (after `finished`/`failed`, or after cancelling). */
  release(): void;
}

/**
 * The process's worker threads for parallel drivers. Workers start lazily (the first parallel
 * query pays their start-up) and stay for the process's life, unreferenced while idle so they never
 * keep the process alive. Tasks go to the workers round robin, so the N drivers of one pipeline
 * land on N different threads.
 */
export class DriverPool {
  private static sharedPool: DriverPool | undefined;
  private readonly workers: PoolWorker[] = [];
  private nextTaskId = 1;
  private nextWorker = 0;
  private running = 0;

  static shared(): DriverPool {
    DriverPool.sharedPool ??= new DriverPool();
    return DriverPool.sharedPool;
  }

  /** Starts `message` on a worker; `threads` is how many workers the pool should have. */
  startTask(threads: number, message: Omit<StartMessage, 'taskId'>, listener: TaskListener): PoolTask {
    const size = Math.min(MAX_WORKERS, Math.max(1, threads));
    while (this.workers.length < size) this.workers.push(new PoolWorker((w) => this.remove(w)));
    const worker = this.workers[this.nextWorker++ % this.workers.length]!;
    const taskId = this.nextTaskId++;
    worker.listen(taskId, listener);
    worker.send({ ...message, taskId });
    this.running++;
    let released = false;
    return {
      taskId,
      send: (m) => worker.send(m),
      release: () => {
        if (released) return;
        released = true;
        this.running--;
        worker.unlisten(taskId);
      },
    };
  }

  /** Tasks started since the process began (parallel drivers run so far). */
  get tasksStarted(): number {
    return this.nextTaskId - 1;
  }

  /** Tasks whose main-thread side has not released them yet (finished, failed or cancelled ones are released). */
  get tasksRunning(): number {
    return this.running;
  }

  /** Worker threads started and alive. */
  get threads(): number {
    return this.workers.length;
  }

  private remove(worker: PoolWorker): void {
    const i = this.workers.indexOf(worker);
    if (i >= 0) this.workers.splice(i, 1);
  }
}

class PoolWorker {
  private readonly worker: Worker;
  private readonly listeners = new Map<number, TaskListener>();
  private dead = false;

  constructor(onExit: (w: PoolWorker) => void) {
    this.worker = new Worker(new URL('./worker-main.js', import.meta.url));
    this.worker.unref();
    this.worker.on('message', (message: FromWorkerMessage) => this.listeners.get(message.taskId)?.(message));
    const fail = (reason: string): void => {
      if (this.dead) return;
      this.dead = true;
      onExit(this);
      for (const [taskId, listener] of [...this.listeners]) {
        const error = new TrinoError(StandardErrorCode.GENERIC_INTERNAL_ERROR, `Driver worker thread failed: ${reason}`);
        listener({ type: 'failed', taskId, error: { errorCode: { ...error.errorCode }, message: error.rawMessage, location: undefined, stack: undefined } });
      }
      this.listeners.clear();
    };
    this.worker.on('error', (error: Error) => fail(error.message));
    this.worker.on('exit', (code) => fail(`exited with code ${code}`));
  }

  listen(taskId: number, listener: TaskListener): void {
    if (this.listeners.size === 0) this.worker.ref();
    this.listeners.set(taskId, listener);
  }

  unlisten(taskId: number): void {
    if (!this.listeners.delete(taskId)) return;
    if (this.listeners.size === 0) this.worker.unref();
  }

  send(message: ToWorkerMessage): void {
    if (this.dead) return;
    this.worker.postMessage(message);
  }
}
