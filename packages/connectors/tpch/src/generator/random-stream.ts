/**
 * The random number streams of the TPC-H reference generator (dbgen).
 *
 * Every generated column draws from its own Lehmer stream (multiplier 16807, modulus 2^31 - 1) with a
 * fixed seed and a fixed budget of draws per row. After each row the stream is moved to the start of
 * the next row's budget whatever it used, so any row can be reached by jumping the seed ahead:
 * seed * 16807^n mod (2^31 - 1), computed by squaring in O(log n).
 */

export const LEHMER_MODULUS = 2147483647;
const LEHMER_MULTIPLIER = 16807;
const TWO_POW_31 = 2147483648;
/** 2^-31: multiplying by it is an exact division by 2^31. */
const TWO_POW_MINUS_31 = 1 / TWO_POW_31;
const TWO_POW_16 = 65536;

/** (a * b) mod (2^31 - 1) for 0 <= a, b < 2^31, exact in doubles. */
export function mulModLehmer(a: number, b: number): number {
  const high = Math.floor(b / TWO_POW_16);
  const low = b - high * TWO_POW_16;
  return (((a * high) % LEHMER_MODULUS) * TWO_POW_16 + a * low) % LEHMER_MODULUS;
}

/** 16807^count mod (2^31 - 1). */
export function lehmerPower(count: number): number {
  if (count < SMALL_POWERS.length) return SMALL_POWERS[count]!;
  let result = 1;
  let multiplier = LEHMER_MULTIPLIER;
  let n = count;
  while (n > 0) {
    if (n % 2 !== 0) result = mulModLehmer(result, multiplier);
    n = Math.floor(n / 2);
    multiplier = mulModLehmer(multiplier, multiplier);
  }
  return result;
}

const SMALL_POWERS: number[] = (() => {
  const powers = [1];
  for (let i = 1; i <= 256; i++) powers.push(mulModLehmer(powers[i - 1]!, LEHMER_MULTIPLIER));
  return powers;
})();

/** One column's stream of random integers. */
export class RandomStream {
  private seed: number;
  private usage = 0;

  constructor(
    seed: number,
    /** Draws reserved for each row. */
    readonly drawsPerRow: number,
  ) {
    this.seed = seed;
  }

  /** The next seed value, 1 .. 2^31 - 2. */
  nextRand(): number {
    // seed * 16807 < 2^46; 2^31 = 1 (mod 2^31 - 1), so fold the high bits onto the low ones.
    const product = this.seed * LEHMER_MULTIPLIER;
    const high = Math.floor(product * TWO_POW_MINUS_31);
    let folded = product - high * TWO_POW_31 + high;
    if (folded >= LEHMER_MODULUS) folded -= LEHMER_MODULUS;
    this.seed = folded;
    this.usage++;
    return folded;
  }

  /**
   * A value in [low, high], computed as dbgen does: the seed scaled to the range in double
   * precision and truncated. The range is a 32-bit int, which wraps for [0, 2^31 - 1] (a quirk
   * dbgen's alphanumeric strings rely on).
   */
  nextInt(low: number, high: number): number {
    const seed = this.nextRand();
    const range = (high - low + 1) | 0;
    return (low + (((seed / LEHMER_MODULUS) * range) | 0)) | 0;
  }

  /** Moves to the start of the next row's draws. */
  rowFinished(): void {
    const remaining = this.drawsPerRow - this.usage;
    if (remaining > 0) this.seed = mulModLehmer(this.seed, lehmerPower(remaining));
    this.usage = 0;
  }

  /** Skips `rowCount` whole rows. */
  advanceRows(rowCount: number): void {
    if (this.usage !== 0) this.rowFinished();
    this.advanceDraws(this.drawsPerRow * rowCount);
  }

  private advanceDraws(count: number): void {
    if (count > 0) this.seed = mulModLehmer(this.seed, lehmerPower(count));
  }
}

const INT64_MULTIPLIER = 6364136223846793005n;
const BIG_MODULUS = BigInt(LEHMER_MODULUS);
const BIG_LEHMER_MULTIPLIER = BigInt(LEHMER_MULTIPLIER);

/**
 * dbgen's 64-bit stream, used for customer and part keys from scale factor 30000 on. Row skips use
 * the 32-bit jump on the 64-bit seed, overflow included, as the reference does.
 */
export class RandomStream64 {
  private seed: bigint;
  private usage = 0;

  constructor(
    seed: number,
    readonly drawsPerRow: number,
  ) {
    this.seed = BigInt(seed);
  }

  nextLong(low: number, high: number): number {
    this.seed = BigInt.asIntN(64, this.seed * INT64_MULTIPLIER + 1n);
    this.usage++;
    const magnitude = this.seed < 0n ? BigInt.asIntN(64, -this.seed) : this.seed;
    return low + Number(magnitude % BigInt(high - low + 1));
  }

  rowFinished(): void {
    this.advanceDraws(this.drawsPerRow - this.usage);
    this.usage = 0;
  }

  advanceRows(rowCount: number): void {
    if (this.usage !== 0) this.rowFinished();
    this.advanceDraws(this.drawsPerRow * rowCount);
  }

  private advanceDraws(count: number): void {
    let multiplier = BIG_LEHMER_MULTIPLIER;
    let n = count;
    while (n > 0) {
      if (n % 2 !== 0) this.seed = BigInt.asIntN(64, multiplier * this.seed) % BIG_MODULUS;
      n = Math.floor(n / 2);
      multiplier = (multiplier * multiplier) % BIG_MODULUS;
    }
  }
}

/** A key stream that is 32-bit below scale factor 30000 and 64-bit from there on, as in dbgen. */
export class RandomKeyStream {
  private readonly narrow: RandomStream | undefined;
  private readonly wide: RandomStream64 | undefined;

  constructor(
    seed: number,
    useWide: boolean,
    private readonly low: number,
    private readonly high: number,
    drawsPerRow: number,
  ) {
    if (useWide) this.wide = new RandomStream64(seed, drawsPerRow);
    else this.narrow = new RandomStream(seed, drawsPerRow);
  }

  next(): number {
    if (this.narrow !== undefined) return this.narrow.nextInt(this.low | 0, this.high | 0);
    return this.wide!.nextLong(this.low, this.high);
  }

  rowFinished(): void {
    if (this.narrow !== undefined) this.narrow.rowFinished();
    else this.wide!.rowFinished();
  }

  advanceRows(rowCount: number): void {
    if (this.narrow !== undefined) this.narrow.advanceRows(rowCount);
    else this.wide!.advanceRows(rowCount);
  }
}
