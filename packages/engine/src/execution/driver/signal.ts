/** A promise that can be resolved from outside: how pipelines wake each other up. */
export class Signal {
  private promise: Promise<void> | undefined;
  private resolveFn: (() => void) | undefined;

  /** The promise to wait on until the next `notify`. */
  wait(): Promise<void> {
    if (this.promise === undefined) {
      this.promise = new Promise<void>((resolve) => {
        this.resolveFn = resolve;
      });
    }
    return this.promise;
  }

  notify(): void {
    const resolve = this.resolveFn;
    this.promise = undefined;
    this.resolveFn = undefined;
    if (resolve !== undefined) resolve();
  }
}
