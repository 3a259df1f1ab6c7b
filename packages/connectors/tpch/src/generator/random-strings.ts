/** dbgen's generated string columns: addresses, phone numbers, part names. */

import { RandomStream } from './random-stream.js';

const ALPHANUMERIC = '0123456789abcdefghijklmnopqrstuvwxyz ABCDEFGHIJKLMNOPQRSTUVWXYZ,';
const ALPHANUMERIC_CODES = Array.from(ALPHANUMERIC, (c) => c.charCodeAt(0));

/** Random letters, digits, spaces and commas (addresses): 9 draws per row. */
export class RandomAlphaNumeric {
  private readonly random: RandomStream;
  private readonly minLength: number;
  private readonly maxLength: number;
  private readonly codes: number[] = [];

  constructor(seed: number, averageLength: number) {
    this.random = new RandomStream(seed, 9);
    this.minLength = Math.trunc(averageLength * 0.4);
    this.maxLength = Math.trunc(averageLength * 1.6);
  }

  next(): string {
    const length = this.random.nextInt(this.minLength, this.maxLength);
    const codes = this.codes;
    codes.length = length;
    let bits = 0;
    for (let i = 0; i < length; i++) {
      // Five 6-bit characters per draw; the draw over [0, 2^31 - 1] wraps to a negative int.
      if (i % 5 === 0) bits = this.random.nextInt(0, 2147483647);
      codes[i] = ALPHANUMERIC_CODES[bits & 0x3f]!;
      bits >>= 6;
    }
    return String.fromCharCode.apply(null, codes);
  }

  rowFinished(): void {
    this.random.rowFinished();
  }

  advanceRows(rowCount: number): void {
    this.random.advanceRows(rowCount);
  }
}

/** Phone numbers `CC-NNN-NNN-NNNN` with the country code from the nation key: 3 draws per row. */
export class RandomPhoneNumber {
  private readonly random: RandomStream;

  constructor(seed: number) {
    this.random = new RandomStream(seed, 3);
  }

  next(nationKey: number): string {
    const country = 10 + (nationKey % 90);
    const a = this.random.nextInt(100, 999);
    const b = this.random.nextInt(100, 999);
    const c = this.random.nextInt(1000, 9999);
    return `${country}-${a}-${b}-${c}`;
  }

  rowFinished(): void {
    this.random.rowFinished();
  }

  advanceRows(rowCount: number): void {
    this.random.advanceRows(rowCount);
  }
}

/**
 * `count` distinct words of a list in random order (part names): a partial Fisher-Yates shuffle of
 * the list, restarted from the list's order for each row; one draw per list entry reserved per row.
 */
export class RandomWordSequence {
  private readonly random: RandomStream;
  private readonly order: Int32Array;
  private readonly swaps: Int32Array;

  constructor(
    seed: number,
    private readonly count: number,
    private readonly words: readonly string[],
  ) {
    this.random = new RandomStream(seed, words.length);
    this.order = Int32Array.from(words.keys());
    this.swaps = new Int32Array(count);
  }

  next(): string {
    const order = this.order;
    const last = this.words.length - 1;
    let result = '';
    for (let i = 0; i < this.count; i++) {
      const j = this.random.nextInt(i, last);
      this.swaps[i] = j;
      const picked = order[j]!;
      order[j] = order[i]!;
      order[i] = picked;
      result = i === 0 ? this.words[picked]! : `${result} ${this.words[picked]!}`;
    }
    // Undo the swaps so the next row starts from the list's order again.
    for (let i = this.count - 1; i >= 0; i--) {
      const j = this.swaps[i]!;
      const t = order[j]!;
      order[j] = order[i]!;
      order[i] = t;
    }
    return result;
  }

  rowFinished(): void {
    this.random.rowFinished();
  }

  advanceRows(rowCount: number): void {
    this.random.advanceRows(rowCount);
  }
}
