import type { Page, SqlType, SqlValue, SqlMap } from '@petrel/spi';
import { getValue, page } from '@petrel/spi';
import { AbstractOperator, type OperatorContext } from './operator.js';
import { BlockBuilder } from '../block/block-builder.js';
import { OUTPUT_PAGE_ROWS } from './paged-output.js';

export interface UnnestMapping {
  readonly channel: number;
  readonly inputType: SqlType;
  readonly outputTypes: readonly SqlType[];
}

/**
 * UNNEST: each input row becomes max(length of its collections) rows; arrays give one column
 * (arrays of rows give one column per field when the mapping has several outputs), maps give key
 * and value; shorter collections pad with NULLs; optional ordinality; OUTER keeps rows whose
 * collections are all empty or NULL as one row of NULLs.
 */
export class UnnestOperator extends AbstractOperator {
  private input: Page | undefined;
  private row = 0;

  constructor(
    context: OperatorContext,
    private readonly replicateChannels: readonly number[],
    private readonly replicateTypes: readonly SqlType[],
    private readonly mappings: readonly UnnestMapping[],
    private readonly ordinality: boolean,
    private readonly outer: boolean,
  ) {
    super(context);
  }

  override needsInput(): boolean {
    return !this.finishing && this.input === undefined;
  }
  addInput(input: Page): void {
    this.input = input;
    this.row = 0;
  }

  getOutput(): Page | undefined {
    const input = this.input;
    if (input === undefined) return undefined;
    const replicated = this.replicateTypes.map((t) => new BlockBuilder(t));
    const unnested = this.mappings.flatMap((m) => m.outputTypes.map((t) => new BlockBuilder(t)));
    const ordinal = this.ordinality ? new BlockBuilder({ kind: 'bigint' }) : undefined;
    let produced = 0;
    while (this.row < input.positionCount && produced < OUTPUT_PAGE_ROWS) {
      const r = this.row++;
      const collections = this.mappings.map((m) => getValue(input.blocks[m.channel]!, r));
      let length = 0;
      for (let i = 0; i < collections.length; i++) length = Math.max(length, collectionLength(collections[i]!, this.mappings[i]!.inputType));
      const rows = length === 0 && this.outer ? 1 : length;
      for (let k = 0; k < rows; k++) {
        this.replicateChannels.forEach((c, i) => replicated[i]!.append(getValue(input.blocks[c]!, r)));
        let out = 0;
        for (let m = 0; m < this.mappings.length; m++) {
          const mapping = this.mappings[m]!;
          const values = elementAt(collections[m]!, mapping, k);
          for (let f = 0; f < mapping.outputTypes.length; f++) unnested[out++]!.append(values[f] ?? null);
        }
        ordinal?.append(length === 0 ? null : k + 1);
      }
      produced += rows;
    }
    if (this.row >= input.positionCount) this.input = undefined;
    if (produced === 0) return undefined;
    const blocks = [...replicated.map((b) => b.build()), ...unnested.map((b) => b.build())];
    if (ordinal !== undefined) blocks.push(ordinal.build());
    return page(blocks, produced);
  }

  isFinished(): boolean {
    return this.finishing && this.input === undefined;
  }
}

function collectionLength(value: SqlValue, type: SqlType): number {
  if (value === null) return 0;
  if (type.kind === 'map') return (value as SqlMap).keys.length;
  return (value as readonly SqlValue[]).length;
}

function elementAt(value: SqlValue, mapping: UnnestMapping, k: number): readonly SqlValue[] {
  const width = mapping.outputTypes.length;
  if (value === null) return new Array<SqlValue>(width).fill(null);
  if (mapping.inputType.kind === 'map') {
    const map = value as SqlMap;
    if (k >= map.keys.length) return [null, null];
    return [map.keys[k]!, map.values[k] ?? null];
  }
  const array = value as readonly SqlValue[];
  if (k >= array.length) return new Array<SqlValue>(width).fill(null);
  const element = array[k] ?? null;
  const rowElements = mapping.inputType.kind === 'array' && mapping.inputType.elementType.kind === 'row' && width === mapping.inputType.elementType.fields.length;
  if (width > 1 || rowElements) {
    if (element === null) return new Array<SqlValue>(width).fill(null);
    return element as readonly SqlValue[];
  }
  return [element];
}
