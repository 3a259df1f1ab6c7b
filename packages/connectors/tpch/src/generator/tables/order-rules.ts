/** Rules shared by the orders and lineitem generators (both replay each order's lines). */

import { MIN_GENERATED_DATE, TOTAL_DATE_RANGE } from '../dates.js';

export const ORDERS_SCALE_BASE = 1_500_000;

/** Latest ship date offset (121) plus latest receipt offset (30). */
const ITEM_SHIP_DAYS = 151;

/** Order dates range over [1992-01-01, 1998-08-02]. */
export function orderDateRange(): readonly [number, number] {
  return ORDER_DATE_RANGE;
}
const ORDER_DATE_RANGE = [MIN_GENERATED_DATE, MIN_GENERATED_DATE + (TOTAL_DATE_RANGE - ITEM_SHIP_DAYS - 1)] as const;

/**
 * Order keys are sparse: of each 32 consecutive keys only the first 8 are used, so the n-th order
 * (1-based) has key (n div 8) * 32 + n mod 8.
 */
export function makeOrderKey(orderIndex: number): number {
  return Math.floor(orderIndex / 8) * 32 + (orderIndex % 8);
}

export interface LineStreamSeeds {
  readonly orderDate: number;
  readonly lineCount: number;
  readonly quantity: number;
  readonly discount: number;
  readonly tax: number;
  readonly partKey: number;
  readonly shipDate: number;
}

const LINE_STREAM_SEEDS: LineStreamSeeds = {
  orderDate: 1066728069,
  lineCount: 1434868289,
  quantity: 209208115,
  discount: 554590007,
  tax: 721958466,
  partKey: 1808217256,
  shipDate: 1769349045,
};

/** Seeds of the streams the orders generator shares with lineitem. */
export function createLineStreamSeeds(): LineStreamSeeds {
  return LINE_STREAM_SEEDS;
}
