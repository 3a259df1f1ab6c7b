import { isInPast, toEpochDay } from '../dates.js';
import { ORDER_PRIORITIES, WeightedPicker } from '../distributions.js';
import { RandomKeyStream, RandomStream } from '../random-stream.js';
import { RandomText } from '../random-text.js';
import { partRowRange, scaledRowCount } from '../row-range.js';
import type { GeneratedBatch, GeneratedColumn, TableGenerator } from '../table-generator.js';
import type { RowStream } from '../table-generator.js';
import { presentStreams, requestedFlags, trimBatch } from '../table-generator.js';
import type { TextPool } from '../text-pool.js';
import { ORDERS_SCALE_BASE, createLineStreamSeeds, makeOrderKey, orderDateRange } from './order-rules.js';
import { PART_SCALE_BASE, partRetailPrice } from './part-rules.js';

const MAX_LINES = 7;
const CUSTOMER_SCALE_BASE = 150_000;
/** Every third customer places no orders. */
const CUSTOMER_MORTALITY = 3;

const enum OrdersColumn {
  OrderKey, CustKey, OrderStatus, TotalPrice, OrderDate, OrderPriority, Clerk, ShipPriority, Comment,
}
const COLUMN_COUNT = 9;

/** Orders; status and total price replay the order's lines with lineitem's streams. */
export class OrdersGenerator implements TableGenerator {
  private readonly want: boolean[];
  private readonly orderDate: RandomStream | undefined;
  private readonly lineCount: RandomStream | undefined;
  private readonly customerKey: RandomKeyStream | undefined;
  private readonly priority: RandomStream | undefined;
  private readonly clerk: RandomStream | undefined;
  private readonly comment: RandomText | undefined;
  private readonly lineQuantity: RandomStream | undefined;
  private readonly lineDiscount: RandomStream | undefined;
  private readonly lineTax: RandomStream | undefined;
  private readonly linePartKey: RandomKeyStream | undefined;
  private readonly lineShipDate: RandomStream | undefined;
  private readonly priorities = new WeightedPicker(ORDER_PRIORITIES);
  private readonly maxCustomerKey: number;
  private readonly maxClerk: number;
  private readonly needPrice: boolean;
  private readonly streams: readonly RowStream[];

  private ordersLeft: number;
  private orderIndex: number;

  constructor(scaleFactor: number, part: number, partCount: number, ordinals: readonly number[], pool: TextPool) {
    const w = requestedFlags(COLUMN_COUNT + 1, ordinals);
    this.want = w;
    const { startIndex, rowCount } = partRowRange(ORDERS_SCALE_BASE, scaleFactor, part, partCount);
    this.ordersLeft = rowCount;
    this.orderIndex = startIndex + 1;
    const seeds = createLineStreamSeeds();
    const needLines = w[OrdersColumn.OrderStatus]! || w[OrdersColumn.TotalPrice]!;
    this.needPrice = w[OrdersColumn.TotalPrice]!;
    const wide = scaleFactor >= 30000;
    this.maxCustomerKey = scaledRowCount(CUSTOMER_SCALE_BASE, scaleFactor);
    this.maxClerk = Math.max(Math.trunc(scaleFactor * 1000), 1000);

    this.orderDate = w[OrdersColumn.OrderDate]! || w[OrdersColumn.OrderStatus]! ? new RandomStream(seeds.orderDate, 1) : undefined;
    this.lineCount = needLines ? new RandomStream(seeds.lineCount, 1) : undefined;
    this.customerKey = w[OrdersColumn.CustKey]! ? new RandomKeyStream(851767375, wide, 1, this.maxCustomerKey, 1) : undefined;
    this.priority = w[OrdersColumn.OrderPriority]! ? new RandomStream(591449447, 1) : undefined;
    this.clerk = w[OrdersColumn.Clerk]! ? new RandomStream(1171034773, 1) : undefined;
    this.comment = w[OrdersColumn.Comment]! ? new RandomText(276090261, pool, 49) : undefined;
    const lineStream = (need: boolean, seed: number): RandomStream | undefined => (need ? new RandomStream(seed, MAX_LINES) : undefined);
    this.lineQuantity = lineStream(this.needPrice, seeds.quantity);
    this.lineDiscount = lineStream(this.needPrice, seeds.discount);
    this.lineTax = lineStream(this.needPrice, seeds.tax);
    this.linePartKey = this.needPrice
      ? new RandomKeyStream(seeds.partKey, wide, 1, Math.trunc(PART_SCALE_BASE * scaleFactor), MAX_LINES)
      : undefined;
    this.lineShipDate = lineStream(w[OrdersColumn.OrderStatus]!, seeds.shipDate);

    this.streams = presentStreams([this.orderDate, this.lineCount, this.customerKey, this.priority, this.clerk, this.comment,
      this.lineQuantity, this.lineDiscount, this.lineTax, this.linePartKey, this.lineShipDate]);
    for (const s of this.streams) s.advanceRows(startIndex);
  }

