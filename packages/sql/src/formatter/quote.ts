import { isReservedWord } from '../parser/keywords.js';
import type { Identifier, QualifiedName } from '../tree/identifier.js';

const SIMPLE_IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** An identifier as SQL: bare when it was written bare and still reads back the same, quoted otherwise. */
export function formatIdentifier(identifier: Identifier): string {
  const value = identifier.value;
  if (!identifier.quoted && SIMPLE_IDENTIFIER.test(value) && !isReservedWord(value.toUpperCase())) return value;
  return quoteIdentifier(value);
}

export function quoteIdentifier(value: string): string {
  return '"' + value.replace(/"/g, '""') + '"';
}

export function formatName(name: QualifiedName): string {
  return name.parts.map(formatIdentifier).join('.');
}

export function formatStringLiteral(value: string): string {
  return "'" + value.replace(/'/g, "''") + "'";
}
