import type { Block } from './block.js';
import { blockPositionCount, blockSizeInBytes, copyPositions, getValue, sliceBlock } from './block.js';
import type { SqlValue } from '../type/value.js';

/** A batch of rows stored column by column: `positionCount` rows, one block per channel. */
export interface Page {
  readonly positionCount: number;
  readonly blocks: readonly Block[];
}

export function page(blocks: readonly Block[], positionCount?: number): Page {
  const count = positionCount ?? (blocks.length > 0 ? blockPositionCount(blocks[0]!) : 0);
  return { positionCount: count, blocks };
}

export function pageSizeInBytes(p: Page): number {
  let total = 0;
  for (const b of p.blocks) total += blockSizeInBytes(b);
  return total;
}

export function selectPositions(p: Page, positions: Int32Array | readonly number[], count = positions.length): Page {
  return page(
    p.blocks.map((b) => copyPositions(b, positions, count)),
    count,
  );
}

export function slicePage(p: Page, offset: number, length: number): Page {
  return page(
    p.blocks.map((b) => sliceBlock(b, offset, length)),
    length,
  );
}

/** Row `position` as an array of runtime values (slow path: tests, clients, row-at-a-time operators). */
export function getRow(p: Page, position: number): SqlValue[] {
  const row = new Array<SqlValue>(p.blocks.length);
  for (let c = 0; c < p.blocks.length; c++) row[c] = getValue(p.blocks[c]!, position);
  return row;
}

export function pageRows(p: Page): SqlValue[][] {
  const rows = new Array<SqlValue[]>(p.positionCount);
  for (let i = 0; i < p.positionCount; i++) rows[i] = getRow(p, i);
  return rows;
}
