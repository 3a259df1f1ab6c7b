import { PART_COLORS, PART_CONTAINERS, PART_TYPES, WeightedPicker } from '../distributions.js';
import { RandomStream } from '../random-stream.js';
import { RandomWordSequence } from '../random-strings.js';
import { RandomText } from '../random-text.js';
import { partRowRange } from '../row-range.js';
import type { GeneratedBatch, GeneratedColumn, RowStream, TableGenerator } from '../table-generator.js';
import { presentStreams, requestedFlags, trimBatch } from '../table-generator.js';
import type { TextPool } from '../text-pool.js';
import { PART_SCALE_BASE, partRetailPrice } from './part-rules.js';

const enum PartColumn {
  PartKey, Name, Mfgr, Brand, Type, Size, Container, RetailPrice, Comment,
}
const COLUMN_COUNT = 9;

export class PartGenerator implements TableGenerator {
  private readonly want: boolean[];
  private readonly name: RandomWordSequence | undefined;
  private readonly manufacturer: RandomStream | undefined;
  private readonly brand: RandomStream | undefined;
  private readonly type: RandomStream | undefined;
  private readonly size: RandomStream | undefined;
  private readonly container: RandomStream | undefined;
  private readonly comment: RandomText | undefined;
  private readonly streams: readonly RowStream[];
  private readonly types = new WeightedPicker(PART_TYPES);
  private readonly containers = new WeightedPicker(PART_CONTAINERS);
  private rowsLeft: number;
  private partKey: number;

  constructor(scaleFactor: number, part: number, partCount: number, ordinals: readonly number[], pool: TextPool) {
    const w = requestedFlags(COLUMN_COUNT + 1, ordinals);
    this.want = w;
    const { startIndex, rowCount } = partRowRange(PART_SCALE_BASE, scaleFactor, part, partCount);
    this.rowsLeft = rowCount;
    this.partKey = startIndex + 1;
    this.name = w[PartColumn.Name]! ? new RandomWordSequence(709314158, 5, PART_COLORS) : undefined;
    this.manufacturer = w[PartColumn.Mfgr]! || w[PartColumn.Brand]! ? new RandomStream(1, 1) : undefined;
    this.brand = w[PartColumn.Brand]! ? new RandomStream(46831694, 1) : undefined;
    this.type = w[PartColumn.Type]! ? new RandomStream(1841581359, 1) : undefined;
    this.size = w[PartColumn.Size]! ? new RandomStream(1193163244, 1) : undefined;
    this.container = w[PartColumn.Container]! ? new RandomStream(727633698, 1) : undefined;
    this.comment = w[PartColumn.Comment]! ? new RandomText(804159733, pool, 14) : undefined;
    this.streams = presentStreams([this.name, this.manufacturer, this.brand, this.type, this.size, this.container, this.comment]);
    for (const s of this.streams) s.advanceRows(startIndex);
  }

  next(maxRows: number): GeneratedBatch | undefined {
    if (this.rowsLeft <= 0) return undefined;
    const w = this.want;
    const keys = w[PartColumn.PartKey] || w[COLUMN_COUNT] ? new Float64Array(maxRows) : undefined;
    const names = w[PartColumn.Name] ? new Array<string>(maxRows) : undefined;
    const mfgrs = w[PartColumn.Mfgr] ? new Array<string>(maxRows) : undefined;
    const brands = w[PartColumn.Brand] ? new Array<string>(maxRows) : undefined;
    const types = w[PartColumn.Type] ? new Array<string>(maxRows) : undefined;
    const sizes = w[PartColumn.Size] ? new Int32Array(maxRows) : undefined;
    const containers = w[PartColumn.Container] ? new Array<string>(maxRows) : undefined;
    const prices = w[PartColumn.RetailPrice] ? new Float64Array(maxRows) : undefined;
    const comments = w[PartColumn.Comment] ? new Array<string>(maxRows) : undefined;
    let row = 0;
    while (row < maxRows && this.rowsLeft > 0) {
      const key = this.partKey;
      if (keys !== undefined) keys[row] = key;
      if (names !== undefined) names[row] = this.name!.next();
      if (this.manufacturer !== undefined) {
        const manufacturer = this.manufacturer.nextInt(1, 5);
        if (mfgrs !== undefined) mfgrs[row] = `Manufacturer#${manufacturer}`;
        if (brands !== undefined) brands[row] = `Brand#${manufacturer * 10 + this.brand!.nextInt(1, 5)}`;
      }
      if (types !== undefined) types[row] = this.types.pick(this.type!);
      if (sizes !== undefined) sizes[row] = this.size!.nextInt(1, 50);
      if (containers !== undefined) containers[row] = this.containers.pick(this.container!);
      if (prices !== undefined) prices[row] = partRetailPrice(key);
      if (comments !== undefined) comments[row] = this.comment!.next();
      for (const s of this.streams) s.rowFinished();
      this.partKey++;
      this.rowsLeft--;
      row++;
    }
    const columns: (GeneratedColumn | undefined)[] = [
      keys, names, mfgrs, brands, types, sizes, containers, prices, comments, w[COLUMN_COUNT] ? keys : undefined,
    ];
    return trimBatch(columns, row);
  }
}
