import type { CreateCatalog, DropCatalog } from '@petrel/sql';
import { StandardErrorCode, TrinoError } from '@petrel/spi';
import type { StatementResult } from '../query/statement-result.js';
import { updateResult } from '../query/statement-result.js';
import { evaluateConstant, valueToPropertyText } from './constant-evaluator.js';
import { canonicalName, loc } from './object-names.js';
import type { StatementContext } from './statement-context.js';

export async function createCatalog(context: StatementContext, statement: CreateCatalog): Promise<StatementResult> {
  const name = canonicalName(statement.catalogName);
  if (context.metadata.catalogExists(name)) {
    if (statement.notExists) return updateResult('CREATE CATALOG');
    throw new TrinoError(StandardErrorCode.ALREADY_EXISTS, `Catalog '${name}' already exists`, loc(statement.location));
  }
  const properties: Record<string, string> = {};
  for (const property of statement.properties) {
    if (property.value === undefined) continue;
    const value = await evaluateConstant(context, property.value);
    if (value.type.kind !== 'varchar' && value.type.kind !== 'char') {
      throw new TrinoError(
        StandardErrorCode.INVALID_CATALOG_PROPERTY,
        `Catalog property '${property.name.value}' must be a string literal`,
        loc(property.location),
      );
    }
    properties[property.name.value] = valueToPropertyText(value.value);
  }
  try {
    await context.createCatalog({ name, connectorName: statement.connectorName.value.toLowerCase(), properties });
  } catch (error) {
    if (error instanceof TrinoError && error.location === undefined) {
      throw new TrinoError(error.errorCode, error.rawMessage.replace(/^Catalog '[^']*': /, ''), loc(statement.location), { cause: error });
    }
    throw error;
  }
  return updateResult('CREATE CATALOG');
}

export async function dropCatalog(context: StatementContext, statement: DropCatalog): Promise<StatementResult> {
  const name = canonicalName(statement.catalogName);
  if (!context.metadata.catalogExists(name)) {
    if (statement.exists) return updateResult('DROP CATALOG');
    throw new TrinoError(StandardErrorCode.CATALOG_NOT_FOUND, `Catalog '${name}' not found`, loc(statement.location));
  }
  if (name === 'system') throw new TrinoError(StandardErrorCode.NOT_SUPPORTED, 'Cannot drop the system catalog', loc(statement.location));
  await context.dropCatalog(name);
  return updateResult('DROP CATALOG');
}
