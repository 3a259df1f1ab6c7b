import { Signal } from '../driver/signal.js';
import type { LookupSource } from './lookup-source.js';

/** Hands the finished build side of a join from the build pipeline to the probe pipeline. */
export class JoinBridge<T = LookupSource> {
  private value: T | undefined;
  private readonly ready = new Signal();

  set(value: T): void {
    this.value = value;
    this.ready.notify();
  }

  get(): T | undefined {
    return this.value;
  }

  whenReady(): Promise<void> | undefined {
    return this.value === undefined ? this.ready.wait() : undefined;
  }
}
