import { isInPast, toEpochDay } from '../dates.js';
import { RETURN_FLAGS, SHIP_INSTRUCTIONS, SHIP_MODES, WeightedPicker } from '../distributions.js';
import { RandomStream, RandomKeyStream } from '../random-stream.js';
import { RandomText } from '../random-text.js';
import { partRowRange } from '../row-range.js';
import type { GeneratedBatch, GeneratedColumn, TableGenerator } from '../table-generator.js';
import { requestedFlags, trimBatch } from '../table-generator.js';
import type { TextPool } from '../text-pool.js';
import { ORDERS_SCALE_BASE, makeOrderKey, createLineStreamSeeds, orderDateRange } from './order-rules.js';
import { PART_SCALE_BASE, partRetailPrice, selectPartSupplier } from './part-rules.js';

const MAX_LINES = 7;

/** Column ordinals of lineitem. */
const enum LineItemColumn {
  OrderKey, PartKey, SuppKey, LineNumber, Quantity, ExtendedPrice, Discount, Tax, ReturnFlag, LineStatus,
  ShipDate, CommitDate, ReceiptDate, ShipInstruct, ShipMode, Comment,
}
const COLUMN_COUNT = 16;

/** Lines of the orders in one part of the orders table; up to 7 lines per order. */
export class LineItemGenerator implements TableGenerator {
  private readonly want: boolean[];
  private readonly orderDate: RandomStream | undefined;
  private readonly lineCount: RandomStream;
  private readonly quantity: RandomStream | undefined;
  private readonly discount: RandomStream | undefined;
  private readonly tax: RandomStream | undefined;
  private readonly partKey: RandomKeyStream | undefined;
  private readonly supplierNumber: RandomStream | undefined;
  private readonly shipDate: RandomStream | undefined;
  private readonly commitDate: RandomStream | undefined;
  private readonly receiptDate: RandomStream | undefined;
  private readonly returnFlag: RandomStream | undefined;
  private readonly shipInstruct: RandomStream | undefined;
  private readonly shipMode: RandomStream | undefined;
  private readonly comment: RandomText | undefined;
  private readonly returnFlags = new WeightedPicker(RETURN_FLAGS);
  private readonly instructions = new WeightedPicker(SHIP_INSTRUCTIONS);
  private readonly modes = new WeightedPicker(SHIP_MODES);

  private ordersLeft: number;
  private orderIndex: number;
  private currentOrderDate = 0;
  private currentLineCount = 0;
  private lineNumber = 0;

  constructor(
    private readonly scaleFactor: number,
    part: number,
    partCount: number,
    ordinals: readonly number[],
    pool: TextPool,
  ) {
    const w = requestedFlags(COLUMN_COUNT + 1, ordinals);
    this.want = w;
    const { startIndex, rowCount } = partRowRange(ORDERS_SCALE_BASE, scaleFactor, part, partCount);
    this.ordersLeft = rowCount;
    this.orderIndex = startIndex + 1;
    const seeds = createLineStreamSeeds();
    const needShipDate = w[LineItemColumn.ShipDate]! || w[LineItemColumn.ReceiptDate]! || w[LineItemColumn.ReturnFlag]! || w[LineItemColumn.LineStatus]!;
    const needReceipt = w[LineItemColumn.ReceiptDate]! || w[LineItemColumn.ReturnFlag]!;
    const needOrderDate = needShipDate || w[LineItemColumn.CommitDate]!;
    const needPartKey = w[LineItemColumn.PartKey]! || w[LineItemColumn.SuppKey]! || w[LineItemColumn.ExtendedPrice]!;
    const stream = (need: boolean, seed: number): RandomStream | undefined => (need ? new RandomStream(seed, MAX_LINES) : undefined);
    this.orderDate = needOrderDate ? new RandomStream(seeds.orderDate, 1) : undefined;
    this.lineCount = new RandomStream(seeds.lineCount, 1);
    this.quantity = stream(w[LineItemColumn.Quantity]! || w[LineItemColumn.ExtendedPrice]!, seeds.quantity);
    this.discount = stream(w[LineItemColumn.Discount]!, seeds.discount);
    this.tax = stream(w[LineItemColumn.Tax]!, seeds.tax);
    this.partKey = needPartKey
      ? new RandomKeyStream(seeds.partKey, scaleFactor >= 30000, 1, Math.trunc(PART_SCALE_BASE * scaleFactor), MAX_LINES)
      : undefined;
    this.supplierNumber = stream(w[LineItemColumn.SuppKey]!, 2095021727);
    this.shipDate = stream(needShipDate, seeds.shipDate);
    this.commitDate = stream(w[LineItemColumn.CommitDate]!, 904914315);
    this.receiptDate = stream(needReceipt, 373135028);
    this.returnFlag = stream(w[LineItemColumn.ReturnFlag]!, 717419739);
    this.shipInstruct = stream(w[LineItemColumn.ShipInstruct]!, 1371272478);
    this.shipMode = stream(w[LineItemColumn.ShipMode]!, 675466456);
    this.comment = w[LineItemColumn.Comment]! ? new RandomText(1095462486, pool, 27, MAX_LINES) : undefined;

    for (const s of [this.orderDate, this.lineCount, this.quantity, this.discount, this.tax, this.partKey, this.supplierNumber,
      this.shipDate, this.commitDate, this.receiptDate, this.returnFlag, this.shipInstruct, this.shipMode, this.comment]) {
      s?.advanceRows(startIndex);
    }
    if (this.ordersLeft > 0) this.startOrder();
  }