  next(maxRows: number): GeneratedBatch | undefined {
    if (this.ordersLeft <= 0) return undefined;
    const w = this.want;
    const orderKeys = w[OrdersColumn.OrderKey] ? new Float64Array(maxRows) : undefined;
    const custKeys = w[OrdersColumn.CustKey] ? new Float64Array(maxRows) : undefined;
    const statuses = w[OrdersColumn.OrderStatus] ? new Array<string>(maxRows) : undefined;
    const totalPrices = w[OrdersColumn.TotalPrice] ? new Float64Array(maxRows) : undefined;
    const orderDates = w[OrdersColumn.OrderDate] ? new Int32Array(maxRows) : undefined;
    const priorities = w[OrdersColumn.OrderPriority] ? new Array<string>(maxRows) : undefined;
    const clerks = w[OrdersColumn.Clerk] ? new Array<string>(maxRows) : undefined;
    const shipPriorities = w[OrdersColumn.ShipPriority] ? new Int32Array(maxRows) : undefined;
    const comments = w[OrdersColumn.Comment] ? new Array<string>(maxRows) : undefined;
    const rowNumbers = w[COLUMN_COUNT] ? new Float64Array(maxRows) : undefined;
    const [dateLow, dateHigh] = orderDateRange();

    let row = 0;
    while (row < maxRows && this.ordersLeft > 0) {
      if (orderKeys !== undefined) orderKeys[row] = makeOrderKey(this.orderIndex);
      if (rowNumbers !== undefined) rowNumbers[row] = this.orderIndex;
      const orderDate = this.orderDate !== undefined ? this.orderDate.nextInt(dateLow, dateHigh) : 0;
      if (orderDates !== undefined) orderDates[row] = toEpochDay(orderDate);
      if (this.customerKey !== undefined) {
        let key = this.customerKey.next();
        let delta = 1;
        while (key % CUSTOMER_MORTALITY === 0) {
          key = Math.min(key + delta, this.maxCustomerKey);
          delta = -delta;
        }
        custKeys![row] = key;
      }
      if (this.lineCount !== undefined) {
        const lines = this.lineCount.nextInt(1, MAX_LINES);
        let totalPrice = 0;
        let shipped = 0;
        for (let line = 0; line < lines; line++) {
          if (this.needPrice) {
            const quantity = this.lineQuantity!.nextInt(1, 50);
            const discount = this.lineDiscount!.nextInt(0, 10);
            const tax = this.lineTax!.nextInt(0, 8);
            const extendedPrice = partRetailPrice(this.linePartKey!.next()) * quantity;
            const discounted = Math.floor((extendedPrice * (100 - discount)) / 100);
            totalPrice += Math.floor((discounted * (100 + tax)) / 100);
          }
          if (this.lineShipDate !== undefined && isInPast(orderDate + this.lineShipDate.nextInt(1, 121))) shipped++;
        }
        if (totalPrices !== undefined) totalPrices[row] = totalPrice;
        if (statuses !== undefined) statuses[row] = shipped === lines ? 'F' : shipped > 0 ? 'P' : 'O';
      }
      if (this.priority !== undefined) priorities![row] = this.priorities.pick(this.priority);
      if (this.clerk !== undefined) clerks![row] = `Clerk#${String(this.clerk.nextInt(1, this.maxClerk)).padStart(9, '0')}`;
      if (shipPriorities !== undefined) shipPriorities[row] = 0;
      if (this.comment !== undefined) comments![row] = this.comment.next();

      for (const s of this.streams) s.rowFinished();
      this.orderIndex++;
      this.ordersLeft--;
      row++;
    }
    const columns: (GeneratedColumn | undefined)[] = [
      orderKeys, custKeys, statuses, totalPrices, orderDates, priorities, clerks, shipPriorities, comments, rowNumbers,
    ];
    return trimBatch(columns, row);
  }
}
