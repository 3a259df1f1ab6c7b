import type { Block, Page, SqlType } from '@petrel/spi';
import { boolBlock, page, isNullAt } from '@petrel/spi';
import { AbstractOperator, type OperatorContext } from './operator.js';
import { StreamingOperator } from './streaming-operator.js';
import { GroupByHash } from '../hash/group-by-hash.js';
import type { JoinBridge } from '../join/join-bridge.js';

/** The distinct values of the filtering side of a semi join. */
export interface SemiJoinSet {
  readonly hash: GroupByHash;
  readonly hasNull: boolean;
  readonly empty: boolean;
}

export class SetBuilderOperator extends AbstractOperator {
  private readonly hash: GroupByHash;
  private hasNull = false;
  private rows = 0;
  private ids = new Int32Array(1024);
  private done = false;

  constructor(
    context: OperatorContext,
    private readonly channel: number,
    type: SqlType,
    private readonly bridge: JoinBridge<SemiJoinSet>,
  ) {
    super(context);
    this.hash = new GroupByHash([type]);
  }

  addInput(input: Page): void {
    const n = input.positionCount;
    const block = input.blocks[this.channel]!;
    if (this.ids.length < n) this.ids = new Int32Array(n);
    this.hash.getGroupIds([block], n, this.ids);
    for (let i = 0; i < n && !this.hasNull; i++) if (isNullAt(block, i)) this.hasNull = true;
    this.rows += n;
    this.context.memory.setBytes(this.hash.sizeInBytes());
  }
  getOutput(): Page | undefined {
    return undefined;
  }
  override finish(): void {
    if (this.finishing) return;
    this.finishing = true;
    this.bridge.set({ hash: this.hash, hasNull: this.hasNull, empty: this.rows === 0 });
    this.done = true;
  }
  isFinished(): boolean {
    return this.done;
  }
  override close(): void {
    this.closed = true;
  }
}

/**
 * Appends `value IN (set)` with three-valued semantics: NULL when the value is NULL and the set is
 * not empty, or when there is no match and the set contains NULL.
 */
export class SemiJoinOperator extends StreamingOperator {
  private set: SemiJoinSet | undefined;
  private ids = new Int32Array(1024);

  constructor(
    context: OperatorContext,
    private readonly channel: number,
    private readonly bridge: JoinBridge<SemiJoinSet>,
  ) {
    super(context);
  }

  override isBlocked(): Promise<void> | undefined {
    if (this.set !== undefined) return undefined;
    const blocked = this.bridge.whenReady();
    if (blocked === undefined) this.set = this.bridge.get();
    return blocked;
  }

  override needsInput(): boolean {
    return this.set !== undefined && super.needsInput();
  }

  protected transform(input: Page): Page {
    const set = this.set!;
    const n = input.positionCount;
    const block: Block = input.blocks[this.channel]!;
    if (this.ids.length < n) this.ids = new Int32Array(n);
    set.hash.lookupGroupIds([block], n, this.ids);
    const values = new Uint8Array(n);
    let nulls: Uint8Array | undefined;
    for (let i = 0; i < n; i++) {
      if (isNullAt(block, i)) {
        if (!set.empty) (nulls ??= new Uint8Array(n))[i] = 1;
      } else if (this.ids[i]! >= 0) {
        values[i] = 1;
      } else if (set.hasNull) {
        (nulls ??= new Uint8Array(n))[i] = 1;
      }
    }
    return page([...input.blocks, boolBlock(values, nulls)], n);
  }

  override close(): void {
    this.closed = true;
    this.context.memory.close();
  }
}
