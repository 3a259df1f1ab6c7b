import type { Block, Page, SqlType } from '@petrel/spi';
import { page, pageSizeInBytes, copyPositions, runLengthBlock, objectBlock } from '@petrel/spi';
import type { JoinType } from '../../planner/plan/plan-node.js';
import { AbstractOperator, type OperatorContext } from './operator.js';
import { LookupSourceBuilder, type LookupSource } from '../join/lookup-source.js';
import type { JoinBridge } from '../join/join-bridge.js';
import type { DynamicFilterRegistry } from '../join/dynamic-filters.js';
import type { GroupByHash } from '../hash/group-by-hash.js';
import { copyPositionsWithNulls } from '../block/block-builder.js';
import type { CompiledFilter } from '../expression/expression-compiler.js';
import { OUTPUT_PAGE_ROWS } from './paged-output.js';

/** Collects the build side of a join and publishes it as a `LookupSource`. */
export class HashBuilderOperator extends AbstractOperator {
  private readonly builder: LookupSourceBuilder;
  private bytes = 0;
  private done = false;

  constructor(
    context: OperatorContext,
    private readonly types: readonly SqlType[],
    keyChannels: readonly number[],
    private readonly bridge: JoinBridge,
    private readonly dynamicFilters: readonly { readonly id: string; readonly channel: number }[] = [],
    private readonly registry?: DynamicFilterRegistry,
  ) {
    super(context);
    this.builder = new LookupSourceBuilder(types, keyChannels);
    if (registry !== undefined) this.filterHashes = dynamicFilters.map((f) => this.builder.trackColumn(f.channel));
  }

  private filterHashes: GroupByHash[] = [];

  addInput(input: Page): void {
    this.builder.addPage(input);
    this.bytes += pageSizeInBytes(input);
    this.context.memory.setBytes(this.bytes + this.builder.sizeInBytes());
  }

  getOutput(): Page | undefined {
    return undefined;
  }

  override finish(): void {
    if (this.finishing) return;
    this.finishing = true;
    const source = this.builder.build();
    if (this.registry !== undefined) {
      this.dynamicFilters.forEach((f, i) => this.registry!.publish(f.id, this.types[f.channel]!, this.filterHashes[i]!));
    }
    this.context.memory.setBytes(source.sizeInBytes());
    this.bridge.set(source);
    this.done = true;
  }

  isFinished(): boolean {
    return this.done;
  }

  override close(): void {
    // the lookup source's memory stays accounted until the probe side closes
    this.closed = true;
  }
}

export interface JoinOutputChannel {
  readonly side: 'probe' | 'build';
  readonly channel: number;
  readonly type: SqlType;
}

/**
 * Probes a `LookupSource` with each input page: INNER, LEFT, RIGHT and FULL joins with an optional
 * residual filter on matching pairs. Output is produced in bounded pages; a probe page can span
 * several outputs.
 */
export class LookupJoinOperator extends AbstractOperator {
  private source: LookupSource | undefined;
  private probe: Page | undefined;
  private probeRow = 0;
  /** Current build row in the chain of `probeRow` (-2: chain not started). */
  private chainRow = -2;
  private firstRows = new Int32Array(0);
  private matched = new Uint8Array(0);
  private probeOuterDone = false;
  private buildOuterRow = -1;
  private done = false;
  private readonly probePositions = new Int32Array(OUTPUT_PAGE_ROWS);
  private readonly buildPositions = new Int32Array(OUTPUT_PAGE_ROWS);
  private readonly filterOut = new Int32Array(OUTPUT_PAGE_ROWS);

  constructor(
    context: OperatorContext,
    private readonly joinType: JoinType,
    private readonly bridge: JoinBridge,
    private readonly probeKeyChannels: readonly number[],
    private readonly probeTypes: readonly SqlType[],
    private readonly buildTypes: readonly SqlType[],
    private readonly outputs: readonly JoinOutputChannel[],
    /** Residual filter over [probe channels..., build channels...]. */
    private readonly filter: CompiledFilter | undefined,
    private readonly filterChannels: { readonly probe: readonly number[]; readonly build: readonly number[] },
  ) {
    super(context);
  }

  override isBlocked(): Promise<void> | undefined {
    if (this.source !== undefined) return undefined;
    const blocked = this.bridge.whenReady();
    if (blocked === undefined) this.source = this.bridge.get();
    return blocked;
  }

  override needsInput(): boolean {
    return !this.finishing && this.source !== undefined && this.probe === undefined;
  }

  addInput(input: Page): void {
    const source = this.source!;
    this.probe = input;
    this.probeRow = 0;
    this.chainRow = -2;
    this.probeOuterDone = false;
    const count = input.positionCount;
    if (this.firstRows.length < count) {
      this.firstRows = new Int32Array(count);
      this.matched = new Uint8Array(count);
    } else {
      this.matched.fill(0, 0, count);
    }
    source.lookup(
      this.probeKeyChannels.map((c) => input.blocks[c]!),
      count,
      this.firstRows,
    );
  }

  getOutput(): Page | undefined {
    const source = this.source;
    if (source === undefined) return undefined;
    while (this.probe !== undefined) {
      const out = this.processProbe(source);
      if (out !== undefined) return out;
    }
    if (this.finishing && !this.done) {
      if (this.joinType === 'RIGHT' || this.joinType === 'FULL') {
        const out = this.emitUnvisitedBuildRows(source);
        if (out !== undefined) return out;
      }
      this.done = true;
    }
    return undefined;
  }

