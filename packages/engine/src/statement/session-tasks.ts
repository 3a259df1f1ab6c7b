import type { ResetSession, SetPath, SetSession, SetTimeZone, StartTransaction, Use } from '@petrel/sql';
import { formatExpression } from '@petrel/sql';
import type { SqlType } from '@petrel/spi';
import { StandardErrorCode, TrinoError, typeDisplayName } from '@petrel/spi';
import type { StatementResult } from '../query/statement-result.js';
import { updateResult } from '../query/statement-result.js';
import { findSystemSessionProperty } from '../session/session-property.js';
import type { SessionUpdate } from '../session/session.js';
import { evaluateConstant, valueToPropertyText } from './constant-evaluator.js';
import { canonicalName, loc } from './object-names.js';
import type { StatementContext } from './statement-context.js';

export async function use(context: StatementContext, statement: Use): Promise<StatementResult> {
  const catalog = statement.catalog === undefined ? context.session.catalog : canonicalName(statement.catalog);
  const schema = canonicalName(statement.schema);
  if (catalog === undefined) {
    throw new TrinoError(StandardErrorCode.MISSING_CATALOG_NAME, 'Catalog must be specified when session catalog is not set', loc(statement.location));
  }
  if (!context.metadata.catalogExists(catalog)) {
    throw new TrinoError(StandardErrorCode.CATALOG_NOT_FOUND, `Catalog '${catalog}' not found`, loc(statement.location));
  }
  if (!(await context.metadata.schemaExists(context.session, catalog, schema))) {
    throw new TrinoError(StandardErrorCode.SCHEMA_NOT_FOUND, `Schema does not exist: ${catalog}.${schema}`, loc(statement.location));
  }
  const updates: SessionUpdate[] = [];
  if (statement.catalog !== undefined) updates.push({ kind: 'setCatalog', catalog });
  updates.push({ kind: 'setSchema', schema });
  return updateResult('USE', updates);
}

interface PropertyTarget {
  readonly name: string;
  readonly type: SqlType;
  readonly validate: ((value: string) => string) | undefined;
}

function resolveProperty(context: StatementContext, parts: readonly string[], location: { line: number; column: number }): PropertyTarget {
  const fullName = parts.join('.');
  if (parts.length === 1) {
    const definition = findSystemSessionProperty(parts[0]!);
    if (definition === undefined) {
      throw new TrinoError(StandardErrorCode.INVALID_SESSION_PROPERTY, `Session property '${fullName}' does not exist`, location);
    }
    return { name: fullName, type: definition.type, validate: definition.validate };
  }
  if (parts.length === 2) {
    const [catalog, property] = parts as [string, string];
    if (!context.metadata.catalogExists(catalog)) {
      throw new TrinoError(StandardErrorCode.CATALOG_NOT_FOUND, `Catalog '${catalog}' not found`, location);
    }
    const definition = (context.metadata.getConnector(catalog).sessionProperties ?? []).find((p) => p.name === property);
    if (definition === undefined) {
      throw new TrinoError(StandardErrorCode.INVALID_SESSION_PROPERTY, `Session property '${fullName}' does not exist`, location);
    }
    return { name: fullName, type: definition.type, validate: undefined };
  }
  throw new TrinoError(StandardErrorCode.INVALID_SESSION_PROPERTY, `Invalid session property '${fullName}'`, location);
}

const INTEGRAL_KINDS: readonly string[] = ['integer', 'bigint', 'tinyint', 'smallint'];
const NUMERIC_KINDS: readonly string[] = [...INTEGRAL_KINDS, 'double', 'real', 'decimal'];

function valueMatchesType(valueType: SqlType, propertyType: SqlType): boolean {
  if (propertyType.kind === 'boolean') return valueType.kind === 'boolean';
  if (INTEGRAL_KINDS.includes(propertyType.kind)) return INTEGRAL_KINDS.includes(valueType.kind);
  if (propertyType.kind === 'double' || propertyType.kind === 'real') return NUMERIC_KINDS.includes(valueType.kind);
  if (propertyType.kind === 'varchar' || propertyType.kind === 'char') return valueType.kind === 'varchar' || valueType.kind === 'char';
  return true;
}

