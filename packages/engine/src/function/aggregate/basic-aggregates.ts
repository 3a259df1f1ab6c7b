import type { Block, DecimalType, Int64, SqlType, SqlValue } from '@petrel/spi';
import {
  BIGINT, BOOLEAN, DOUBLE, INT64_MAX, INT64_MIN, arrayType, boolBlock, decimalType, float64Block, getValue, normalizeInt64,
  objectBlock, rowType, StandardErrorCode, TrinoError,
} from '@petrel/spi';
import type { AggregateImplementation, GroupedAccumulator } from '../function-implementation.js';
import type { FunctionDefinition } from '../function-definition.js';
import { aggregateFunction } from '../function-definition.js';
import { compareValues } from '../../type/value-compare.js';
import { divideRoundHalfUp } from '../../type/decimal.js';
import { forEachNonNull, forEachValue, GroupedFlags, GroupedFloat64, GroupedObjects } from './accumulator-support.js';

function aggregate(intermediateType: SqlType, create: () => GroupedAccumulator, orderSensitive = false): AggregateImplementation {
  return { intermediateType, orderSensitive, createAccumulator: create };
}

function countBlock(values: Float64Array, groupCount: number): Block {
  return float64Block(values.slice(0, groupCount));
}

// ---- count, count_if ----
class CountAccumulator implements GroupedAccumulator {
  private readonly counts = new GroupedFloat64();
  constructor(private readonly mode: 'rows' | 'nonNull' | 'true') {}
  addInput(groupIds: Int32Array, groupCount: number, args: readonly Block[], positionCount: number): void {
    this.counts.ensure(groupCount);
    const c = this.counts.values;
    if (this.mode === 'rows' || args.length === 0) {
      for (let i = 0; i < positionCount; i++) c[groupIds[i]!]!++;
      return;
    }
    const block = args[0]!;
    if (this.mode === 'true') {
      forEachNonNull(block, groupIds, positionCount, (g, v) => {
        if (v === true || v === 1) c[g]!++;
      });
      return;
    }
    if ((block.kind === 'float64' || block.kind === 'int32' || block.kind === 'int64' || block.kind === 'bool') && block.nulls === undefined) {
      for (let i = 0; i < positionCount; i++) c[groupIds[i]!]!++;
      return;
    }
    forEachNonNull(block, groupIds, positionCount, (g) => {
      c[g]!++;
    });
  }
  addIntermediate(groupIds: Int32Array, groupCount: number, intermediate: Block, positionCount: number): void {
    this.counts.ensure(groupCount);
    const c = this.counts.values;
    forEachNonNull(intermediate, groupIds, positionCount, (g, v) => {
      c[g]! += Number(v);
    });
  }
  getIntermediate(groupCount: number): Block {
    this.counts.ensure(groupCount);
    return countBlock(this.counts.values, groupCount);
  }
  getFinal(groupCount: number): Block {
    return this.getIntermediate(groupCount);
  }
  sizeInBytes(): number {
    return this.counts.values.byteLength;
  }
}

