import type { Block, Page, SqlType, SqlValue } from '@petrel/spi';
import { TrinoError, StandardErrorCode, copyPositions, getValue, pageSizeInBytes, objectBlock, runLengthBlock, slicePage } from '@petrel/spi';
import type { FrameBoundType, FrameType } from '../../planner/plan/plan-node.js';
import type { AggregateImplementation, WindowImplementation, WindowPartition } from '../../function/function-implementation.js';
import { AbstractOperator, type OperatorContext } from './operator.js';
import { concatBlocks, blockOf } from '../block/block-builder.js';
import { crossComparator, rowComparator, type SortKey } from '../ordering/row-comparator.js';
import { SortedRunsBuilder, type SortedPages } from './sort-operator.js';
import { compareValues } from '../ordering/value-ordering.js';
import { PagedOutput } from './paged-output.js';

export interface WindowFrameSpec {
  readonly type: FrameType;
  readonly startType: FrameBoundType;
  readonly endType: FrameBoundType;
  readonly startChannel: number | undefined;
  readonly endChannel: number | undefined;
  readonly sortKeyChannel: number | undefined;
}

export interface WindowFunctionSpec {
  readonly kind: 'window' | 'aggregate';
  readonly window: WindowImplementation | undefined;
  readonly aggregate: AggregateImplementation | undefined;
  /** Channel of each argument, or -1 with a constant. */
  readonly arguments: readonly { readonly channel: number; readonly constant: SqlValue | undefined }[];
  readonly argumentTypes: readonly SqlType[];
  readonly outputType: SqlType;
  readonly ignoreNulls: boolean;
  readonly distinct: boolean;
  readonly filterChannel: number | undefined;
  readonly frame: WindowFrameSpec;
}

/** Maximum (row, frame row) pairs fed to one accumulator when frames are recomputed. */
const MAX_PAIRS_PER_BATCH = 1 << 20;

/**
 * Window functions: buffers the input, sorts it by partition and order keys, then evaluates
 * each function partition by partition: ranking and value functions through their
 * `WindowImplementation`, aggregates over frames through grouped accumulators (incrementally for
 * frames starting at UNBOUNDED PRECEDING, by recomputation per frame otherwise).
 */
export class WindowOperator extends AbstractOperator {
  private readonly runs: SortedRunsBuilder;
  private sorted: SortedPages | undefined;
  private bytes = 0;
  private done = false;
  /** Sorted rows of the partition still open at the end of the last merged page. */
  private buffer: Page[] = [];
  private readonly partitionKeys: SortKey[];
  private readonly queued: Page[] = [];

  constructor(
    context: OperatorContext,
    private readonly types: readonly SqlType[],
    partitionChannels: readonly number[],
    partitionTypes: readonly SqlType[],
    private readonly orderBy: readonly SortKey[],
    private readonly functions: readonly WindowFunctionSpec[],
  ) {
    super(context);
    this.partitionKeys = partitionChannels.map((c, i) => ({ channel: c, type: partitionTypes[i]!, ascending: true, nullsFirst: true }));
    this.runs = new SortedRunsBuilder(types, [...this.partitionKeys, ...orderBy]);
  }

  addInput(input: Page): void {
    this.runs.addPage(input);
    this.bytes += pageSizeInBytes(input);
    this.context.memory.setBytes(this.bytes);
  }

  /**
   * Pulls one page of sorted rows per call and evaluates the partitions it completes, so the
   * work of one call stays bounded.
   */
  getOutput(): Page | undefined {
    if (!this.finishing || this.done) return undefined;
    this.sorted ??= this.runs.finish();
    while (this.queued.length === 0) {
      const next = this.sorted.next();
      if (next === undefined) {
        if (this.buffer.length > 0) this.emitRegion(this.buffer);
        this.buffer = [];
        if (this.queued.length === 0) {
          this.done = true;
          this.context.memory.setBytes(0);
          return undefined;
        }
        break;
      }
      this.accept(next);
    }
    return this.queued.shift();
  }

