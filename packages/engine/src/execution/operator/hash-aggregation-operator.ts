import type { Block, Page, SqlType } from '@petrel/spi';
import { copyPositions, float64Block, objectBlock, runLengthBlock, getValue } from '@petrel/spi';
import type { AggregationStep } from '../../planner/plan/plan-node.js';
import type { AggregateImplementation, GroupedAccumulator } from '../../function/function-implementation.js';
import { AbstractOperator, type OperatorContext } from './operator.js';
import { GroupByHash } from '../hash/group-by-hash.js';
import { PagedOutput } from './paged-output.js';
import { blockOf, concatBlocks } from '../block/block-builder.js';
import { rowComparator, sortedPositions, type SortKey } from '../ordering/row-comparator.js';

export interface AggregatorSpec {
  readonly implementation: AggregateImplementation;
  /** Raw argument channels (SINGLE, PARTIAL) or the one intermediate channel (INTERMEDIATE, FINAL). */
  readonly inputChannels: readonly number[];
  readonly inputTypes: readonly SqlType[];
  /** Boolean channel: only rows where it is TRUE are aggregated (FILTER or a MarkDistinct mask). */
  readonly maskChannels: readonly number[];
  readonly distinct: boolean;
  /** ORDER BY inside the call, over input channels. */
  readonly orderBy: readonly SortKey[];
}

interface OrderedBuffer {
  groupIds: Int32Array[];
  args: Block[][];
  keys: Block[][];
}

/**
 * GROUP BY (or global) aggregation with SINGLE, PARTIAL, INTERMEDIATE and FINAL steps. Group ids
 * come from a typed-array hash table over the grouping keys; each aggregate's grouped
 * accumulator sees only the rows it must aggregate (FILTER/mask, DISTINCT and ORDER BY are handled
 * here).
 */
export class HashAggregationOperator extends AbstractOperator {
  private readonly hash: GroupByHash | undefined;
  private readonly accumulators: GroupedAccumulator[];
  private readonly distinctHashes: (GroupByHash | undefined)[];
  private readonly ordered: (OrderedBuffer | undefined)[];
  private groupIds = new Int32Array(1024);
  private output: PagedOutput | undefined;
  private done = false;
  private readonly rawInput: boolean;
  private readonly finalOutput: boolean;

  constructor(
    context: OperatorContext,
    private readonly keyChannels: readonly number[],
    private readonly keyTypes: readonly SqlType[],
    private readonly aggregators: readonly AggregatorSpec[],
    step: AggregationStep,
    /** For empty input: the group-id values of the global grouping sets, and the key channel that carries the group id. */
    private readonly globalGroupingSets: readonly number[],
    private readonly groupIdKeyIndex: number | undefined,
  ) {
    super(context);
    this.hash = keyChannels.length === 0 ? undefined : new GroupByHash(keyTypes);
    this.accumulators = aggregators.map((a) => a.implementation.createAccumulator());
    this.rawInput = step === 'SINGLE' || step === 'PARTIAL';
    this.finalOutput = step === 'SINGLE' || step === 'FINAL';
    this.distinctHashes = aggregators.map((a) => (a.distinct && this.rawInput ? new GroupByHash([{ kind: 'integer' }, ...a.inputTypes]) : undefined));
    this.ordered = aggregators.map((a) => (a.orderBy.length > 0 && this.rawInput ? { groupIds: [], args: [], keys: [] } : undefined));
  }

  addInput(input: Page): void {
    const count = input.positionCount;
    if (this.groupIds.length < count) this.groupIds = new Int32Array(count);
    const groupIds: Int32Array = this.groupIds.length === count ? this.groupIds : this.groupIds.subarray(0, count);
    let groupCount: number;
    if (this.hash === undefined) {
      groupIds.fill(0);
      groupCount = 1;
    } else {
      this.hash.getGroupIds(
        this.keyChannels.map((c) => input.blocks[c]!),
        count,
        groupIds,
      );
      groupCount = this.hash.groupCount;
    }
    for (let a = 0; a < this.aggregators.length; a++) {
      const spec = this.aggregators[a]!;
      let ids: Int32Array = groupIds;
      let args = spec.inputChannels.map((c) => input.blocks[c]!);
      let n = count;
      if (this.rawInput) {
        let positions: Int32Array | undefined;
        if (spec.maskChannels.length > 0) {
          positions = selectTrue(spec.maskChannels.map((c) => input.blocks[c]!), count);
          if (positions.length === count) positions = undefined;
        }
        const distinctHash = this.distinctHashes[a];
        if (distinctHash !== undefined) {
          const selIds = positions === undefined ? ids : pick(ids, positions);
          const selArgs = positions === undefined ? args : args.map((b) => copyPositions(b, positions!));
          const m = selIds.length;
          const rowIds = new Int32Array(m);
          const before = distinctHash.groupCount;
          distinctHash.getGroupIds([float64Block(Float64Array.from(selIds)), ...selArgs], m, rowIds);
          let next = before;
          const firsts: number[] = [];
          for (let i = 0; i < m; i++) {
            if (rowIds[i] === next) {
              firsts.push(positions === undefined ? i : positions[i]!);
              next++;
            }
          }
          positions = Int32Array.from(firsts);
        }
        if (positions !== undefined) {
          ids = pick(groupIds, positions);
          args = args.map((b) => copyPositions(b, positions!));
          n = positions.length;
        }
        const buffer = this.ordered[a];
        if (buffer !== undefined) {
          buffer.groupIds.push(ids === groupIds ? groupIds.slice() : ids);
          buffer.args.push(args);
          buffer.keys.push(spec.orderBy.map((k) => (positions === undefined ? input.blocks[k.channel]! : copyPositions(input.blocks[k.channel]!, positions))));
          continue;
        }
        this.accumulators[a]!.addInput(ids, groupCount, args, n);
      } else {
        this.accumulators[a]!.addIntermediate(ids, groupCount, args[0]!, n);
      }
    }
    this.updateMemory();
  }

