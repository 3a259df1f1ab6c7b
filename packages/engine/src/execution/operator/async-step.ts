/** One asynchronous step of an operator (connector call): blocks the driver until it settles. */
export class AsyncStep<T> {
  private promise: Promise<void> | undefined;
  private settled = false;
  private value: T | undefined;
  private error: unknown;
  private failed = false;

  get started(): boolean {
    return this.promise !== undefined;
  }

  start(run: () => Promise<T> | T): void {
    if (this.promise !== undefined) return;
    this.promise = (async () => run())().then(
      (v) => {
        this.value = v;
        this.settled = true;
      },
      (e: unknown) => {
        this.error = e;
        this.failed = true;
        this.settled = true;
      },
    );
  }

  blocked(): Promise<void> | undefined {
    return this.promise !== undefined && !this.settled ? this.promise : undefined;
  }

  isDone(): boolean {
    return this.settled;
  }

  /** The result; rethrows the failure. */
  result(): T {
    if (this.failed) throw this.error;
    return this.value as T;
  }
}