  private startOrder(): void {
    this.currentLineCount = this.lineCount.nextInt(1, MAX_LINES);
    if (this.orderDate !== undefined) {
      const [low, high] = orderDateRange();
      this.currentOrderDate = this.orderDate.nextInt(low, high);
    }
    this.lineNumber = 0;
  }

  private finishOrder(): void {
    this.orderDate?.rowFinished();
    this.lineCount.rowFinished();
    this.quantity?.rowFinished();
    this.discount?.rowFinished();
    this.tax?.rowFinished();
    this.partKey?.rowFinished();
    this.supplierNumber?.rowFinished();
    this.shipDate?.rowFinished();
    this.commitDate?.rowFinished();
    this.receiptDate?.rowFinished();
    this.returnFlag?.rowFinished();
    this.shipInstruct?.rowFinished();
    this.shipMode?.rowFinished();
    this.comment?.rowFinished();
    this.orderIndex++;
    this.ordersLeft--;
    if (this.ordersLeft > 0) this.startOrder();
  }

  next(maxRows: number): GeneratedBatch | undefined {
    if (this.ordersLeft <= 0) return undefined;
    const w = this.want;
    const f64 = (o: LineItemColumn): Float64Array | undefined => (w[o] ? new Float64Array(maxRows) : undefined);
    const i32 = (o: LineItemColumn): Int32Array | undefined => (w[o] ? new Int32Array(maxRows) : undefined);
    const str = (o: LineItemColumn): string[] | undefined => (w[o] ? new Array<string>(maxRows) : undefined);
    const orderKeys = f64(LineItemColumn.OrderKey);
    const partKeys = f64(LineItemColumn.PartKey);
    const suppKeys = f64(LineItemColumn.SuppKey);
    const lineNumbers = i32(LineItemColumn.LineNumber);
    const quantities = f64(LineItemColumn.Quantity);
    const extendedPrices = f64(LineItemColumn.ExtendedPrice);
    const discounts = f64(LineItemColumn.Discount);
    const taxes = f64(LineItemColumn.Tax);
    const returnFlags = str(LineItemColumn.ReturnFlag);
    const lineStatuses = str(LineItemColumn.LineStatus);
    const shipDates = i32(LineItemColumn.ShipDate);
    const commitDates = i32(LineItemColumn.CommitDate);
    const receiptDates = i32(LineItemColumn.ReceiptDate);
    const instructs = str(LineItemColumn.ShipInstruct);
    const modes = str(LineItemColumn.ShipMode);
    const comments = str(LineItemColumn.Comment);
    const rowNumbers = w[COLUMN_COUNT] ? new Float64Array(maxRows) : undefined;

    const scaleFactor = this.scaleFactor;
    let row = 0;
    while (row < maxRows && this.ordersLeft > 0) {
      const orderDate = this.currentOrderDate;
      if (orderKeys !== undefined) orderKeys[row] = makeOrderKey(this.orderIndex);
      if (rowNumbers !== undefined) rowNumbers[row] = this.orderIndex;
      if (lineNumbers !== undefined) lineNumbers[row] = this.lineNumber + 1;
      let quantity = 0;
      if (this.quantity !== undefined) {
        quantity = this.quantity.nextInt(1, 50);
        if (quantities !== undefined) quantities[row] = quantity * 100;
      }
      if (this.discount !== undefined) discounts![row] = this.discount.nextInt(0, 10);
      if (this.tax !== undefined) taxes![row] = this.tax.nextInt(0, 8);
      if (this.partKey !== undefined) {
        const partKey = this.partKey.next();
        if (partKeys !== undefined) partKeys[row] = partKey;
        if (this.supplierNumber !== undefined) {
          suppKeys![row] = selectPartSupplier(partKey, this.supplierNumber.nextInt(0, 3), scaleFactor);
        }
        if (extendedPrices !== undefined) extendedPrices[row] = partRetailPrice(partKey) * quantity;
      }
      if (this.shipDate !== undefined) {
        const shipDate = orderDate + this.shipDate.nextInt(1, 121);
        if (shipDates !== undefined) shipDates[row] = toEpochDay(shipDate);
        if (lineStatuses !== undefined) lineStatuses[row] = isInPast(shipDate) ? 'F' : 'O';
        if (this.receiptDate !== undefined) {
          const receiptDate = shipDate + this.receiptDate.nextInt(1, 30);
          if (receiptDates !== undefined) receiptDates[row] = toEpochDay(receiptDate);
          if (returnFlags !== undefined) {
            returnFlags[row] = isInPast(receiptDate) ? this.returnFlags.pick(this.returnFlag!) : 'N';
          }
        }
      }
      if (this.commitDate !== undefined) commitDates![row] = toEpochDay(orderDate + this.commitDate.nextInt(30, 90));
      if (this.shipInstruct !== undefined) instructs![row] = this.instructions.pick(this.shipInstruct);
      if (this.shipMode !== undefined) modes![row] = this.modes.pick(this.shipMode);
      if (this.comment !== undefined) comments![row] = this.comment.next();

      row++;
      this.lineNumber++;
      if (this.lineNumber >= this.currentLineCount) this.finishOrder();
    }
    const columns: (GeneratedColumn | undefined)[] = [
      orderKeys, partKeys, suppKeys, lineNumbers, quantities, extendedPrices, discounts, taxes, returnFlags, lineStatuses,
      shipDates, commitDates, receiptDates, instructs, modes, comments, rowNumbers,
    ];
    return trimBatch(columns, row);
  }
}