// ---- sum of integers (exact bigint) ----
class IntegerSumAccumulator implements GroupedAccumulator {
  private readonly sums = new GroupedFloat64();
  private readonly seen = new GroupedFlags();
  private big: (bigint | undefined)[] = [];
  private add(g: number, v: Int64): void {
    this.seen.values[g] = 1;
    const b = this.big[g];
    if (b !== undefined) {
      this.big[g] = b + BigInt(v);
      return;
    }
    if (typeof v === 'number') {
      const s = this.sums.values[g]! + v;
      if (Number.isSafeInteger(s)) {
        this.sums.values[g] = s;
        return;
      }
    }
    this.big[g] = BigInt(this.sums.values[g]!) + BigInt(v);
  }
  addInput(groupIds: Int32Array, groupCount: number, args: readonly Block[], positionCount: number): void {
    this.sums.ensure(groupCount);
    this.seen.ensure(groupCount);
    const block = args[0]!;
    if (block.kind === 'float64' && block.nulls === undefined && this.big.length === 0) {
      const s = this.sums.values;
      const seen = this.seen.values;
      const vals = block.values;
      let ok = true;
      for (let i = 0; i < positionCount; i++) {
        const g = groupIds[i]!;
        const r = s[g]! + vals[i]!;
        if (!Number.isSafeInteger(r)) {
          ok = false;
          // undo nothing: finish the rest on the slow path from this row
          for (let j = i; j < positionCount; j++) this.add(groupIds[j]!, vals[j]!);
          break;
        }
        s[g] = r;
        seen[g] = 1;
      }
      void ok;
      return;
    }
    forEachNonNull(block, groupIds, positionCount, (g, v) => this.add(g, v as Int64));
  }
  addIntermediate(groupIds: Int32Array, groupCount: number, intermediate: Block, positionCount: number): void {
    this.sums.ensure(groupCount);
    this.seen.ensure(groupCount);
    forEachNonNull(intermediate, groupIds, positionCount, (g, v) => this.add(g, v as Int64));
  }
  private result(groupCount: number): Block {
    this.sums.ensure(groupCount);
    this.seen.ensure(groupCount);
    const out: SqlValue[] = new Array(groupCount);
    for (let g = 0; g < groupCount; g++) {
      if (this.seen.values[g] !== 1) {
        out[g] = null;
        continue;
      }
      const b = this.big[g];
      if (b === undefined) out[g] = this.sums.values[g]!;
      else {
        if (b > INT64_MAX || b < INT64_MIN) throw new TrinoError(StandardErrorCode.NUMERIC_VALUE_OUT_OF_RANGE, 'bigint addition overflow');
        out[g] = normalizeInt64(b);
      }
    }
    return objectBlock(out);
  }
  getIntermediate(groupCount: number): Block {
    return this.result(groupCount);
  }
  getFinal(groupCount: number): Block {
    return this.result(groupCount);
  }
  sizeInBytes(): number {
    return this.sums.values.byteLength + this.seen.values.byteLength + this.big.length * 8;
  }
}

// ---- sum of doubles / reals / intervals ----
/**
 * Adds `x` to group `g` with Neumaier's compensated summation: the running error is kept in
 * `compensation`, so the result is (almost always) the correctly rounded sum whatever the order the
 * rows arrive in. Plain `+=` would make `sum(double)` depend on page order, and queries that compare
 * two evaluations of the same sum (TPC-H Q15) would see them differ in the last bits.
 */
function addCompensated(sums: Float64Array, compensation: Float64Array, g: number, x: number): void {
  const sum = sums[g]!;
  const t = sum + x;
  if (Math.abs(sum) >= Math.abs(x)) compensation[g]! += sum - t + x;
  else compensation[g]! += x - t + sum;
  sums[g] = t;
}

/**
 * sum over doubles, reals and intervals. The partial state is the row (sum, compensation), so a
 * final step merging partial sums computed in any split of the rows (parallel drivers, cluster
 * tasks) still gets the correctly rounded total: two evaluations of the same sum agree.
 */
class DoubleSumAccumulator implements GroupedAccumulator {
  private readonly sums = new GroupedFloat64();
  private readonly compensation = new GroupedFloat64();
  private readonly seen = new GroupedFlags();
  constructor(private readonly round: (x: number) => number) {}
  private ensure(groupCount: number): void {
    this.sums.ensure(groupCount);
    this.compensation.ensure(groupCount);
    this.seen.ensure(groupCount);
  }
  addInput(groupIds: Int32Array, groupCount: number, args: readonly Block[], positionCount: number): void {
    this.ensure(groupCount);
    const s = this.sums.values;
    const c = this.compensation.values;
    const seen = this.seen.values;
    const block = args[0]!;
    if (block.kind === 'float64') {
      const vals = block.values;
      const nulls = block.nulls;
      for (let i = 0; i < positionCount; i++) {
        if (nulls !== undefined && nulls[i] === 1) continue;
        const g = groupIds[i]!;
        addCompensated(s, c, g, vals[i]!);
        seen[g] = 1;
      }
      return;
    }
    forEachNonNull(block, groupIds, positionCount, (g, v) => {
      addCompensated(s, c, g, v as number);
      seen[g] = 1;
    });
  }
  addIntermediate(groupIds: Int32Array, groupCount: number, intermediate: Block, positionCount: number): void {
    this.ensure(groupCount);
    const s = this.sums.values;
    const c = this.compensation.values;
    forEachNonNull(intermediate, groupIds, positionCount, (g, v) => {
      const [sum, compensation] = v as readonly [number, number];
      addCompensated(s, c, g, sum);
      addCompensated(s, c, g, compensation);
      this.seen.values[g] = 1;
    });
  }
  getIntermediate(groupCount: number): Block {
    this.ensure(groupCount);
    const out: SqlValue[] = new Array<SqlValue>(groupCount);
    for (let g = 0; g < groupCount; g++) out[g] = this.seen.values[g] === 1 ? [this.sums.values[g]!, this.compensation.values[g]!] : null;
    return objectBlock(out);
  }
  getFinal(groupCount: number): Block {
    this.ensure(groupCount);
    const nulls = new Uint8Array(groupCount);
    const values = new Float64Array(groupCount);
    for (let g = 0; g < groupCount; g++) {
      nulls[g] = this.seen.values[g] === 1 ? 0 : 1;
      values[g] = this.round(this.sums.values[g]! + this.compensation.values[g]!);
    }
    return float64Block(values, nulls);
  }
  sizeInBytes(): number {
    return this.sums.values.byteLength * 2 + this.seen.values.byteLength;
  }
}

