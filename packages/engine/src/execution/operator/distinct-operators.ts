import type { Page, SqlType } from '@petrel/spi';
import { boolBlock, page, copyPositions } from '@petrel/spi';
import type { OperatorContext } from './operator.js';
import { StreamingOperator } from './streaming-operator.js';
import { GroupByHash } from '../hash/group-by-hash.js';

/** Appends a boolean channel: TRUE on the first occurrence of each distinct key tuple. */
export class MarkDistinctOperator extends StreamingOperator {
  private readonly hash: GroupByHash;
  private ids = new Int32Array(1024);

  constructor(
    context: OperatorContext,
    private readonly keyChannels: readonly number[],
    keyTypes: readonly SqlType[],
  ) {
    super(context);
    this.hash = new GroupByHash(keyTypes);
  }

  protected transform(input: Page): Page {
    const n = input.positionCount;
    if (this.ids.length < n) this.ids = new Int32Array(n);
    let next = this.hash.groupCount;
    this.hash.getGroupIds(
      this.keyChannels.map((c) => input.blocks[c]!),
      n,
      this.ids,
    );
    const marks = new Uint8Array(n);
    for (let i = 0; i < n; i++) {
      if (this.ids[i] === next) {
        marks[i] = 1;
        next++;
      }
    }
    this.context.memory.setBytes(this.hash.sizeInBytes());
    return page([...input.blocks, boolBlock(marks)], n);
  }
}

/** SELECT DISTINCT ... LIMIT n: the first n distinct key tuples, projected onto the keys. */
export class DistinctLimitOperator extends StreamingOperator {
  private readonly hash: GroupByHash;
  private ids = new Int32Array(1024);

  constructor(
    context: OperatorContext,
    private readonly keyChannels: readonly number[],
    keyTypes: readonly SqlType[],
    private readonly limit: number,
  ) {
    super(context);
    this.hash = new GroupByHash(keyTypes);
  }

  protected override isDoneEarly(): boolean {
    return this.hash.groupCount >= this.limit;
  }

  protected transform(input: Page): Page | undefined {
    const n = input.positionCount;
    if (this.ids.length < n) this.ids = new Int32Array(n);
    let next = this.hash.groupCount;
    const keys = this.keyChannels.map((c) => input.blocks[c]!);
    this.hash.getGroupIds(keys, n, this.ids);
    const keep: number[] = [];
    for (let i = 0; i < n && next <= this.limit; i++) {
      if (this.ids[i] === next) {
        if (next < this.limit) keep.push(i);
        next++;
      }
    }
    this.context.memory.setBytes(this.hash.sizeInBytes());
    if (keep.length === 0) return undefined;
    return page(
      keys.map((b) => copyPositions(b, keep)),
      keep.length,
    );
  }
}
