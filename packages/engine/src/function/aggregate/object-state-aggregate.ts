import type { Block, SqlType, SqlValue } from '@petrel/spi';
import { getValue, objectBlock } from '@petrel/spi';
import type { AggregateImplementation, GroupedAccumulator } from '../function-implementation.js';

/**
 * An aggregate over per-group JavaScript state objects, for the statistical and collecting
 * aggregates whose state does not fit a typed array.
 */
export interface ObjectStateSpec<S> {
  readonly intermediateType: SqlType;
  readonly orderSensitive?: boolean;
  /** Rows where these argument indexes are NULL are skipped (default: all arguments). */
  readonly skipNullArguments?: readonly number[];
  create(): S;
  add(state: S, args: readonly SqlValue[]): void;
  merge(state: S, intermediate: SqlValue): void;
  intermediate(state: S): SqlValue;
  final(state: S): SqlValue;
}

class ObjectStateAccumulator<S> implements GroupedAccumulator {
  private readonly states: (S | undefined)[] = [];
  constructor(private readonly spec: ObjectStateSpec<S>) {}

  private state(g: number): S {
    let s = this.states[g];
    if (s === undefined) {
      s = this.spec.create();
      this.states[g] = s;
    }
    return s;
  }

  addInput(groupIds: Int32Array, _groupCount: number, args: readonly Block[], positionCount: number): void {
    const skip = this.spec.skipNullArguments ?? args.map((_, i) => i);
    const row: SqlValue[] = new Array(args.length);
    outer: for (let i = 0; i < positionCount; i++) {
      for (let a = 0; a < args.length; a++) row[a] = getValue(args[a]!, i);
      for (const a of skip) if (row[a] === null) continue outer;
      this.spec.add(this.state(groupIds[i]!), row);
    }
  }

  addIntermediate(groupIds: Int32Array, _groupCount: number, intermediate: Block, positionCount: number): void {
    for (let i = 0; i < positionCount; i++) {
      const v = getValue(intermediate, i);
      if (v !== null) this.spec.merge(this.state(groupIds[i]!), v);
    }
  }

  getIntermediate(groupCount: number): Block {
    const out: SqlValue[] = new Array(groupCount);
    for (let g = 0; g < groupCount; g++) {
      const s = this.states[g];
      out[g] = s === undefined ? null : this.spec.intermediate(s);
    }
    return objectBlock(out);
  }

  getFinal(groupCount: number): Block {
    const out: SqlValue[] = new Array(groupCount);
    for (let g = 0; g < groupCount; g++) out[g] = this.spec.final(this.states[g] ?? this.spec.create());
    return objectBlock(out);
  }

  sizeInBytes(): number {
    return this.states.length * 64;
  }
}

export function objectStateAggregate<S>(spec: ObjectStateSpec<S>): AggregateImplementation {
  return {
    intermediateType: spec.intermediateType,
    orderSensitive: spec.orderSensitive ?? false,
    createAccumulator: () => new ObjectStateAccumulator(spec),
  };
}