// ---- sum of decimals (bigint) ----
class DecimalSumAccumulator implements GroupedAccumulator {
  private readonly sums = new GroupedObjects<bigint | null>(() => null);
  constructor(private readonly precision: number) {}
  addInput(groupIds: Int32Array, groupCount: number, args: readonly Block[], positionCount: number): void {
    this.sums.ensure(groupCount);
    const s = this.sums.values;
    forEachNonNull(args[0]!, groupIds, positionCount, (g, v) => {
      const x = typeof v === 'bigint' ? v : BigInt(v as number);
      s[g] = s[g] === null ? x : s[g]! + x;
    });
  }
  addIntermediate(groupIds: Int32Array, groupCount: number, intermediate: Block, positionCount: number): void {
    this.addInput(groupIds, groupCount, [intermediate], positionCount);
  }
  getIntermediate(groupCount: number): Block {
    this.sums.ensure(groupCount);
    return objectBlock(this.sums.values.slice(0, groupCount));
  }
  getFinal(groupCount: number): Block {
    this.sums.ensure(groupCount);
    const limit = 10n ** BigInt(this.precision);
    const out = this.sums.values.slice(0, groupCount);
    for (const v of out) {
      if (v !== null && (v >= limit || v <= -limit)) throw new TrinoError(StandardErrorCode.NUMERIC_VALUE_OUT_OF_RANGE, 'Decimal overflow');
    }
    return objectBlock(out);
  }
  sizeInBytes(): number {
    return this.sums.values.length * 24;
  }
}

// ---- avg ----
class AverageAccumulator implements GroupedAccumulator {
  private readonly sums = new GroupedFloat64();
  private readonly compensation = new GroupedFloat64();
  private readonly counts = new GroupedFloat64();
  constructor(private readonly round: (x: number) => number, private readonly integralResult: boolean) {}
  addInput(groupIds: Int32Array, groupCount: number, args: readonly Block[], positionCount: number): void {
    this.sums.ensure(groupCount);
    this.compensation.ensure(groupCount);
    this.counts.ensure(groupCount);
    const s = this.sums.values;
    const k = this.compensation.values;
    const c = this.counts.values;
    const block = args[0]!;
    if (block.kind === 'float64') {
      const vals = block.values;
      const nulls = block.nulls;
      for (let i = 0; i < positionCount; i++) {
        if (nulls !== undefined && nulls[i] === 1) continue;
        const g = groupIds[i]!;
        addCompensated(s, k, g, vals[i]!);
        c[g]!++;
      }
      return;
    }
    forEachNonNull(block, groupIds, positionCount, (g, v) => {
      addCompensated(s, k, g, Number(v));
      c[g]!++;
    });
  }
  addIntermediate(groupIds: Int32Array, groupCount: number, intermediate: Block, positionCount: number): void {
    this.sums.ensure(groupCount);
    this.compensation.ensure(groupCount);
    this.counts.ensure(groupCount);
    forEachNonNull(intermediate, groupIds, positionCount, (g, v) => {
      const r = v as readonly SqlValue[];
      addCompensated(this.sums.values, this.compensation.values, g, Number(r[0] ?? 0));
      addCompensated(this.sums.values, this.compensation.values, g, Number(r[2] ?? 0));
      this.counts.values[g]! += Number(r[1] ?? 0);
    });
  }
  getIntermediate(groupCount: number): Block {
    this.sums.ensure(groupCount);
    this.counts.ensure(groupCount);
    const out: SqlValue[] = [];
    this.compensation.ensure(groupCount);
    for (let g = 0; g < groupCount; g++) out.push([this.sums.values[g]!, this.counts.values[g]!, this.compensation.values[g]!]);
    return objectBlock(out);
  }
  getFinal(groupCount: number): Block {
    this.sums.ensure(groupCount);
    this.compensation.ensure(groupCount);
    this.counts.ensure(groupCount);
    const values = new Float64Array(groupCount);
    const nulls = new Uint8Array(groupCount);
    for (let g = 0; g < groupCount; g++) {
      const c = this.counts.values[g]!;
      if (c === 0) nulls[g] = 1;
      else {
        const avg = (this.sums.values[g]! + this.compensation.values[g]!) / c;
        values[g] = this.integralResult ? Math.round(avg) : this.round(avg);
      }
    }
    return float64Block(values, nulls);
  }
  sizeInBytes(): number {
    return this.sums.values.byteLength * 3;
  }
}

