/**
 * The TPC-H tables and columns as Trino's tpch connector exposes them: simplified names by default
 * (`orderkey`), standard names with `tpch.column-naming=STANDARD` (`o_orderkey`); keys bigint,
 * counts integer, money and quantities double (or decimal(12,2) with
 * `tpch.double-type-mapping=DECIMAL`), dates date, text varchar(n).
 */

import type { SqlType } from '@petrel/spi';
import { BIGINT, DATE, DOUBLE, INTEGER, assertNever, decimalType, varcharType } from '@petrel/spi';

export type TpchTableName = 'nation' | 'region' | 'part' | 'supplier' | 'partsupp' | 'customer' | 'orders' | 'lineitem';

export const TPCH_TABLE_NAMES: readonly TpchTableName[] = [
  'customer', 'lineitem', 'nation', 'orders', 'part', 'partsupp', 'region', 'supplier',
];

export type TpchColumnKind = 'identifier' | 'integer' | 'date' | 'hundredths' | 'varchar';

export type ColumnNaming = 'SIMPLIFIED' | 'STANDARD';
export type DoubleTypeMapping = 'DOUBLE' | 'DECIMAL';

export interface TpchColumnDefinition {
  readonly ordinal: number;
  readonly simplifiedName: string;
  readonly standardName: string;
  /** hundredths: money, quantity, discount and tax, generated as integers of 1/100. */
  readonly kind: TpchColumnKind;
  /** varchar length. */
  readonly length?: number;
}

export interface TpchTableDefinition {
  readonly name: TpchTableName;
  readonly columns: readonly TpchColumnDefinition[];
}

function table(name: TpchTableName, prefix: string, specs: readonly string[]): TpchTableDefinition {
  const columns = specs.map((spec, ordinal): TpchColumnDefinition => {
    const [simplifiedName, kindSpec] = spec.split(':') as [string, string];
    const varchar = /^varchar\((\d+)\)$/.exec(kindSpec);
    const kind: TpchColumnKind = varchar !== null ? 'varchar' : (kindSpec as TpchColumnKind);
    return {
      ordinal,
      simplifiedName,
      standardName: prefix + simplifiedName,
      kind,
      ...(varchar !== null ? { length: Number(varchar[1]) } : {}),
    };
  });
  return { name, columns };
}

const DEFINITIONS: Readonly<Record<TpchTableName, TpchTableDefinition>> = {
  nation: table('nation', 'n_', ['nationkey:identifier', 'name:varchar(25)', 'regionkey:identifier', 'comment:varchar(152)']),
  region: table('region', 'r_', ['regionkey:identifier', 'name:varchar(25)', 'comment:varchar(152)']),
  part: table('part', 'p_', [
    'partkey:identifier', 'name:varchar(55)', 'mfgr:varchar(25)', 'brand:varchar(10)', 'type:varchar(25)', 'size:integer',
    'container:varchar(10)', 'retailprice:hundredths', 'comment:varchar(23)',
  ]),
  supplier: table('supplier', 's_', [
    'suppkey:identifier', 'name:varchar(25)', 'address:varchar(40)', 'nationkey:identifier', 'phone:varchar(15)',
    'acctbal:hundredths', 'comment:varchar(101)',
  ]),
  partsupp: table('partsupp', 'ps_', [
    'partkey:identifier', 'suppkey:identifier', 'availqty:integer', 'supplycost:hundredths', 'comment:varchar(199)',
  ]),
  customer: table('customer', 'c_', [
    'custkey:identifier', 'name:varchar(25)', 'address:varchar(40)', 'nationkey:identifier', 'phone:varchar(15)',
    'acctbal:hundredths', 'mktsegment:varchar(10)', 'comment:varchar(117)',
  ]),
  orders: table('orders', 'o_', [
    'orderkey:identifier', 'custkey:identifier', 'orderstatus:varchar(1)', 'totalprice:hundredths', 'orderdate:date',
    'orderpriority:varchar(15)', 'clerk:varchar(15)', 'shippriority:integer', 'comment:varchar(79)',
  ]),
  lineitem: table('lineitem', 'l_', [
    'orderkey:identifier', 'partkey:identifier', 'suppkey:identifier', 'linenumber:integer', 'quantity:hundredths',
    'extendedprice:hundredths', 'discount:hundredths', 'tax:hundredths', 'returnflag:varchar(1)', 'linestatus:varchar(1)',
    'shipdate:date', 'commitdate:date', 'receiptdate:date', 'shipinstruct:varchar(25)', 'shipmode:varchar(10)',
    'comment:varchar(44)',
  ]),
};

/** Trino's hidden bigint column: the generator's row number (see table-generator.ts). */
export const ROW_NUMBER_COLUMN = 'row_number';

/** The definition at an ordinal; the ordinal after the last column is the hidden row_number. */
export function tpchColumnDefinitionAt(table: TpchTableName, ordinal: number): TpchColumnDefinition {
  const columns = DEFINITIONS[table].columns;
  if (ordinal === columns.length) {
    return { ordinal, simplifiedName: ROW_NUMBER_COLUMN, standardName: ROW_NUMBER_COLUMN, kind: 'identifier' };
  }
  const column = columns[ordinal];
  if (column === undefined) throw new Error(`tpch table ${table} has no column ${ordinal}`);
  return column;
}

export function isTpchTableName(name: string): name is TpchTableName {
  return Object.prototype.hasOwnProperty.call(DEFINITIONS, name);
}

export function tpchTableDefinition(table: TpchTableName): TpchTableDefinition {
  return DEFINITIONS[table];
}

export function columnName(column: TpchColumnDefinition, naming: ColumnNaming): string {
  return naming === 'STANDARD' ? column.standardName : column.simplifiedName;
}

export function columnSqlType(column: TpchColumnDefinition, mapping: DoubleTypeMapping): SqlType {
  switch (column.kind) {
    case 'identifier':
      return BIGINT;
    case 'integer':
      return INTEGER;
    case 'date':
      return DATE;
    case 'hundredths':
      return mapping === 'DECIMAL' ? decimalType(12, 2) : DOUBLE;
    case 'varchar':
      return varcharType(column.length);
    default:
      return assertNever(column.kind, 'tpch column kind');
  }
}

export interface TpchColumn {
  readonly name: string;
  readonly type: SqlType;
  readonly ordinal: number;
}

/** The columns of a table, in table order, under a naming and a double mapping. */
export function tpchTableColumns(
  table: TpchTableName,
  naming: ColumnNaming = 'SIMPLIFIED',
  mapping: DoubleTypeMapping = 'DOUBLE',
): TpchColumn[] {
  return DEFINITIONS[table].columns.map((c) => ({ name: columnName(c, naming), type: columnSqlType(c, mapping), ordinal: c.ordinal }));
}