export async function setSession(context: StatementContext, statement: SetSession): Promise<StatementResult> {
  const parts = statement.name.parts.map(canonicalName);
  const location = loc(statement.location);
  const target = resolveProperty(context, parts, location);
  const value = await evaluateConstant(context, statement.value);
  if (value.value === null) {
    throw new TrinoError(StandardErrorCode.INVALID_SESSION_PROPERTY, `Session property '${target.name}' cannot be null`, location);
  }
  if (!valueMatchesType(value.type, target.type)) {
    throw new TrinoError(
      StandardErrorCode.INVALID_SESSION_PROPERTY,
      `Unable to set session property '${target.name}' to '${formatExpression(statement.value)}': Cannot cast type ${typeDisplayName(value.type)} to ${typeDisplayName(target.type)}`,
      location,
    );
  }
  let text = valueToPropertyText(value.value);
  if (target.validate !== undefined) {
    try {
      text = target.validate(text);
    } catch (error) {
      const reason = error instanceof TrinoError ? error.rawMessage : error instanceof Error ? error.message : String(error);
      throw new TrinoError(StandardErrorCode.INVALID_SESSION_PROPERTY, `Unable to set session property '${target.name}' to '${formatExpression(statement.value)}': ${reason}`, location);
    }
  }
  return updateResult('SET SESSION', [{ kind: 'setSessionProperty', name: target.name, value: text }]);
}

export async function resetSession(context: StatementContext, statement: ResetSession): Promise<StatementResult> {
  const parts = statement.name.parts.map(canonicalName);
  const target = resolveProperty(context, parts, loc(statement.location));
  return updateResult('RESET SESSION', [{ kind: 'resetSessionProperty', name: target.name }]);
}

export function isValidTimeZone(zone: string): boolean {
  if (/^[+-]\d{1,2}:\d{2}$/.test(zone)) {
    const [h, m] = zone.slice(1).split(':').map(Number) as [number, number];
    return h <= 14 && m < 60;
  }
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

export async function setTimeZone(context: StatementContext, statement: SetTimeZone): Promise<StatementResult> {
  if (statement.timeZone === undefined) return updateResult('SET TIME ZONE', [{ kind: 'setTimeZone', timeZone: undefined }]);
  const value = await evaluateConstant(context, statement.timeZone);
  let zone: string;
  if (value.type.kind === 'varchar' || value.type.kind === 'char') {
    zone = String(value.value).trim();
  } else if (value.type.kind === 'interval day to second' && typeof value.value === 'number') {
    const minutes = Math.round(value.value / 60_000);
    if (value.value % 60_000 !== 0 || Math.abs(minutes) > 14 * 60) {
      throw new TrinoError(StandardErrorCode.INVALID_LITERAL, `Invalid time zone offset interval: interval contains seconds`, loc(statement.timeZone.location));
    }
    const sign = minutes < 0 ? '-' : '+';
    const abs = Math.abs(minutes);
    zone = `${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
  } else {
    throw new TrinoError(
      StandardErrorCode.TYPE_MISMATCH,
      `Expected expression of varchar or interval day-time type, but '${valueToPropertyText(value.value)}' has ${typeDisplayName(value.type)} type`,
      loc(statement.timeZone.location),
    );
  }
  if (!isValidTimeZone(zone)) {
    throw new TrinoError(StandardErrorCode.INVALID_LITERAL, `Time zone not supported: ${zone}`, loc(statement.timeZone.location));
  }
  return updateResult('SET TIME ZONE', [{ kind: 'setTimeZone', timeZone: zone }]);
}

export async function setPath(context: StatementContext, statement: SetPath): Promise<StatementResult> {
  const elements = statement.path.map((e) => (e.catalog === undefined ? canonicalName(e.schema) : `${canonicalName(e.catalog)}.${canonicalName(e.schema)}`));
  for (const element of statement.path) {
    if (element.catalog !== undefined && !context.metadata.catalogExists(canonicalName(element.catalog))) {
      throw new TrinoError(StandardErrorCode.CATALOG_NOT_FOUND, `Catalog '${canonicalName(element.catalog)}' not found`, loc(element.location));
    }
  }
  return updateResult('SET PATH', [{ kind: 'setPath', path: elements.join(', ') }]);
}

export async function startTransaction(context: StatementContext, statement: StartTransaction): Promise<StatementResult> {
  if (context.session.transactionId !== undefined) {
    throw new TrinoError(StandardErrorCode.NOT_SUPPORTED, 'Nested transactions not supported', loc(statement.location));
  }
  return updateResult('START TRANSACTION', [{ kind: 'startTransaction', transactionId: crypto.randomUUID() }]);
}

export async function commitOrRollback(context: StatementContext, kind: 'COMMIT' | 'ROLLBACK', location: { line: number; column: number }): Promise<StatementResult> {
  if (context.session.transactionId === undefined) {
    throw new TrinoError(StandardErrorCode.NOT_IN_TRANSACTION, 'No transaction in progress', location);
  }
  return updateResult(kind, [{ kind: 'clearTransaction' }]);
}