class DecimalAverageAccumulator implements GroupedAccumulator {
  private readonly sums = new GroupedObjects<bigint>(() => 0n);
  private readonly counts = new GroupedFloat64();
  addInput(groupIds: Int32Array, groupCount: number, args: readonly Block[], positionCount: number): void {
    this.sums.ensure(groupCount);
    this.counts.ensure(groupCount);
    forEachNonNull(args[0]!, groupIds, positionCount, (g, v) => {
      this.sums.values[g] = this.sums.values[g]! + (typeof v === 'bigint' ? v : BigInt(v as number));
      this.counts.values[g]!++;
    });
  }
  addIntermediate(groupIds: Int32Array, groupCount: number, intermediate: Block, positionCount: number): void {
    this.sums.ensure(groupCount);
    this.counts.ensure(groupCount);
    forEachNonNull(intermediate, groupIds, positionCount, (g, v) => {
      const r = v as readonly SqlValue[];
      this.sums.values[g] = this.sums.values[g]! + ((r[0] as bigint | null) ?? 0n);
      this.counts.values[g]! += Number(r[1] ?? 0);
    });
  }
  getIntermediate(groupCount: number): Block {
    this.sums.ensure(groupCount);
    this.counts.ensure(groupCount);
    const out: SqlValue[] = [];
    for (let g = 0; g < groupCount; g++) out.push([this.sums.values[g]!, this.counts.values[g]!]);
    return objectBlock(out);
  }
  getFinal(groupCount: number): Block {
    this.sums.ensure(groupCount);
    this.counts.ensure(groupCount);
    const out: SqlValue[] = [];
    for (let g = 0; g < groupCount; g++) {
      const c = this.counts.values[g]!;
      out.push(c === 0 ? null : divideRoundHalfUp(this.sums.values[g]!, BigInt(c)));
    }
    return objectBlock(out);
  }
  sizeInBytes(): number {
    return this.sums.values.length * 24;
  }
}

// ---- min / max / arbitrary ----
class ExtremeAccumulator implements GroupedAccumulator {
  private readonly values = new GroupedObjects<SqlValue>(() => null);
  constructor(private readonly type: SqlType, private readonly sign: 1 | -1 | 0) {}
  addInput(groupIds: Int32Array, groupCount: number, args: readonly Block[], positionCount: number): void {
    this.values.ensure(groupCount);
    const s = this.values.values;
    const sign = this.sign;
    const type = this.type;
    const block = args[0]!;
    if (block.kind === 'float64' && (type.kind !== 'double' && type.kind !== 'real')) {
      const vals = block.values;
      const nulls = block.nulls;
      for (let i = 0; i < positionCount; i++) {
        if (nulls !== undefined && nulls[i] === 1) continue;
        const g = groupIds[i]!;
        const v = vals[i]!;
        const cur = s[g];
        if (cur === null || (sign > 0 ? v > (cur as number) : sign < 0 ? v < (cur as number) : false)) s[g] = v;
      }
      return;
    }
    forEachNonNull(block, groupIds, positionCount, (g, v) => {
      const cur = s[g]!;
      if (cur === null) s[g] = v;
      else if (sign !== 0 && compareValues(type, v, cur) * sign > 0) s[g] = v;
    });
  }
  addIntermediate(groupIds: Int32Array, groupCount: number, intermediate: Block, positionCount: number): void {
    this.addInput(groupIds, groupCount, [intermediate], positionCount);
  }
  getIntermediate(groupCount: number): Block {
    this.values.ensure(groupCount);
    return objectBlock(this.values.values.slice(0, groupCount));
  }
  getFinal(groupCount: number): Block {
    return this.getIntermediate(groupCount);
  }
  sizeInBytes(): number {
    return this.values.values.length * 16;
  }
}

