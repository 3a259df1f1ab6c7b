import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { FunctionRegistry } from '../function-registry.js';

/** Documented names that are SQL syntax the analyzer or planner handles (no registry entry), with a query that uses each. */
export const SYNTAX_FUNCTIONS: Readonly<Record<string, string>> = {
  cast: "SELECT CAST('1' AS bigint)",
  try_cast: "SELECT try_cast('x' AS bigint)",
  extract: "SELECT extract(year FROM DATE '2020-01-01')",
  current_date: 'SELECT current_date',
  current_time: 'SELECT current_time',
  current_timestamp: 'SELECT current_timestamp',
  localtime: 'SELECT localtime',
  localtimestamp: 'SELECT localtimestamp',
  current_user: 'SELECT current_user',
  exclude_columns: 'SELECT count(*) FROM TABLE(exclude_columns(input => TABLE(tpch.tiny.region), columns => DESCRIPTOR(comment)))',
};

/** Documented functions deliberately not implemented, by reason (see docs/functions.md). */
export const OUT_OF_SCOPE: Readonly<Record<string, string>> = {
  geospatial: 'ST_* and the Bing tile, geometry, spherical geography, polyline and spatial partitioning functions (out of scope for the function library)',
  ml: 'machine learning plugin functions (classify, features, learn_*, regress, evaluate_classifier_predictions): out of scope',
  connector: 'functions of other connectors: MongoDB objectid/objectid_timestamp/timestamp_objectid, Faker random_string, Iceberg theta_sketch_*',
  multiset: 'MULTISET functions (collect, fusion, intersection, element, set): need the MULTISET type, not in the SPI',
  other: 'json_scalar (recent SQL/JSON addition)',
};

const GEOSPATIAL = /^(st_|bing_tile|geometry_|great_circle_distance$|to_spherical_geography$|to_geometry$|convex_hull_agg$|simplify_geometry$|line_interpolate_point|line_locate_point$|spatial_partition|from_encoded_polyline$|to_encoded_polyline$|from_geojson_geometry$|to_geojson_geometry$)/;
const ML = new Set(['classify', 'features', 'learn_classifier', 'learn_libsvm_classifier', 'learn_libsvm_regressor', 'learn_regressor', 'regress', 'evaluate_classifier_predictions']);
const CONNECTOR = new Set(['objectid', 'objectid_timestamp', 'timestamp_objectid', 'random_string', 'theta_sketch_cardinality', 'theta_sketch_union']);
const MULTISET = new Set(['collect', 'fusion', 'intersection', 'element', 'set']);
const OTHER = new Set(['json_scalar']);

export function outOfScopeReason(name: string): keyof typeof OUT_OF_SCOPE | undefined {
  if (GEOSPATIAL.test(name)) return 'geospatial';
  if (ML.has(name)) return 'ml';
  if (CONNECTOR.has(name)) return 'connector';
  if (MULTISET.has(name)) return 'multiset';
  if (OTHER.has(name)) return 'other';
  return undefined;
}

/** The names in documented-functions.txt (derived from Trino's docs/src/main/sphinx/functions/list.md). */
export function loadDocumentedFunctions(): string[] {
  const path = fileURLToPath(new URL('../../../src/function/documentation/documented-functions.txt', import.meta.url));
  return readFileSync(path, 'utf8').split('\n').map((l) => l.trim()).filter((l) => l !== '' && !l.startsWith('#'));
}

export interface CoverageReport {
  readonly documented: number;
  readonly implemented: readonly string[];
  readonly missing: readonly { readonly name: string; readonly reason: string }[];
}

/** Which documented functions the registry (or the analyzer's syntax, checked by the caller) implements. */
export function functionCoverage(registry: FunctionRegistry, syntaxWorks: ReadonlySet<string>): CoverageReport {
  const names = loadDocumentedFunctions();
  const implemented: string[] = [];
  const missing: { name: string; reason: string }[] = [];
  for (const name of names) {
    if (registry.exists(name) || syntaxWorks.has(name)) implemented.push(name);
    else missing.push({ name, reason: outOfScopeReason(name) ?? 'not implemented' });
  }
  return { documented: names.length, implemented, missing };
}
