import { invalidArgument } from '../errors.js';

/** Trino's default compression for `tdigest_agg` and `approx_percentile`. */
export const DEFAULT_COMPRESSION = 100;

/**
 * A merging t-digest (Dunning): weighted centroids whose sizes are bounded by the k1 scale
 * function k(q) = compression / (2π) · asin(2q − 1), so the tails stay precise and the memory is
 * O(compression). Incoming points are buffered and merged in batches.
 */
export class TDigest {
  private means: Float64Array;
  private weights: Float64Array;
  private count = 0;
  private bufferMeans: Float64Array;
  private bufferWeights: Float64Array;
  private buffered = 0;
  private totalWeight = 0;
  min = Infinity;
  max = -Infinity;

  constructor(readonly compression: number = DEFAULT_COMPRESSION) {
    const capacity = Math.ceil(compression * 2) + 10;
    this.means = new Float64Array(capacity);
    this.weights = new Float64Array(capacity);
    this.bufferMeans = new Float64Array(capacity * 5);
    this.bufferWeights = new Float64Array(capacity * 5);
  }

  add(value: number, weight = 1): void {
    if (Number.isNaN(value)) throw invalidArgument('Cannot add NaN to t-digest');
    if (!(weight > 0) || !Number.isFinite(weight)) throw invalidArgument('weight must be > 0');
    if (this.buffered === this.bufferMeans.length) this.compress();
    this.bufferMeans[this.buffered] = value;
    this.bufferWeights[this.buffered] = weight;
    this.buffered++;
    this.totalWeight += weight;
    if (value < this.min) this.min = value;
    if (value > this.max) this.max = value;
  }

  merge(other: TDigest): void {
    other.compress();
    for (let i = 0; i < other.count; i++) {
      if (this.buffered === this.bufferMeans.length) this.compress();
      this.bufferMeans[this.buffered] = other.means[i]!;
      this.bufferWeights[this.buffered] = other.weights[i]!;
      this.buffered++;
    }
    this.totalWeight += other.totalWeight;
    if (other.min < this.min) this.min = other.min;
    if (other.max > this.max) this.max = other.max;
  }

  get size(): number {
    return this.totalWeight;
  }

  /** Folds buffered points into the centroids. */
  compress(): void {
    if (this.buffered === 0) return;
    const n = this.count + this.buffered;
    const allMeans = new Float64Array(n);
    const allWeights = new Float64Array(n);
    allMeans.set(this.means.subarray(0, this.count));
    allWeights.set(this.weights.subarray(0, this.count));
    allMeans.set(this.bufferMeans.subarray(0, this.buffered), this.count);
    allWeights.set(this.bufferWeights.subarray(0, this.buffered), this.count);
    const order = new Uint32Array(n);
    for (let i = 0; i < n; i++) order[i] = i;
    order.sort((a, b) => allMeans[a]! - allMeans[b]!);
    this.buffered = 0;
    const total = this.totalWeight;
    const delta = this.compression;
    const k = (q: number): number => (delta / (2 * Math.PI)) * Math.asin(2 * Math.min(1, Math.max(0, q)) - 1);
    let out = 0;
    let sofar = 0;
    let curMean = allMeans[order[0]!]!;
    let curWeight = allWeights[order[0]!]!;
    let kLow = k(0);
    for (let j = 1; j < n; j++) {
      const i = order[j]!;
      const w = allWeights[i]!;
      const qRight = (sofar + curWeight + w) / total;
      if (k(qRight) - kLow <= 1) {
        curWeight += w;
        curMean += ((allMeans[i]! - curMean) * w) / curWeight;
      } else {
        sofar += curWeight;
        this.push(out++, curMean, curWeight);
        kLow = k(sofar / total);
        curMean = allMeans[i]!;
        curWeight = w;
      }
    }
    this.push(out++, curMean, curWeight);
    this.count = out;
  }

