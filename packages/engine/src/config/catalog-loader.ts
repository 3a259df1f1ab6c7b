import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { basename, join } from 'node:path';
import { StandardErrorCode, TrinoError } from '@petrel/spi';
import type { CatalogDefinition } from './catalog-definition.js';
import { parsePropertiesStrict, substituteEnvironment } from './properties-parser.js';

const CATALOG_NAME = /^[a-z0-9_][a-z0-9_-]*$/;

/** Reads `<etcDir>/catalog/*.properties` into catalog definitions; the file name is the catalog name. */
export function loadCatalogDefinitions(etcDir: string, environment: Readonly<Record<string, string | undefined>> = process.env): CatalogDefinition[] {
  const dir = join(etcDir, 'catalog');
  if (!existsSync(dir)) return [];
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.properties'))
    .sort();
  return files.map((file) => catalogDefinitionFromText(join(dir, file), readFileSync(join(dir, file), 'utf8'), environment));
}

export function catalogDefinitionFromText(
  path: string,
  text: string,
  environment: Readonly<Record<string, string | undefined>> = process.env,
): CatalogDefinition {
  const name = basename(path, '.properties');
  if (!CATALOG_NAME.test(name)) {
    throw new TrinoError(StandardErrorCode.CONFIGURATION_INVALID, `${path}: invalid catalog name '${name}' (use lower-case letters, digits, '_' and '-')`);
  }
  const properties = substituteEnvironment(parsePropertiesStrict(text, path), path, environment);
  const connectorName = properties.get('connector.name');
  if (connectorName === undefined || connectorName.trim() === '') {
    throw new TrinoError(StandardErrorCode.CONFIGURATION_INVALID, `${path}: catalog configuration does not contain 'connector.name'`);
  }
  properties.delete('connector.name');
  return { name, connectorName: connectorName.trim(), properties: Object.fromEntries(properties), source: path };
}
