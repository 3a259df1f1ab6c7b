import type { Block, Page, SqlType, SqlValue } from '@petrel/spi';
import { TrinoError, StandardErrorCode, float64Block, objectBlock, page, copyPositions, runLengthBlock } from '@petrel/spi';
import { AbstractOperator, type OperatorContext } from './operator.js';
import { StreamingOperator } from './streaming-operator.js';
import { blockOf } from '../block/block-builder.js';

/** Fails with SUBQUERY_MULTIPLE_ROWS on more than one row; emits one all-NULL row on none. */
export class EnforceSingleRowOperator extends AbstractOperator {
  private row: Page | undefined;
  private emitted = false;

  constructor(
    context: OperatorContext,
    private readonly types: readonly SqlType[],
  ) {
    super(context);
  }
  addInput(input: Page): void {
    if (this.row !== undefined || input.positionCount > 1) {
      throw new TrinoError(StandardErrorCode.SUBQUERY_MULTIPLE_ROWS, 'Scalar sub-query has returned multiple rows');
    }
    this.row = input;
  }
  getOutput(): Page | undefined {
    if (!this.finishing || this.emitted) return undefined;
    this.emitted = true;
    return this.row ?? page(this.types.map(() => objectBlock([null])), 1);
  }
  isFinished(): boolean {
    return this.emitted;
  }
}

/** Appends a unique BIGINT id per row. */
export class AssignUniqueIdOperator extends StreamingOperator {
  private next = 0;

  protected transform(input: Page): Page {
    const n = input.positionCount;
    const ids = new Float64Array(n);
    for (let i = 0; i < n; i++) ids[i] = this.next++;
    return page([...input.blocks, float64Block(ids)], n);
  }
}

/** TABLESAMPLE: BERNOULLI keeps each row with probability `ratio`; SYSTEM keeps whole pages. */
export class SampleOperator extends StreamingOperator {
  constructor(
    context: OperatorContext,
    private readonly system: boolean,
    private readonly ratio: number,
  ) {
    super(context);
  }

  protected transform(input: Page): Page | undefined {
    if (this.system) return Math.random() < this.ratio ? input : undefined;
    const keep = new Int32Array(input.positionCount);
    let k = 0;
    for (let i = 0; i < input.positionCount; i++) if (Math.random() < this.ratio) keep[k++] = i;
    if (k === 0) return undefined;
    return page(
      input.blocks.map((b) => copyPositions(b, keep, k)),
      k,
    );
  }
}

/**
 * Replicates each row once per grouping set: output channels are the grouping columns (NULL when
 * not in the set), then the pass-through aggregation arguments, then the group id.
 */
export class GroupIdOperator extends AbstractOperator {
  private input: Page | undefined;
  private set = 0;

  constructor(
    context: OperatorContext,
    /** For each grouping set, which grouping columns (by index in `groupingChannels`) it keeps. */
    private readonly sets: readonly (readonly boolean[])[],
    private readonly groupingChannels: readonly number[],
    private readonly groupingTypes: readonly SqlType[],
    private readonly argumentChannels: readonly number[],
  ) {
    super(context);
  }
  override needsInput(): boolean {
    return !this.finishing && this.input === undefined;
  }
  addInput(input: Page): void {
    this.input = input;
    this.set = 0;
  }
  getOutput(): Page | undefined {
    const input = this.input;
    if (input === undefined) return undefined;
    const n = input.positionCount;
    const keep = this.sets[this.set]!;
    const blocks: Block[] = this.groupingChannels.map((c, i) => (keep[i] ? input.blocks[c]! : runLengthBlock(blockOf(this.groupingTypes[i]!, [null]), n)));
    for (const c of this.argumentChannels) blocks.push(input.blocks[c]!);
    blocks.push(runLengthBlock(float64Block(new Float64Array([this.set])), n));
    this.set++;
    if (this.set >= this.sets.length) this.input = undefined;
    return page(blocks, n);
  }
  isFinished(): boolean {
    return this.finishing && this.input === undefined;
  }
}

/** Builds a page of one row from runtime values. */
export function singleRowPage(types: readonly SqlType[], values: readonly SqlValue[]): Page {
  return page(
    types.map((t, i) => blockOf(t, [values[i] ?? null])),
    1,
  );
}