  private push(at: number, mean: number, weight: number): void {
    if (at >= this.means.length) {
      const grow = (a: Float64Array): Float64Array => {
        const b = new Float64Array(a.length * 2);
        b.set(a);
        return b;
      };
      this.means = grow(this.means);
      this.weights = grow(this.weights);
    }
    this.means[at] = mean;
    this.weights[at] = weight;
  }

  /** The centroids in ascending order of mean. */
  centroids(): { readonly means: Float64Array; readonly weights: Float64Array } {
    this.compress();
    return { means: this.means.subarray(0, this.count), weights: this.weights.subarray(0, this.count) };
  }

  centroidCount(): number {
    this.compress();
    return this.count;
  }

  /** The approximate value at quantile q in [0, 1]; NaN when empty. */
  valueAt(q: number): number {
    this.compress();
    const n = this.count;
    if (n === 0) return NaN;
    if (n === 1 || q <= 0) return q <= 0 ? this.min : this.means[0]!;
    if (q >= 1) return this.max;
    const total = this.totalWeight;
    const index = q * total;
    // before the first centroid's center: interpolate from min
    const firstHalf = this.weights[0]! / 2;
    if (index < firstHalf) {
      if (this.weights[0]! === 1) return this.min;
      return this.min + ((this.means[0]! - this.min) * index) / firstHalf;
    }
    let cumulative = firstHalf;
    for (let i = 0; i < n - 1; i++) {
      const gap = (this.weights[i]! + this.weights[i + 1]!) / 2;
      if (index < cumulative + gap) {
        // singleton centroids are exact values
        const leftSingle = this.weights[i]! === 1 ? 0.5 : 0;
        const rightSingle = this.weights[i + 1]! === 1 ? 0.5 : 0;
        if (leftSingle > 0 && index - cumulative < leftSingle) return this.means[i]!;
        if (rightSingle > 0 && cumulative + gap - index <= rightSingle) return this.means[i + 1]!;
        const span = gap - leftSingle - rightSingle;
        const t = span <= 0 ? 0 : (index - cumulative - leftSingle) / span;
        return this.means[i]! + t * (this.means[i + 1]! - this.means[i]!);
      }
      cumulative += gap;
    }
    const lastHalf = this.weights[n - 1]! / 2;
    if (this.weights[n - 1]! === 1 || lastHalf === 0) return this.max;
    const t = (index - cumulative) / lastHalf;
    return this.means[n - 1]! + t * (this.max - this.means[n - 1]!);
  }

  /** The approximate fraction of the weight at or below `value`. */
  quantileOf(value: number): number {
    this.compress();
    const n = this.count;
    if (n === 0) return NaN;
    if (value < this.min) return 0;
    if (value >= this.max) return 1;
    let below = 0;
    for (let i = 0; i < n; i++) {
      const m = this.means[i]!;
      const w = this.weights[i]!;
      if (m < value) below += w;
      else if (m === value) below += w / 2;
      else {
        // interpolate inside the gap to the previous centroid
        const prevMean = i === 0 ? this.min : this.means[i - 1]!;
        const prevHalf = i === 0 ? 0 : this.weights[i - 1]! / 2;
        if (i > 0) below -= prevHalf;
        const t = m === prevMean ? 0 : (value - prevMean) / (m - prevMean);
        below += t * (prevHalf + w / 2);
        return below / this.totalWeight;
      }
    }
    return below / this.totalWeight;
  }

  /** A digest with exactly these centroids (ascending means), as read back from its varbinary form. */
  static fromCentroids(compression: number, min: number, max: number, means: Float64Array, weights: Float64Array): TDigest {
    const d = new TDigest(compression);
    for (let i = 0; i < means.length; i++) d.push(i, means[i]!, weights[i]!);
    d.count = means.length;
    d.totalWeight = weights.reduce((a, w) => a + w, 0);
    d.min = min;
    d.max = max;
    return d;
  }

  clone(): TDigest {
    const c = new TDigest(this.compression);
    c.merge(this);
    return c;
  }

  sizeInBytes(): number {
    return 64 + (this.means.length + this.bufferMeans.length) * 16;
  }
}