  override isFinished(): boolean {
    return this.done;
  }

  private processProbe(source: LookupSource): Page | undefined {
    const probe = this.probe!;
    const count = probe.positionCount;
    const pp = this.probePositions;
    const bp = this.buildPositions;
    let n = 0;
    let row = this.probeRow;
    let chain = this.chainRow;
    while (row < count && n < OUTPUT_PAGE_ROWS) {
      if (chain === -2) chain = this.firstRows[row]!;
      if (chain < 0) {
        row++;
        chain = -2;
        continue;
      }
      pp[n] = row;
      bp[n] = chain;
      n++;
      chain = source.nextRow(chain);
      if (chain < 0) {
        row++;
        chain = -2;
      }
    }
    this.probeRow = row;
    this.chainRow = chain;
    let outProbe = pp;
    let outBuild = bp;
    let outCount = n;
    if (n > 0 && this.filter !== undefined) {
      const candidate = this.candidatePage(probe, source, pp, bp, n);
      outCount = this.filter(candidate.blocks, undefined, n, this.filterOut);
      const fp = new Int32Array(outCount);
      const fb = new Int32Array(outCount);
      for (let i = 0; i < outCount; i++) {
        const j = this.filterOut[i]!;
        fp[i] = pp[j]!;
        fb[i] = bp[j]!;
      }
      outProbe = fp;
      outBuild = fb;
    }
    const trackBuild = this.joinType === 'RIGHT' || this.joinType === 'FULL';
    for (let i = 0; i < outCount; i++) {
      this.matched[outProbe[i]!] = 1;
      if (trackBuild) source.visited[outBuild[i]!] = 1;
    }
    if (row >= count && !this.probeOuterDone) {
      this.probeOuterDone = true;
      if (this.joinType === 'LEFT' || this.joinType === 'FULL') {
        let unmatched = 0;
        for (let i = 0; i < count; i++) if (this.matched[i] === 0) unmatched++;
        if (unmatched > 0) {
          const p2 = new Int32Array(outCount + unmatched);
          const b2 = new Int32Array(outCount + unmatched);
          p2.set(outProbe.subarray(0, outCount));
          b2.set(outBuild.subarray(0, outCount));
          let k = outCount;
          for (let i = 0; i < count; i++) {
            if (this.matched[i] === 0) {
              p2[k] = i;
              b2[k] = -1;
              k++;
            }
          }
          outProbe = p2;
          outBuild = b2;
          outCount = k;
        }
      }
      this.probe = undefined;
    }
    if (outCount === 0) return undefined;
    return this.buildOutput(probe, source, outProbe, outBuild, outCount, isIdentity(outProbe, outCount, count));
  }

  private candidatePage(probe: Page, source: LookupSource, pp: Int32Array, bp: Int32Array, n: number): Page {
    const blocks: Block[] = [];
    const placeholder = runLengthBlock(objectBlock([null]), n);
    const probeNeeded = new Set(this.filterChannels.probe);
    const buildNeeded = new Set(this.filterChannels.build);
    for (let c = 0; c < this.probeTypes.length; c++) blocks.push(probeNeeded.has(c) ? copyPositions(probe.blocks[c]!, pp, n) : placeholder);
    for (let c = 0; c < this.buildTypes.length; c++) blocks.push(buildNeeded.has(c) ? copyPositions(source.columns[c]!, bp, n) : placeholder);
    return page(blocks, n);
  }

  /** `probeIdentity`: the output rows are the probe page's rows in order (each matched once), so its blocks are reused. */
  private buildOutput(probe: Page | undefined, source: LookupSource, pp: Int32Array, bp: Int32Array, n: number, probeIdentity = false): Page {
    const blocks = this.outputs.map((o) => {
      if (o.side === 'probe') {
        if (probe === undefined) return runLengthBlock(objectBlock([null]), n);
        if (probeIdentity) return probe.blocks[o.channel]!;
        return copyPositionsWithNulls(o.type, probe.blocks[o.channel]!, pp, n);
      }
      return copyPositionsWithNulls(o.type, source.columns[o.channel]!, bp, n);
    });
    return page(blocks, n);
  }

  private emitUnvisitedBuildRows(source: LookupSource): Page | undefined {
    const bp = new Int32Array(OUTPUT_PAGE_ROWS);
    let n = 0;
    let row = this.buildOuterRow + 1;
    while (row < source.rowCount && n < OUTPUT_PAGE_ROWS) {
      if (source.visited[row] === 0) bp[n++] = row;
      row++;
    }
    this.buildOuterRow = row - 1;
    if (n === 0) return undefined;
    const pp = new Int32Array(n).fill(-1);
    return this.buildOutput(undefined, source, pp, bp, n);
  }

  override close(): void {
    this.closed = true;
    this.context.memory.close();
  }
}

/** True when positions 0..n-1 are exactly 0, 1, ... n-1 and cover the whole page of `pageRows` rows. */
function isIdentity(positions: Int32Array, n: number, pageRows: number): boolean {
  if (n !== pageRows) return false;
  for (let i = 0; i < n; i++) if (positions[i] !== i) return false;
  return true;
}
