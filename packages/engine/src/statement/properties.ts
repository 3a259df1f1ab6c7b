import type { Property } from '@petrel/sql';
import type { SessionPropertyMetadata, SqlValue } from '@petrel/spi';
import { StandardErrorCode, TrinoError } from '@petrel/spi';
import { evaluateConstant } from './constant-evaluator.js';
import { canonicalName, loc } from './object-names.js';
import type { StatementContext } from './statement-context.js';

const ERROR_CODES = {
  schema: StandardErrorCode.INVALID_SCHEMA_PROPERTY,
  table: StandardErrorCode.INVALID_TABLE_PROPERTY,
  column: StandardErrorCode.INVALID_COLUMN_PROPERTY,
  view: StandardErrorCode.INVALID_VIEW_PROPERTY,
} as const;

/** Evaluates `WITH (name = value, ...)` against the properties a catalog declares. */
export async function evaluateProperties(
  context: StatementContext,
  properties: readonly Property[],
  known: readonly SessionPropertyMetadata[],
  catalog: string,
  kind: keyof typeof ERROR_CODES,
): Promise<Record<string, SqlValue>> {
  const result: Record<string, SqlValue> = {};
  const seen = new Set<string>();
  for (const property of properties) {
    const name = canonicalName(property.name);
    if (seen.has(name)) {
      throw new TrinoError(StandardErrorCode.DUPLICATE_PROPERTY, `Duplicate property: ${name}`, loc(property.location));
    }
    seen.add(name);
    const metadata = known.find((p) => p.name === name);
    if (metadata === undefined) {
      throw new TrinoError(ERROR_CODES[kind], `Catalog '${catalog}' ${kind} property '${name}' does not exist`, loc(property.location));
    }
    if (property.value === undefined) continue;
    result[name] = (await evaluateConstant(context, property.value)).value;
  }
  return result;
}
