import type { Identifier, NodeLocation, QualifiedName } from '@petrel/sql';
import { StandardErrorCode, TrinoError } from '@petrel/spi';
import type { QualifiedObjectName } from '../metadata/metadata.js';
import type { Session } from '../session/session.js';

/** Catalog, schema and object names are case-insensitive: the engine stores them in lower case. */
export function canonicalName(identifier: Identifier): string {
  return identifier.value.toLowerCase();
}

export function loc(location: NodeLocation): { line: number; column: number } {
  return { line: location.line, column: location.column };
}

/** Resolves `[catalog.][schema.]name` against the session's catalog and schema. */
export function qualifyObjectName(session: Session, name: QualifiedName): QualifiedObjectName {
  const parts = name.parts.map(canonicalName);
  if (parts.length > 3) {
    throw new TrinoError(StandardErrorCode.SYNTAX_ERROR, `Too many dots in table name: ${parts.join('.')}`, loc(name.location));
  }
  const object = parts[parts.length - 1]!;
  const schema = parts.length >= 2 ? parts[parts.length - 2] : session.schema;
  const catalog = parts.length === 3 ? parts[0] : session.catalog;
  if (catalog === undefined) {
    throw new TrinoError(StandardErrorCode.MISSING_CATALOG_NAME, 'Catalog must be specified when session catalog is not set', loc(name.location));
  }
  if (schema === undefined) {
    throw new TrinoError(StandardErrorCode.MISSING_SCHEMA_NAME, 'Schema must be specified when session schema is not set', loc(name.location));
  }
  return { catalog, schema, name: object };
}

export interface CatalogSchemaName {
  readonly catalog: string;
  readonly schema: string;
}

/** Resolves `[catalog.]schema` against the session's catalog. */
export function qualifySchemaName(session: Session, name: QualifiedName): CatalogSchemaName {
  const parts = name.parts.map(canonicalName);
  if (parts.length > 2) {
    throw new TrinoError(StandardErrorCode.SYNTAX_ERROR, `Too many parts in schema name: ${parts.join('.')}`, loc(name.location));
  }
  const catalog = parts.length === 2 ? parts[0] : session.catalog;
  if (catalog === undefined) {
    throw new TrinoError(StandardErrorCode.MISSING_CATALOG_NAME, 'Catalog must be specified when session catalog is not set', loc(name.location));
  }
  return { catalog, schema: parts[parts.length - 1]! };
}

export function formatObjectName(name: QualifiedObjectName): string {
  return `${name.catalog}.${name.schema}.${name.name}`;
}