// ---- bool_and / bool_or ----
class BooleanAccumulator implements GroupedAccumulator {
  private readonly state = new GroupedFlags(); // 0 = no input, 1 = false, 2 = true
  constructor(private readonly and: boolean) {}
  addInput(groupIds: Int32Array, groupCount: number, args: readonly Block[], positionCount: number): void {
    this.state.ensure(groupCount);
    const s = this.state.values;
    const and = this.and;
    forEachNonNull(args[0]!, groupIds, positionCount, (g, v) => {
      const b = v === true || v === 1;
      const cur = s[g]!;
      if (cur === 0) s[g] = b ? 2 : 1;
      else if (and) {
        if (!b) s[g] = 1;
      } else if (b) s[g] = 2;
    });
  }
  addIntermediate(groupIds: Int32Array, groupCount: number, intermediate: Block, positionCount: number): void {
    this.addInput(groupIds, groupCount, [intermediate], positionCount);
  }
  getIntermediate(groupCount: number): Block {
    this.state.ensure(groupCount);
    const values = new Uint8Array(groupCount);
    const nulls = new Uint8Array(groupCount);
    for (let g = 0; g < groupCount; g++) {
      const s = this.state.values[g]!;
      if (s === 0) nulls[g] = 1;
      else values[g] = s === 2 ? 1 : 0;
    }
    return boolBlock(values, nulls);
  }
  getFinal(groupCount: number): Block {
    return this.getIntermediate(groupCount);
  }
  sizeInBytes(): number {
    return this.state.values.byteLength;
  }
}

// ---- array_agg ----
class ArrayAggAccumulator implements GroupedAccumulator {
  private readonly lists = new GroupedObjects<SqlValue[] | null>(() => null);
  addInput(groupIds: Int32Array, groupCount: number, args: readonly Block[], positionCount: number): void {
    this.lists.ensure(groupCount);
    const l = this.lists.values;
    forEachValue(args[0]!, groupIds, positionCount, (g, v) => {
      const list = l[g];
      if (list === null || list === undefined) l[g] = [v];
      else list.push(v);
    });
  }
  addIntermediate(groupIds: Int32Array, groupCount: number, intermediate: Block, positionCount: number): void {
    this.lists.ensure(groupCount);
    const l = this.lists.values;
    for (let i = 0; i < positionCount; i++) {
      const v = getValue(intermediate, i) as readonly SqlValue[] | null;
      if (v === null) continue;
      const g = groupIds[i]!;
      const list = l[g];
      if (list === null || list === undefined) l[g] = [...v];
      else list.push(...v);
    }
  }
  getIntermediate(groupCount: number): Block {
    this.lists.ensure(groupCount);
    return objectBlock(this.lists.values.slice(0, groupCount));
  }
  getFinal(groupCount: number): Block {
    return this.getIntermediate(groupCount);
  }
  sizeInBytes(): number {
    let n = 0;
    for (const l of this.lists.values) n += 16 + (l === null ? 0 : l.length * 16);
    return n;
  }
}

const identity = (x: number): number => x;

