import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { QueryRunner } from '../common/query-runner.js';

/** The catalogs the product tests need: Trino's default tpch, a STANDARD-named tpch for the Hive-style tables, memory. */
export const PRODUCT_TEST_CATALOGS = [
  { name: 'tpch', connectorName: 'tpch', properties: {} },
  { name: 'tpch_standard', connectorName: 'tpch', properties: { 'tpch.column-naming': 'STANDARD' } },
  { name: 'memory', connectorName: 'memory', properties: {} },
] as const;

export const FIXTURE_CATALOG = 'memory';
export const FIXTURE_SCHEMA = 'product_tests';

/**
 * Tempto's Hive TPC-H tables (scale factor 1, decimal money columns), built as views over the tpch
 * connector so that nothing is materialized. Column types follow tempto's table definitions.
 */
const TPCH_TABLES: Readonly<Record<string, readonly (readonly [string, string])[]>> = {
  nation: [['n_nationkey', 'bigint'], ['n_name', 'varchar(25)'], ['n_regionkey', 'bigint'], ['n_comment', 'varchar(152)']],
  region: [['r_regionkey', 'bigint'], ['r_name', 'varchar(25)'], ['r_comment', 'varchar(152)']],
  part: [['p_partkey', 'bigint'], ['p_name', 'varchar(55)'], ['p_mfgr', 'varchar(25)'], ['p_brand', 'varchar(10)'], ['p_type', 'varchar(25)'], ['p_size', 'integer'], ['p_container', 'varchar(10)'], ['p_retailprice', 'decimal(12,2)'], ['p_comment', 'varchar(23)']],
  supplier: [['s_suppkey', 'bigint'], ['s_name', 'varchar(25)'], ['s_address', 'varchar(40)'], ['s_nationkey', 'bigint'], ['s_phone', 'varchar(15)'], ['s_acctbal', 'decimal(12,2)'], ['s_comment', 'varchar(101)']],
  partsupp: [['ps_partkey', 'bigint'], ['ps_suppkey', 'bigint'], ['ps_availqty', 'integer'], ['ps_supplycost', 'decimal(12,2)'], ['ps_comment', 'varchar(199)']],
  customer: [['c_custkey', 'bigint'], ['c_name', 'varchar(25)'], ['c_address', 'varchar(40)'], ['c_nationkey', 'bigint'], ['c_phone', 'varchar(15)'], ['c_acctbal', 'decimal(12,2)'], ['c_mktsegment', 'varchar(10)'], ['c_comment', 'varchar(117)']],
  orders: [['o_orderkey', 'bigint'], ['o_custkey', 'bigint'], ['o_orderstatus', 'varchar(1)'], ['o_totalprice', 'decimal(12,2)'], ['o_orderdate', 'date'], ['o_orderpriority', 'varchar(15)'], ['o_clerk', 'varchar(15)'], ['o_shippriority', 'integer'], ['o_comment', 'varchar(79)']],
  lineitem: [['l_orderkey', 'bigint'], ['l_partkey', 'bigint'], ['l_suppkey', 'bigint'], ['l_linenumber', 'integer'], ['l_quantity', 'decimal(12,2)'], ['l_extendedprice', 'decimal(12,2)'], ['l_discount', 'decimal(12,2)'], ['l_tax', 'decimal(12,2)'], ['l_returnflag', 'varchar(1)'], ['l_linestatus', 'varchar(1)'], ['l_shipdate', 'date'], ['l_commitdate', 'date'], ['l_receiptdate', 'date'], ['l_shipinstruct', 'varchar(25)'], ['l_shipmode', 'varchar(10)'], ['l_comment', 'varchar(44)']],
};

/** Tempto's Hive data-set tables (`datasets/*.ddl` + `.data`), with Hive types in Trino spelling. */
const DATASET_TABLES: Readonly<Record<string, readonly (readonly [string, string])[]>> = {
  workers: [['id_employee', 'integer'], ['first_name', 'varchar'], ['last_name', 'varchar'], ['date_of_employment', 'varchar'], ['department', 'integer'], ['id_department', 'integer'], ['name', 'varchar'], ['salary', 'integer']],
  datatype: [['c_bigint', 'bigint'], ['c_double', 'double'], ['c_string', 'varchar'], ['c_date', 'date'], ['c_timestamp', 'timestamp'], ['c_boolean', 'boolean'], ['c_short_decimal', 'decimal(5,2)'], ['c_long_decimal', 'decimal(30,10)']],
  empty: [['c1', 'integer'], ['c2', 'varchar']],
};

export function isKnownFixtureTable(name: string): boolean {
  return name in TPCH_TABLES || name in DATASET_TABLES;
}