  private accept(next: Page): void {
    // the last partition start within `next`
    const compare = crossComparator(next.blocks, next.blocks, this.partitionKeys);
    let lastStart = -1;
    for (let i = next.positionCount - 1; i > 0; i--) {
      if (compare(i - 1, i) !== 0) {
        lastStart = i;
        break;
      }
    }
    if (lastStart < 0 && this.buffer.length > 0) {
      const previous = this.buffer[this.buffer.length - 1]!;
      const across = crossComparator(previous.blocks, next.blocks, this.partitionKeys);
      if (across(previous.positionCount - 1, 0) !== 0) lastStart = 0;
    }
    if (lastStart < 0) {
      this.buffer.push(next);
      return;
    }
    const region = lastStart === 0 ? this.buffer : [...this.buffer, slicePage(next, 0, lastStart)];
    if (region.length > 0) this.emitRegion(region);
    this.buffer = [lastStart === 0 ? next : slicePage(next, lastStart, next.positionCount - lastStart)];
  }

  isFinished(): boolean {
    return this.done;
  }

  /** Evaluates the functions over complete partitions (sorted) and queues the output. */
  private emitRegion(pages: readonly Page[]): void {
    let count = 0;
    for (const p of pages) count += p.positionCount;
    if (count === 0) return;
    const columns = this.types.map((t, c) => concatBlocks(t, pages.map((p) => p.blocks[c]!)));
    const samePartition = rowComparator(columns, this.partitionKeys);
    const samePeer = rowComparator(columns, this.orderBy);
    const results = this.functions.map(() => new Array<SqlValue>(count).fill(null));
    let start = 0;
    while (start < count) {
      let end = start + 1;
      while (end < count && samePartition(start, end) === 0) end++;
      this.processPartition(columns, start, end, samePeer, results);
      start = end;
    }
    const outputs: Block[] = [...columns, ...this.functions.map((f, i) => blockOf(f.outputType, results[i]!))];
    const paged = new PagedOutput(outputs, count);
    for (let p = paged.next(); p !== undefined; p = paged.next()) this.queued.push(p);
  }

  private processPartition(
    columns: readonly Block[],
    start: number,
    end: number,
    samePeer: (a: number, b: number) => number,
    results: SqlValue[][],
  ): void {
    const n = end - start;
    const peerStart = new Int32Array(n);
    const peerEnd = new Int32Array(n);
    const peerIndex = new Int32Array(n);
    const groupStarts: number[] = [];
    for (let i = 0; i < n; i++) {
      if (i === 0 || samePeer(start + i - 1, start + i) !== 0) {
        groupStarts.push(i);
        peerStart[i] = i;
      } else peerStart[i] = peerStart[i - 1]!;
      peerIndex[i] = groupStarts.length - 1;
    }
    for (let i = n - 1; i >= 0; i--) peerEnd[i] = i === n - 1 || peerStart[i + 1] !== peerStart[i] ? i : peerEnd[i + 1]!;
    const groupEnds = groupStarts.map((s) => peerEnd[s]!);

    for (let f = 0; f < this.functions.length; f++) {
      const spec = this.functions[f]!;
      const frames = this.computeFrames(spec.frame, columns, start, n, peerStart, peerEnd, peerIndex, groupStarts, groupEnds);
      const out = results[f]!;
      if (spec.kind === 'window') {
        const partition: WindowPartition = {
          rowCount: n,
          getArgument: (argument, row) => {
            const a = spec.arguments[argument]!;
            return a.channel < 0 ? (a.constant ?? null) : getValue(columns[a.channel]!, start + row);
          },
          peerGroupStart: (row) => peerStart[row]!,
          peerGroupEnd: (row) => peerEnd[row]!,
          frameStart: (row) => frames.start[row]!,
          frameEnd: (row) => frames.end[row]!,
        };
        const values = new Array<SqlValue>(n).fill(null);
        spec.window!.processPartition(partition, values, { ignoreNulls: spec.ignoreNulls });
        for (let i = 0; i < n; i++) out[start + i] = values[i] ?? null;
      } else {
        this.aggregateFrames(spec, columns, start, n, frames, out);
      }
    }
  }