export function basicAggregates(): FunctionDefinition[] {
  const defs: FunctionDefinition[] = [
    aggregateFunction({
      name: 'count', args: [], returns: 'bigint',
      implement: () => aggregate(BIGINT, () => new CountAccumulator('rows')),
    }),
    aggregateFunction({
      name: 'count', args: ['T'], returns: 'bigint', description: 'Counts the non-null values',
      implement: () => aggregate(BIGINT, () => new CountAccumulator('nonNull')),
    }),
    aggregateFunction({
      name: 'count_if', args: ['boolean'], returns: 'bigint',
      implement: () => aggregate(BIGINT, () => new CountAccumulator('true')),
    }),
  ];
  for (const t of ['tinyint', 'smallint', 'integer', 'bigint']) {
    defs.push(aggregateFunction({
      name: 'sum', args: [t], returns: 'bigint',
      implement: () => aggregate(BIGINT, () => new IntegerSumAccumulator()),
    }));
  }
  // (sum, compensation): see DoubleSumAccumulator
  const compensatedSumIntermediate = rowType([{ name: undefined, type: DOUBLE }, { name: undefined, type: DOUBLE }]);
  defs.push(
    aggregateFunction({ name: 'sum', args: ['double'], returns: 'double', implement: () => aggregate(compensatedSumIntermediate, () => new DoubleSumAccumulator(identity)) }),
    aggregateFunction({ name: 'sum', args: ['real'], returns: 'real', implement: () => aggregate(compensatedSumIntermediate, () => new DoubleSumAccumulator(Math.fround)) }),
    aggregateFunction({ name: 'sum', args: ['interval_ds'], returns: 'interval_ds', implement: () => aggregate(compensatedSumIntermediate, () => new DoubleSumAccumulator(identity)) }),
    aggregateFunction({ name: 'sum', args: ['interval_ym'], returns: 'interval_ym', implement: () => aggregate(compensatedSumIntermediate, () => new DoubleSumAccumulator(identity)) }),
    aggregateFunction({
      name: 'sum', args: ['decimal(p,s)'], returns: (b) => decimalType(38, (b.argumentTypes[0] as DecimalType).scale), returnText: 'decimal(38,s)',
      description: 'Calculates the sum over the input values',
      implement: (b) => aggregate(b.returnType, () => new DecimalSumAccumulator(38)),
    }),
  );
  // (sum, count, compensation of the sum): see DoubleSumAccumulator
  const avgIntermediate = rowType([{ name: undefined, type: DOUBLE }, { name: undefined, type: BIGINT }, { name: undefined, type: DOUBLE }]);
  for (const t of ['tinyint', 'smallint', 'integer', 'bigint', 'double']) {
    defs.push(aggregateFunction({
      name: 'avg', args: [t], returns: 'double',
      implement: () => aggregate(avgIntermediate, () => new AverageAccumulator(identity, false)),
    }));
  }
  defs.push(
    aggregateFunction({ name: 'avg', args: ['real'], returns: 'real', implement: () => aggregate(avgIntermediate, () => new AverageAccumulator(Math.fround, false)) }),
    aggregateFunction({ name: 'avg', args: ['interval_ds'], returns: 'interval_ds', implement: () => aggregate(avgIntermediate, () => new AverageAccumulator(identity, true)) }),
    aggregateFunction({ name: 'avg', args: ['interval_ym'], returns: 'interval_ym', implement: () => aggregate(avgIntermediate, () => new AverageAccumulator(identity, true)) }),
    aggregateFunction({
      name: 'avg', args: ['decimal(p,s)'], returns: 'decimal(p,s)', description: 'Calculates the average value',
      implement: (b) => aggregate(
        rowType([{ name: undefined, type: decimalType(38, (b.argumentTypes[0] as DecimalType).scale) }, { name: undefined, type: BIGINT }]),
        () => new DecimalAverageAccumulator(),
      ),
    }),
    aggregateFunction({
      name: 'max', args: ['T'], returns: 'T', orderable: ['T'], description: 'Returns the maximum value of the argument',
      implement: (b) => aggregate(b.returnType, () => new ExtremeAccumulator(b.returnType, 1)),
    }),
    aggregateFunction({
      name: 'min', args: ['T'], returns: 'T', orderable: ['T'], description: 'Returns the minimum value of the argument',
      implement: (b) => aggregate(b.returnType, () => new ExtremeAccumulator(b.returnType, -1)),
    }),
    aggregateFunction({
      name: 'arbitrary', args: ['T'], returns: 'T', description: 'Return an arbitrary non-null input value',
      implement: (b) => aggregate(b.returnType, () => new ExtremeAccumulator(b.returnType, 0)),
    }),
    aggregateFunction({
      name: 'any_value', args: ['T'], returns: 'T', description: 'Return an arbitrary non-null input value',
      implement: (b) => aggregate(b.returnType, () => new ExtremeAccumulator(b.returnType, 0)),
    }),
    aggregateFunction({
      name: 'bool_and', args: ['boolean'], returns: 'boolean',
      implement: () => aggregate(BOOLEAN, () => new BooleanAccumulator(true)),
    }),
    aggregateFunction({
      name: 'every', args: ['boolean'], returns: 'boolean',
      implement: () => aggregate(BOOLEAN, () => new BooleanAccumulator(true)),
    }),
    aggregateFunction({
      name: 'bool_or', args: ['boolean'], returns: 'boolean',
      implement: () => aggregate(BOOLEAN, () => new BooleanAccumulator(false)),
    }),
    aggregateFunction({
      name: 'array_agg', args: ['T'], returns: 'array(T)', description: 'return an array of values',
      implement: (b) => aggregate(arrayType(b.argumentTypes[0]!), () => new ArrayAggAccumulator(), true),
    }),
  );
  // Trino gives sum, avg, count(), count_if, bool_and/bool_or/every no description (SHOW FUNCTIONS prints an empty one)
  return defs;
}
