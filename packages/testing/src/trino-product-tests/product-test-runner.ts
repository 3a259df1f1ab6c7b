import { join } from 'node:path';
import type { QueryRunner } from '../common/query-runner.js';
import { failureCause } from '../common/failure-cause.js';
import { SHARED_ROOT } from '../common/paths.js';
import { FIXTURE_CATALOG, FIXTURE_SCHEMA, ProductTestFixtures } from './fixtures.js';
import type { ProductTestCase } from './product-test-case.js';
import { compareProductTestResult } from './result-compare.js';

export const PRODUCT_TESTS_ROOT = join(SHARED_ROOT, 'conformance', 'trino-product-tests', 'sql-tests');
export const TESTCASES_ROOT = join(PRODUCT_TESTS_ROOT, 'testcases');
export const DATASETS_ROOT = join(PRODUCT_TESTS_ROOT, 'datasets');

/** Directories that need data or systems Petrel's conformance setup does not have. */
export const EXCLUDED_BY_DEFAULT: Readonly<Record<string, string>> = {
  tpcds: 'needs TPC-DS sf1 data (no tpcds connector yet)',
  hive_tpch: 'TPC-H sf1 through Hive-typed views: slow; run with --dirs hive_tpch',
  'connectors/postgresql': 'needs a PostgreSQL server',
  'connectors/sqlserver': 'needs a SQL Server',
  orc: 'needs Hive ORC tables',
  '': 'Hive CSV/text tables with custom serde properties',
};

/** Single cases that depend on the environment Trino's product tests ran in, not on SQL semantics. */
export const NOT_APPLICABLE: Readonly<Record<string, string>> = {
  'catalog/showCatalogs': 'expects the jmx catalog of the product-test environment',
  'catalog/showTables': 'lists tables of the jmx connector',
  'ml_functions/prediction': 'needs the ML plugin models of the product-test environment',
  'ml_functions/varcharPrediction': 'needs the ML plugin models of the product-test environment',
};

export type CaseStatus = 'passed' | 'failed' | 'not-applicable';

export interface ProductTestResult {
  readonly directory: string;
  readonly name: string;
  readonly status: CaseStatus;
  /** Grouping key for failures. */
  readonly cause: string | undefined;
  readonly detail: string | undefined;
  readonly sql: string;
  readonly millis: number;
}

function caseKey(test: ProductTestCase): string {
  return `${test.directory}/${test.name.split('#')[0]}`;
}

/** Table names of the `tables:` header (`name` or `name|state`); qualified names are external. */
export function requiredTables(test: ProductTestCase): string[] {
  const value = test.properties['tables'];
  if (value === undefined) return [];
  return value
    .split(',')
    .map((t) => t.trim().split('|')[0]!.trim())
    .filter((t) => t.length > 0);
}

const MUTABLE_REFERENCE = /\$\{mutableTables\.[A-Za-z_]+\.([A-Za-z_]+)\}/g;

export class ProductTestRunner {
  private readonly fixtures: ProductTestFixtures;

  constructor(
    private readonly runner: QueryRunner,
    datasetsRoot = DATASETS_ROOT,
  ) {
    this.fixtures = new ProductTestFixtures(runner, datasetsRoot);
  }

  async run(test: ProductTestCase): Promise<ProductTestResult> {
    const start = performance.now();
    const sql = test.statements.join(';\n');
    const result = (status: CaseStatus, cause?: string, detail?: string): ProductTestResult => ({ directory: test.directory, name: test.name, status, cause, detail, sql, millis: performance.now() - start });
    const notApplicable = NOT_APPLICABLE[caseKey(test)];
    if (notApplicable !== undefined) return result('not-applicable', notApplicable);
    if ((test.properties['database'] ?? 'trino') !== 'trino') return result('not-applicable', `database ${test.properties['database']}`);
    for (const table of requiredTables(test)) {
      if (table.includes('.')) return result('not-applicable', `external table ${table}`);
      const problem = await this.fixtures.ensureTable(table);
      if (problem !== undefined) return result('failed', `setup: cannot create tempto table ${table}: ${failureCause(problem.split(':')[0], problem.slice(problem.indexOf(':') + 1).trim())}`, problem);
    }
    const mutable = new Map<string, string>();
    try {
      for (const entry of (test.properties['mutable_tables'] ?? '').split(',').map((e) => e.trim()).filter((e) => e.length > 0)) {
        const [definition, state = 'loaded', alias] = entry.split('|').map((p) => p.trim());
        const created = await this.fixtures.createMutableTable(definition!, state);
        if ('error' in created) return result('failed', `setup: cannot create mutable table ${definition}: ${created.error.slice(0, 100)}`, created.error);
        mutable.set(alias ?? definition!, created.name);
      }
      this.runner.setDefaultSchema(FIXTURE_CATALOG, FIXTURE_SCHEMA);
      let last;
      for (const statement of test.statements) {
        const text = statement.replace(MUTABLE_REFERENCE, (whole, name: string) => mutable.get(name) ?? whole);
        last = await this.runner.run(text);
        if (last.kind === 'error') return result('failed', failureCause(last.errorName, last.message), `${text.slice(0, 300)} -> ${last.errorName}: ${last.message}`);
      }
      if (last === undefined) return result('failed', 'no statement in test file');
      const mismatch = compareProductTestResult(last.columns.map((c) => c.type), last.rows, test.expected);
      if (mismatch !== undefined) return result('failed', refineCategory(mismatch.category, sql), mismatch.detail);
      return result('passed');
    } finally {
      for (const name of mutable.values()) await this.fixtures.dropMutableTable(name);
    }
  }
}

/** Names the kind of statement in a result-mismatch category, so that failures group usefully. */
export function refineCategory(category: string, sql: string): string {
  const text = sql.trim().toLowerCase();
  if (/^show\s+functions\b/.test(text)) return `${category}: SHOW FUNCTIONS inventory (functions missing or described differently)`;
  if (/\bsystem\.|^show\s+(schemas|tables)\s+from\s+system\b/.test(text)) return `${category}: system catalog tables`;
  return category;
}

export interface DirectorySummary {
  readonly directory: string;
  passed: number;
  failed: number;
  notApplicable: number;
}

export function summarizeByDirectory(results: readonly ProductTestResult[]): DirectorySummary[] {
  const map = new Map<string, DirectorySummary>();
  for (const r of results) {
    const summary = map.get(r.directory) ?? { directory: r.directory, passed: 0, failed: 0, notApplicable: 0 };
    if (r.status === 'passed') summary.passed++;
    else if (r.status === 'failed') summary.failed++;
    else summary.notApplicable++;
    map.set(r.directory, summary);
  }
  return [...map.values()].sort((a, b) => a.directory.localeCompare(b.directory));
}
