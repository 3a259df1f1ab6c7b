import { RandomStream } from '../random-stream.js';
import { RandomText } from '../random-text.js';
import { partRowRange } from '../row-range.js';
import type { GeneratedBatch, GeneratedColumn, RowStream, TableGenerator } from '../table-generator.js';
import { presentStreams, requestedFlags, trimBatch } from '../table-generator.js';
import type { TextPool } from '../text-pool.js';
import { PART_SCALE_BASE, SUPPLIERS_PER_PART, selectPartSupplier } from './part-rules.js';

const enum PartSuppColumn {
  PartKey, SuppKey, AvailQty, SupplyCost, Comment,
}
const COLUMN_COUNT = 5;

/** Four suppliers for each part of a part range. */
export class PartSuppGenerator implements TableGenerator {
  private readonly want: boolean[];
  private readonly availableQuantity: RandomStream | undefined;
  private readonly supplyCost: RandomStream | undefined;
  private readonly comment: RandomText | undefined;
  private readonly streams: readonly RowStream[];
  private partsLeft: number;
  private partKey: number;
  private supplierNumber = 0;

  constructor(
    private readonly scaleFactor: number,
    part: number,
    partCount: number,
    ordinals: readonly number[],
    pool: TextPool,
  ) {
    const w = requestedFlags(COLUMN_COUNT + 1, ordinals);
    this.want = w;
    const { startIndex, rowCount } = partRowRange(PART_SCALE_BASE, scaleFactor, part, partCount);
    this.partsLeft = rowCount;
    this.partKey = startIndex + 1;
    this.availableQuantity = w[PartSuppColumn.AvailQty]! ? new RandomStream(1671059989, SUPPLIERS_PER_PART) : undefined;
    this.supplyCost = w[PartSuppColumn.SupplyCost]! ? new RandomStream(1051288424, SUPPLIERS_PER_PART) : undefined;
    this.comment = w[PartSuppColumn.Comment]! ? new RandomText(1961692154, pool, 124, SUPPLIERS_PER_PART) : undefined;
    this.streams = presentStreams([this.availableQuantity, this.supplyCost, this.comment]);
    for (const s of this.streams) s.advanceRows(startIndex);
  }

  next(maxRows: number): GeneratedBatch | undefined {
    if (this.partsLeft <= 0) return undefined;
    const w = this.want;
    const partKeys = w[PartSuppColumn.PartKey] || w[COLUMN_COUNT] ? new Float64Array(maxRows) : undefined;
    const suppKeys = w[PartSuppColumn.SuppKey] ? new Float64Array(maxRows) : undefined;
    const quantities = w[PartSuppColumn.AvailQty] ? new Int32Array(maxRows) : undefined;
    const costs = w[PartSuppColumn.SupplyCost] ? new Float64Array(maxRows) : undefined;
    const comments = w[PartSuppColumn.Comment] ? new Array<string>(maxRows) : undefined;
    let row = 0;
    while (row < maxRows && this.partsLeft > 0) {
      const key = this.partKey;
      if (partKeys !== undefined) partKeys[row] = key;
      if (suppKeys !== undefined) suppKeys[row] = selectPartSupplier(key, this.supplierNumber, this.scaleFactor);
      if (quantities !== undefined) quantities[row] = this.availableQuantity!.nextInt(1, 9999);
      if (costs !== undefined) costs[row] = this.supplyCost!.nextInt(100, 100000);
      if (comments !== undefined) comments[row] = this.comment!.next();
      row++;
      this.supplierNumber++;
      if (this.supplierNumber >= SUPPLIERS_PER_PART) {
        for (const s of this.streams) s.rowFinished();
        this.supplierNumber = 0;
        this.partKey++;
        this.partsLeft--;
      }
    }
    const columns: (GeneratedColumn | undefined)[] = [partKeys, suppKeys, quantities, costs, comments, w[COLUMN_COUNT] ? partKeys : undefined];
    return trimBatch(columns, row);
  }
}
