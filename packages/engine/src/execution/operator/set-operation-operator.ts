import type { Page, SqlType } from '@petrel/spi';
import { copyPositions } from '@petrel/spi';
import { AbstractOperator, type OperatorContext } from './operator.js';
import { GroupByHash } from '../hash/group-by-hash.js';
import { PagedOutput } from './paged-output.js';

/**
 * INTERSECT and EXCEPT, DISTINCT or ALL. Input pages carry the row's columns plus a last channel
 * with the index of the source it came from; rows are counted per source and distinct tuple
 * (NULLs equal). INTERSECT ALL keeps the minimum count, EXCEPT ALL the first source's count minus
 * the others'.
 */
export class SetOperationOperator extends AbstractOperator {
  private readonly hash: GroupByHash;
  private counts: Float64Array[];
  private ids = new Int32Array(1024);
  private output: PagedOutput | undefined;
  private done = false;

  constructor(
    context: OperatorContext,
    private readonly types: readonly SqlType[],
    private readonly sourceCount: number,
    private readonly operation: 'intersect' | 'except',
    private readonly distinct: boolean,
  ) {
    super(context);
    this.hash = new GroupByHash(types);
    this.counts = Array.from({ length: sourceCount }, () => new Float64Array(1024));
  }

  addInput(input: Page): void {
    const n = input.positionCount;
    if (this.ids.length < n) this.ids = new Int32Array(n);
    const columns = input.blocks.slice(0, this.types.length);
    const tag = input.blocks[this.types.length]!;
    this.hash.getGroupIds(columns, n, this.ids);
    const groups = this.hash.groupCount;
    if (this.counts[0]!.length < groups) {
      this.counts = this.counts.map((c) => {
        const grown = new Float64Array(Math.max(groups, c.length * 2));
        grown.set(c);
        return grown;
      });
    }
    const source = tag.kind === 'float64' ? tag.values : undefined;
    for (let i = 0; i < n; i++) {
      const s = source !== undefined ? source[i]! : 0;
      this.counts[s]![this.ids[i]!]!++;
    }
    this.context.memory.setBytes(this.hash.sizeInBytes() + this.counts.length * this.counts[0]!.byteLength);
  }

  getOutput(): Page | undefined {
    if (!this.finishing || this.done) return undefined;
    if (this.output === undefined) {
      const groups = this.hash.groupCount;
      const positions: number[] = [];
      for (let g = 0; g < groups; g++) {
        let m: number;
        const first = this.counts[0]![g]!;
        if (this.operation === 'intersect') {
          m = first;
          for (let s = 1; s < this.sourceCount; s++) m = Math.min(m, this.counts[s]![g]!);
        } else {
          let others = 0;
          for (let s = 1; s < this.sourceCount; s++) others += this.counts[s]![g]!;
          m = this.distinct ? (others > 0 ? 0 : first) : Math.max(0, first - others);
        }
        if (this.distinct) m = Math.min(m, 1);
        for (let r = 0; r < m; r++) positions.push(g);
      }
      const keys = this.hash.getKeyBlocks();
      const p = Int32Array.from(positions);
      this.output = new PagedOutput(
        keys.map((b) => copyPositions(b, p)),
        p.length,
      );
    }
    const page = this.output.next();
    if (page === undefined) {
      this.done = true;
      this.context.memory.setBytes(0);
    }
    return page;
  }

  isFinished(): boolean {
    return this.done;
  }
}