  private updateMemory(): void {
    let bytes = this.hash?.sizeInBytes() ?? 0;
    for (const acc of this.accumulators) bytes += acc.sizeInBytes();
    for (const d of this.distinctHashes) if (d !== undefined) bytes += d.sizeInBytes();
    this.context.memory.setBytes(bytes);
  }

  override needsInput(): boolean {
    return !this.finishing;
  }

  getOutput(): Page | undefined {
    if (!this.finishing || this.done) return undefined;
    if (this.output === undefined) this.output = this.buildOutput();
    const p = this.output.next();
    if (p === undefined) {
      this.done = true;
      this.context.memory.setBytes(0);
    }
    return p;
  }

  override isFinished(): boolean {
    return this.done;
  }

  private flushOrdered(groupCount: number): void {
    for (let a = 0; a < this.aggregators.length; a++) {
      const buffer = this.ordered[a];
      if (buffer === undefined) continue;
      const spec = this.aggregators[a]!;
      const total = buffer.groupIds.reduce((s, g) => s + g.length, 0);
      if (total === 0) continue;
      const ids = new Int32Array(total);
      let offset = 0;
      for (const g of buffer.groupIds) {
        ids.set(g, offset);
        offset += g.length;
      }
      const args = spec.inputTypes.map((t, i) => concatBlocks(t, buffer.args.map((b) => b[i]!)));
      const keys = spec.orderBy.map((k, i) => concatBlocks(k.type, buffer.keys.map((b) => b[i]!)));
      const columns: Block[] = [float64Block(Float64Array.from(ids)), ...keys];
      const comparator = rowComparator(columns, [
        { channel: 0, type: { kind: 'integer' }, ascending: true, nullsFirst: false },
        ...spec.orderBy.map((k, i) => ({ ...k, channel: i + 1 })),
      ]);
      const order = sortedPositions(total, comparator);
      this.accumulators[a]!.addInput(
        pick(ids, order),
        groupCount,
        args.map((b) => copyPositions(b, order)),
        total,
      );
    }
  }

  private buildOutput(): PagedOutput {
    let groupCount = this.hash === undefined ? 1 : this.hash.groupCount;
    let keyBlocks: Block[] = [];
    if (this.hash !== undefined) {
      if (groupCount === 0 && this.finalOutput && this.globalGroupingSets.length > 0) {
        // empty input: one row per global grouping set, keys NULL except the group id
        const n = this.globalGroupingSets.length;
        const keys = this.keyTypes.map((t, i) =>
          i === this.groupIdKeyIndex ? blockOf(t, [...this.globalGroupingSets]) : objectBlock(new Array(n).fill(null)),
        );
        const ids = new Int32Array(n);
        this.hash.getGroupIds(keys, n, ids);
        groupCount = this.hash.groupCount;
      }
      keyBlocks = this.hash.getKeyBlocks();
    }
    this.flushOrdered(groupCount);
    const values: Block[] = [];
    for (let a = 0; a < this.accumulators.length; a++) {
      const acc = this.accumulators[a]!;
      acc.addInput(new Int32Array(0), groupCount, this.aggregators[a]!.inputTypes.map(() => objectBlock([])), 0);
      values.push(this.finalOutput ? acc.getFinal(groupCount) : acc.getIntermediate(groupCount));
    }
    return new PagedOutput([...keyBlocks, ...values], groupCount);
  }
}

function pick(values: Int32Array, positions: Int32Array): Int32Array {
  const out = new Int32Array(positions.length);
  for (let i = 0; i < positions.length; i++) out[i] = values[positions[i]!]!;
  return out;
}

/** Positions where every one of the boolean blocks is TRUE. */
export function selectTrue(blocks: readonly Block[], count: number): Int32Array {
  const out = new Int32Array(count);
  let k = 0;
  for (let i = 0; i < count; i++) {
    let pass = true;
    for (const b of blocks) {
      if (b.kind === 'bool') {
        if (b.values[i] !== 1 || (b.nulls !== undefined && b.nulls[i] === 1)) pass = false;
      } else if (getValue(b, i) !== true) pass = false;
    }
    if (pass) out[k++] = i;
  }
  return out.subarray(0, k);
}

/** A block repeating one value `count` times (used for constant columns). */
export function constantBlock(type: SqlType, value: Parameters<typeof blockOf>[1][number], count: number): Block {
  return runLengthBlock(blockOf(type, [value]), count);
}