/** A SQL literal for one Hive text-file field (`\N` is NULL). */
export function hiveFieldLiteral(field: string, type: string): string {
  if (field === '\\N') return `CAST(NULL AS ${type})`;
  const quoted = `'${field.replace(/'/g, "''")}'`;
  if (type.startsWith('varchar')) return quoted;
  return `CAST(${quoted} AS ${type})`;
}

/** Rows of a `datasets/<name>.data` file, as SQL VALUES row texts. */
export function datasetValues(datasetsRoot: string, name: string): string[] {
  const columns = DATASET_TABLES[name];
  if (columns === undefined) throw new Error(`unknown data set ${name}`);
  const text = readFileSync(join(datasetsRoot, `${name}.data`), 'utf8');
  return text
    .split(/\r?\n/)
    .filter((line) => line.length > 0 && !line.startsWith('--'))
    .map((line) => {
      const fields = line.split('|');
      return `(${columns.map(([, type], i) => hiveFieldLiteral(fields[i] ?? '\\N', type)).join(', ')})`;
    });
}

function qualified(name: string): string {
  return `${FIXTURE_CATALOG}.${FIXTURE_SCHEMA}.${name}`;
}

/**
 * Creates the tempto tables on demand in memory.product_tests: TPC-H tables as views over
 * tpch_standard.sf1 (falling back to a copy of tiny for nation/region, which do not depend on
 * scale), data-set tables as memory tables. Remembers what exists and what failed.
 */
export class ProductTestFixtures {
  private readonly ready = new Map<string, string | undefined>();
  private schemaCreated = false;
  private mutableCounter = 0;

  constructor(
    private readonly runner: QueryRunner,
    private readonly datasetsRoot: string,
  ) {}

  private async ensureSchema(): Promise<void> {
    if (this.schemaCreated) return;
    this.schemaCreated = true;
    await this.runner.run(`CREATE SCHEMA IF NOT EXISTS ${FIXTURE_CATALOG}.${FIXTURE_SCHEMA}`);
  }

  /** Makes a table exist; returns an error description when it could not be created. */
  async ensureTable(name: string): Promise<string | undefined> {
    if (this.ready.has(name)) return this.ready.get(name);
    await this.ensureSchema();
    const problem = await this.create(name);
    this.ready.set(name, problem);
    return problem;
  }

  private async create(name: string): Promise<string | undefined> {
    const tpch = TPCH_TABLES[name];
    if (tpch !== undefined) {
      const select = `SELECT ${tpch.map(([column, type]) => `CAST(${column} AS ${type}) AS ${column}`).join(', ')} FROM tpch_standard.sf1.${name}`;
      const view = await this.runner.run(`CREATE VIEW ${qualified(name)} AS ${select}`);
      if (view.kind === 'rows') return undefined;
      if (name === 'nation' || name === 'region') {
        const copy = await this.runner.run(`CREATE TABLE ${qualified(name)} AS ${select.replace('tpch_standard.sf1.', 'tpch_standard.tiny.')}`);
        if (copy.kind === 'rows') return undefined;
        return `${copy.errorName}: ${copy.message}`;
      }
      return `${view.errorName}: ${view.message}`;
    }
    if (DATASET_TABLES[name] !== undefined) return this.createDatasetTable(name, name, true);
    return `unknown tempto table ${name}`;
  }

  private async createDatasetTable(definition: string, name: string, load: boolean): Promise<string | undefined> {
    const columns = DATASET_TABLES[definition]!;
    const created = await this.runner.run(`CREATE TABLE ${qualified(name)} (${columns.map(([c, t]) => `${c} ${t}`).join(', ')})`);
    if (created.kind === 'error') return `${created.errorName}: ${created.message}`;
    if (!load) return undefined;
    const rows = datasetValues(this.datasetsRoot, definition);
    if (rows.length === 0) return undefined;
    const inserted = await this.runner.run(`INSERT INTO ${qualified(name)} VALUES ${rows.join(', ')}`);
    return inserted.kind === 'error' ? `${inserted.errorName}: ${inserted.message}` : undefined;
  }

  /** A fresh table for `mutable_tables: datatype|created` (empty) or `|loaded` (with data). */
  async createMutableTable(definition: string, state: string): Promise<{ name: string } | { error: string }> {
    await this.ensureSchema();
    if (DATASET_TABLES[definition] === undefined) return { error: `unknown mutable table ${definition}` };
    this.mutableCounter++;
    const name = `${definition}_mutable_${process.pid}_${this.mutableCounter}`;
    const problem = await this.createDatasetTable(definition, name, state.toLowerCase() !== 'created');
    return problem === undefined ? { name: qualified(name) } : { error: problem };
  }

  async dropMutableTable(qualifiedName: string): Promise<void> {
    await this.runner.run(`DROP TABLE IF EXISTS ${qualifiedName}`);
  }
}
