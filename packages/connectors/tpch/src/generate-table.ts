/** The generator API: TPC-H pages for one part of a table. */

import type { Block, Page } from '@petrel/spi';
import { assertNever, float64Block, int32Block, int64Block, objectBlock, page } from '@petrel/spi';
import { CustomerGenerator } from './generator/tables/customer-generator.js';
import { LineItemGenerator } from './generator/tables/lineitem-generator.js';
import { NationGenerator, RegionGenerator } from './generator/tables/nation-region-generators.js';
import { OrdersGenerator } from './generator/tables/orders-generator.js';
import { PartGenerator } from './generator/tables/part-generator.js';
import { PartSuppGenerator } from './generator/tables/partsupp-generator.js';
import { SupplierGenerator } from './generator/tables/supplier-generator.js';
import type { GeneratedColumn, TableGenerator } from './generator/table-generator.js';
import type { TextPool } from './generator/text-pool.js';
import { defaultTextPool } from './generator/text-pool.js';
import type { DoubleTypeMapping, TpchColumnDefinition, TpchTableName } from './tpch-schema.js';
import { ROW_NUMBER_COLUMN, tpchColumnDefinitionAt, tpchTableDefinition } from './tpch-schema.js';

export const DEFAULT_ROWS_PER_PAGE = 8192;

export function createTableGenerator(
  table: TpchTableName,
  scaleFactor: number,
  part: number,
  partCount: number,
  ordinals: readonly number[],
  pool: TextPool = defaultTextPool(),
): TableGenerator {
  if (!(scaleFactor > 0) || !Number.isFinite(scaleFactor)) throw new RangeError(`scale factor must be positive: ${scaleFactor}`);
  if (!Number.isInteger(partCount) || partCount < 1 || !Number.isInteger(part) || part < 1 || part > partCount) {
    throw new RangeError(`part must be in 1..${partCount}: ${part}`);
  }
  switch (table) {
    case 'nation':
      return new NationGenerator(part, ordinals, pool);
    case 'region':
      return new RegionGenerator(part, ordinals, pool);
    case 'part':
      return new PartGenerator(scaleFactor, part, partCount, ordinals, pool);
    case 'supplier':
      return new SupplierGenerator(scaleFactor, part, partCount, ordinals, pool);
    case 'partsupp':
      return new PartSuppGenerator(scaleFactor, part, partCount, ordinals, pool);
    case 'customer':
      return new CustomerGenerator(scaleFactor, part, partCount, ordinals, pool);
    case 'orders':
      return new OrdersGenerator(scaleFactor, part, partCount, ordinals, pool);
    case 'lineitem':
      return new LineItemGenerator(scaleFactor, part, partCount, ordinals, pool);
    default:
      return assertNever(table, 'tpch table');
  }
}

/** Converts one generated column to a block of the column's runtime representation. */
export function columnBlock(definition: TpchColumnDefinition, data: GeneratedColumn, mapping: DoubleTypeMapping): Block {
  switch (definition.kind) {
    case 'identifier':
      return float64Block(data as Float64Array);
    case 'integer':
    case 'date':
      return int32Block(data as Int32Array);
    case 'hundredths': {
      const hundredths = data as Float64Array;
      if (mapping === 'DECIMAL') {
        const unscaled = new BigInt64Array(hundredths.length);
        for (let i = 0; i < hundredths.length; i++) unscaled[i] = BigInt(hundredths[i]!);
        return int64Block(unscaled);
      }
      const values = new Float64Array(hundredths.length);
      for (let i = 0; i < hundredths.length; i++) values[i] = hundredths[i]! / 100;
      return float64Block(values);
    }
    case 'varchar':
      return objectBlock(data as string[]);
    default:
      return assertNever(definition.kind, 'tpch column kind');
  }
}

export interface GenerateOptions {
  /** Column names (simplified or standard, or row_number) or ordinals; all columns when omitted. */
  readonly columns?: readonly (string | number)[];
  readonly rowsPerPage?: number;
  readonly doubleTypeMapping?: DoubleTypeMapping;
}

/** Resolves column names (either naming) or ordinals to ordinals. */
export function resolveColumnOrdinals(table: TpchTableName, columns: readonly (string | number)[] | undefined): number[] {
  const definition = tpchTableDefinition(table);
  if (columns === undefined) return definition.columns.map((c) => c.ordinal);
  return columns.map((c) => {
    if (typeof c === 'number') return c;
    if (c === ROW_NUMBER_COLUMN) return definition.columns.length;
    const found = definition.columns.find((d) => d.simplifiedName === c || d.standardName === c);
    if (found === undefined) throw new Error(`tpch table ${table} has no column ${c}`);
    return found.ordinal;
  });
}

/** Pages of the requested columns of part `part` (1-based) of `partCount` parts of a table. */
export function pagesFromGenerator(
  table: TpchTableName,
  generator: TableGenerator,
  ordinals: readonly number[],
  rowsPerPage: number,
  mapping: DoubleTypeMapping,
): Iterable<Page> {
  const definitions = ordinals.map((o) => tpchColumnDefinitionAt(table, o));
  return {
    *[Symbol.iterator]() {
      for (;;) {
        const batch = generator.next(rowsPerPage);
        if (batch === undefined || batch.rowCount === 0) return;
        const blocks = ordinals.map((o, i) => columnBlock(definitions[i]!, batch.columns[o]!, mapping));
        yield page(blocks, batch.rowCount);
      }
    },
  };
}

/**
 * Generates part `part` (1-based) of `partCount` parts of a TPC-H table at a scale factor, row for
 * row as dbgen 2.17.3 does, as pages of about 8192 rows.
 */
export function generateTable(
  table: TpchTableName,
  scaleFactor: number,
  part = 1,
  partCount = 1,
  options: GenerateOptions = {},
): Iterable<Page> {
  const ordinals = resolveColumnOrdinals(table, options.columns);
  const generator = createTableGenerator(table, scaleFactor, part, partCount, ordinals);
  return pagesFromGenerator(table, generator, ordinals, options.rowsPerPage ?? DEFAULT_ROWS_PER_PAGE, options.doubleTypeMapping ?? 'DOUBLE');
}