  private computeFrames(
    frame: WindowFrameSpec,
    columns: readonly Block[],
    start: number,
    n: number,
    peerStart: Int32Array,
    peerEnd: Int32Array,
    peerIndex: Int32Array,
    groupStarts: readonly number[],
    groupEnds: readonly number[],
  ): { start: Int32Array; end: Int32Array } {
    const starts = new Int32Array(n);
    const ends = new Int32Array(n);
    const offsetAt = (channel: number | undefined, row: number): number => {
      const v = channel === undefined ? null : getValue(columns[channel]!, start + row);
      if (frame.type !== 'RANGE' && (v === null || (typeof v === 'number' && v < 0) || (typeof v === 'bigint' && v < 0n))) {
        throw new TrinoError(StandardErrorCode.INVALID_WINDOW_FRAME, 'Window frame offset value must not be negative or null');
      }
      return typeof v === 'bigint' ? Number(v) : (v as number);
    };
    const sortKey = this.orderBy[0];
    const rangeBound = (channel: number | undefined, row: number, isStart: boolean): number => {
      // RANGE with offsets: the bound value is precomputed in `channel`; find the matching row
      if (sortKey === undefined || channel === undefined) return isStart ? 0 : n - 1;
      const keyBlock = columns[frame.sortKeyChannel ?? sortKey.channel]!;
      const current = getValue(keyBlock, start + row);
      if (current === null) return isStart ? peerStart[row]! : peerEnd[row]!;
      const bound = getValue(columns[channel]!, start + row);
      const type = sortKey.type;
      const before = (v: SqlValue): boolean => {
        // true when v lies strictly before the bound in sort order
        if (v === null) return sortKey.nullsFirst;
        if (bound === null) return false;
        const c = compareValues(type, v, bound);
        return sortKey.ascending ? c < 0 : c > 0;
      };
      const after = (v: SqlValue): boolean => {
        if (v === null) return !sortKey.nullsFirst;
        if (bound === null) return false;
        const c = compareValues(type, v, bound);
        return sortKey.ascending ? c > 0 : c < 0;
      };
      if (isStart) {
        let lo = 0;
        let hi = n;
        while (lo < hi) {
          const mid = (lo + hi) >>> 1;
          if (before(getValue(keyBlock, start + mid))) lo = mid + 1;
          else hi = mid;
        }
        return lo;
      }
      let lo = 0;
      let hi = n;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if (!after(getValue(keyBlock, start + mid))) lo = mid + 1;
        else hi = mid;
      }
      return lo - 1;
    };
    const groupCount = groupStarts.length;
    for (let r = 0; r < n; r++) {
      let s: number;
      let e: number;
      switch (frame.startType) {
        case 'UNBOUNDED_PRECEDING':
          s = 0;
          break;
        case 'CURRENT_ROW':
          s = frame.type === 'ROWS' ? r : peerStart[r]!;
          break;
        case 'PRECEDING':
          if (frame.type === 'ROWS') s = r - offsetAt(frame.startChannel, r);
          else if (frame.type === 'GROUPS') {
            const g = peerIndex[r]! - offsetAt(frame.startChannel, r);
            s = g < 0 ? 0 : groupStarts[g]!;
          } else s = rangeBound(frame.startChannel, r, true);
          break;
        case 'FOLLOWING':
          if (frame.type === 'ROWS') s = r + offsetAt(frame.startChannel, r);
          else if (frame.type === 'GROUPS') {
            const g = peerIndex[r]! + offsetAt(frame.startChannel, r);
            s = g >= groupCount ? n : groupStarts[g]!;
          } else s = rangeBound(frame.startChannel, r, true);
          break;
        case 'UNBOUNDED_FOLLOWING':
          s = n;
          break;
      }
      switch (frame.endType) {
        case 'UNBOUNDED_FOLLOWING':
          e = n - 1;
          break;
        case 'CURRENT_ROW':
          e = frame.type === 'ROWS' ? r : peerEnd[r]!;
          break;
        case 'PRECEDING':
          if (frame.type === 'ROWS') e = r - offsetAt(frame.endChannel, r);
          else if (frame.type === 'GROUPS') {
            const g = peerIndex[r]! - offsetAt(frame.endChannel, r);
            e = g < 0 ? -1 : groupEnds[g]!;
          } else e = rangeBound(frame.endChannel, r, false);
          break;
        case 'FOLLOWING':
          if (frame.type === 'ROWS') e = r + offsetAt(frame.endChannel, r);
          else if (frame.type === 'GROUPS') {
            const g = peerIndex[r]! + offsetAt(frame.endChannel, r);
            e = g >= groupCount ? n - 1 : groupEnds[g]!;
          } else e = rangeBound(frame.endChannel, r, false);
          break;
        case 'UNBOUNDED_PRECEDING':
          e = -1;
          break;
      }
      s = Math.max(0, s);
      e = Math.min(n - 1, e);
      if (s > e) {
        s = 0;
        e = -1;
      }
      starts[r] = s;
      ends[r] = e;
    }
    return { start: starts, end: ends };
  }

  private aggregateFrames(spec: WindowFunctionSpec, columns: readonly Block[], start: number, n: number, frames: { start: Int32Array; end: Int32Array }, out: SqlValue[]): void {
    const implementation = spec.aggregate!;
    const argBlocks = spec.arguments.map((a, i) =>
      a.channel < 0 ? runLengthBlock(blockOf(spec.argumentTypes[i]!, [a.constant ?? null]), columns[0] === undefined ? 0 : start + n) : columns[a.channel]!,
    );
    const included = (row: number): boolean => {
      if (spec.filterChannel === undefined) return true;
      return getValue(columns[spec.filterChannel]!, start + row) === true;
    };
    let monotone = true;
    for (let r = 0; r < n && monotone; r++) {
      if (frames.end[r]! >= 0 && frames.start[r] !== 0) monotone = false;
      if (r > 0 && frames.end[r]! < frames.end[r - 1]!) monotone = false;
    }
    if (monotone && !spec.distinct) {
      // running aggregate: one group, rows added as the frame end advances
      const acc = implementation.createAccumulator();
      acc.addInput(new Int32Array(0), 1, argBlocks.map(() => objectBlock([])), 0);
      let added = -1;
      let last: SqlValue = null;
      let lastEnd = -2;
      for (let r = 0; r < n; r++) {
        const e = frames.end[r]!;
        if (e > added) {
          const positions: number[] = [];
          for (let i = added + 1; i <= e; i++) if (included(i)) positions.push(start + i);
          if (positions.length > 0) {
            const p = Int32Array.from(positions);
            acc.addInput(new Int32Array(p.length), 1, argBlocks.map((b) => copyPositions(b, p)), p.length);
          }
          added = e;
        }
        if (e !== lastEnd) {
          if (e < 0) {
            const empty = implementation.createAccumulator();
            empty.addInput(new Int32Array(0), 1, argBlocks.map(() => objectBlock([])), 0);
            last = getValue(empty.getFinal(1), 0);
          } else {
            last = getValue(acc.getFinal(1), 0);
          }
          lastEnd = e;
        }
        out[start + r] = last;
      }
      return;
    }
    // recompute each frame: rows are groups, frame rows are the group's input
    let r = 0;
    while (r < n) {
      const groupIds: number[] = [];
      const positions: number[] = [];
      const first = r;
      while (r < n && (positions.length < MAX_PAIRS_PER_BATCH || r === first)) {
        const seen = spec.distinct ? new Set<string>() : undefined;
        for (let i = frames.start[r]!; i <= frames.end[r]!; i++) {
          if (!included(i)) continue;
          if (seen !== undefined) {
            const key = JSON.stringify(argBlocks.map((b) => String(getValue(b, start + i))));
            if (seen.has(key)) continue;
            seen.add(key);
          }
          groupIds.push(r - first);
          positions.push(start + i);
        }
        r++;
      }
      const groups = r - first;
      const acc = implementation.createAccumulator();
      const p = Int32Array.from(positions);
      acc.addInput(Int32Array.from(groupIds), groups, argBlocks.map((b) => copyPositions(b, p)), p.length);
      const result = acc.getFinal(groups);
      for (let g = 0; g < groups; g++) out[start + first + g] = getValue(result, g);
    }
  }
}
