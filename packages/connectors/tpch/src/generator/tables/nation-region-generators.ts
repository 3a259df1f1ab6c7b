import { NATIONS, REGIONS } from '../distributions.js';
import { RandomText } from '../random-text.js';
import type { GeneratedBatch, GeneratedColumn, TableGenerator } from '../table-generator.js';
import { requestedFlags } from '../table-generator.js';
import type { TextPool } from '../text-pool.js';

/** The 25 nations, all in part 1. */
export class NationGenerator implements TableGenerator {
  private done: boolean;

  constructor(
    part: number,
    private readonly ordinals: readonly number[],
    private readonly pool: TextPool,
  ) {
    this.done = part !== 1;
  }

  next(_maxRows: number): GeneratedBatch | undefined {
    if (this.done) return undefined;
    this.done = true;
    const w = requestedFlags(5, this.ordinals);
    const count = NATIONS.length; // one batch whatever maxRows
    const comment = new RandomText(606179079, this.pool, 72);
    const keys = new Float64Array(count);
    const names: string[] = [];
    const regions = new Float64Array(count);
    const comments: string[] = [];
    for (let i = 0; i < count; i++) {
      keys[i] = i;
      names.push(NATIONS[i]![0]);
      regions[i] = NATIONS[i]![1];
      if (w[3]) {
        comments.push(comment.next());
        comment.rowFinished();
      }
    }
    const columns: (GeneratedColumn | undefined)[] = [keys, names, regions, w[3] ? comments : undefined, keys];
    return { rowCount: count, columns };
  }
}

/** The 5 regions, all in part 1. */
export class RegionGenerator implements TableGenerator {
  private done: boolean;

  constructor(
    part: number,
    private readonly ordinals: readonly number[],
    private readonly pool: TextPool,
  ) {
    this.done = part !== 1;
  }

  next(_maxRows: number): GeneratedBatch | undefined {
    if (this.done) return undefined;
    this.done = true;
    const w = requestedFlags(4, this.ordinals);
    const count = REGIONS.length; // one batch whatever maxRows
    const comment = new RandomText(1500869201, this.pool, 72);
    const keys = new Float64Array(count);
    const names: string[] = [];
    const comments: string[] = [];
    for (let i = 0; i < count; i++) {
      keys[i] = i;
      names.push(REGIONS[i]!);
      if (w[2]) {
        comments.push(comment.next());
        comment.rowFinished();
      }
    }
    const columns: (GeneratedColumn | undefined)[] = [keys, names, w[2] ? comments : undefined, keys];
    return { rowCount: count, columns };
  }
}
