import { RandomStream } from './random-stream.js';
import type { TextPool } from './text-pool.js';

/**
 * A comment column: a slice of the text pool at a random offset, with a random length between 0.4
 * and 1.6 times the column's average length. Two draws per row.
 */
export class RandomText {
  private readonly random: RandomStream;
  private readonly minLength: number;
  private readonly maxLength: number;
  private readonly maxOffset: number;

  constructor(
    seed: number,
    private readonly pool: TextPool,
    averageLength: number,
    valuesPerRow = 1,
  ) {
    this.random = new RandomStream(seed, 2 * valuesPerRow);
    this.minLength = Math.trunc(averageLength * 0.4);
    this.maxLength = Math.trunc(averageLength * 1.6);
    this.maxOffset = pool.size - this.maxLength;
  }

  next(): string {
    const offset = this.random.nextInt(0, this.maxOffset);
    const length = this.random.nextInt(this.minLength, this.maxLength);
    return this.pool.text(offset, length);
  }

  rowFinished(): void {
    this.random.rowFinished();
  }

  advanceRows(rowCount: number): void {
    this.random.advanceRows(rowCount);
  }
}
