import type { Operator } from '../operator/operator.js';

/** Result of one time slice of a driver. */
export type DriverProgress = { readonly kind: 'finished' } | { readonly kind: 'blocked'; readonly until: Promise<void> } | { readonly kind: 'yield' };

const FINISHED: DriverProgress = Object.freeze({ kind: 'finished' });
const YIELD: DriverProgress = Object.freeze({ kind: 'yield' });

/**
 * Runs one pipeline of operators: moves pages downstream, propagates `finish`, and gives up
 * the thread after its time slice or when every operator waits on something.
 */
export class Driver {
  private readonly finishedPropagated: boolean[];
  private closed = false;

  constructor(readonly operators: readonly Operator[]) {
    this.finishedPropagated = operators.map(() => false);
  }

  isFinished(): boolean {
    return this.closed || this.operators[this.operators.length - 1]!.isFinished();
  }

  /** Processes until finished, blocked, or `sliceMillis` elapsed. */
  process(sliceMillis: number): DriverProgress {
    const ops = this.operators;
    const start = performance.now();
    for (;;) {
      if (this.isFinished()) return FINISHED;
      let moved = false;
      for (let i = 0; i < ops.length - 1; i++) {
        const current = ops[i]!;
        const next = ops[i + 1]!;
        if (current.isBlocked() !== undefined || next.isBlocked() !== undefined) continue;
        if (!current.isFinished() && next.needsInput()) {
          const t0 = performance.now();
          const page = current.getOutput();
          const t1 = performance.now();
          current.context.wallNanos += (t1 - t0) * 1e6;
          if (page !== undefined && page.positionCount > 0) {
            current.context.recordOutput(page);
            next.context.recordInput(page);
            next.addInput(page);
            const t2 = performance.now();
            next.context.wallNanos += (t2 - t1) * 1e6;
            moved = true;
          }
        }
        if (current.isFinished() && !this.finishedPropagated[i + 1]) {
          this.finishedPropagated[i + 1] = true;
          const t0 = performance.now();
          next.finish();
          const t1 = performance.now();
          next.context.wallNanos += (t1 - t0) * 1e6;
          moved = true;
        }
      }
      // let the sink work (e.g. flush) even when nothing moved
      const last = ops[ops.length - 1]!;
      if (!last.isFinished() && last.isBlocked() === undefined) {
        const page = last.getOutput();
        if (page !== undefined) {
          last.context.recordOutput(page);
          moved = true;
        }
      }
      if (this.isFinished()) return FINISHED;
      if (!moved) {
        const blocked: Promise<void>[] = [];
        for (const op of ops) {
          const b = op.isBlocked();
          if (b !== undefined) blocked.push(b);
        }
        if (blocked.length > 0) return { kind: 'blocked', until: blocked.length === 1 ? blocked[0]! : Promise.race(blocked) };
        return YIELD;
      }
      if (performance.now() - start >= sliceMillis) return YIELD;
    }
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    for (const op of this.operators) {
      try {
        await op.close();
      } catch {
        // closing is best effort
      }
    }
  }
}
