import { assertNever, typeDisplayName } from '@petrel/spi';
import type { SqlType, SqlValue } from '@petrel/spi';
import type { RowExpression } from '../../ir/row-expression.js';

const INFIX: Record<string, string> = {
  '$operator$add': '+',
  '$operator$subtract': '-',
  '$operator$multiply': '*',
  '$operator$divide': '/',
  '$operator$modulus': '%',
  '$operator$equal': '=',
  '$operator$not_equal': '<>',
  '$operator$less_than': '<',
  '$operator$less_than_or_equal': '<=',
  '$operator$greater_than': '>',
  '$operator$greater_than_or_equal': '>=',
  '$operator$is_distinct_from': 'IS DISTINCT FROM',
};

/** SQL-like text of a row expression for EXPLAIN (close to Trino's rendering). */
export function formatExpression(e: RowExpression): string {
  switch (e.kind) {
    case 'constant':
      return formatConstant(e.value, e.type);
    case 'variable':
      return e.name;
    case 'call': {
      const op = INFIX[e.function.name];
      if (op !== undefined && e.arguments.length === 2) return `(${formatExpression(e.arguments[0]!)} ${op} ${formatExpression(e.arguments[1]!)})`;
      if (e.function.name === '$operator$negate') return `(-${formatExpression(e.arguments[0]!)})`;
      if (e.function.name === '$operator$subscript') return `${formatExpression(e.arguments[0]!)}[${formatExpression(e.arguments[1]!)}]`;
      return `${e.function.name}(${e.arguments.map(formatExpression).join(', ')})`;
    }
    case 'cast':
      return `${e.safe ? 'TRY_CAST' : 'CAST'}(${formatExpression(e.argument)} AS ${typeDisplayName(e.type)})`;
    case 'lambda':
      return `(${e.parameters.map((p) => p.name).join(', ')}) -> ${formatExpression(e.body)}`;
    case 'special': {
      const a = e.arguments.map(formatExpression);
      switch (e.form) {
        case 'AND':
        case 'OR':
          return `(${a.join(` ${e.form} `)})`;
        case 'NOT':
          return `(NOT ${a[0]})`;
        case 'IS_NULL':
          return `(${a[0]} IS NULL)`;
        case 'IN':
          return `(${a[0]} IN (${a.slice(1).join(', ')}))`;
        case 'BETWEEN':
          return `(${a[0]} BETWEEN ${a[1]} AND ${a[2]})`;
        case 'IF':
          return `IF(${a.join(', ')})`;
        case 'SWITCH':
          return `CASE ${a.join(' ')} END`;
        case 'WHEN':
          return `WHEN ${a[0]} THEN ${a[1]}`;
        case 'COALESCE':
          return `COALESCE(${a.join(', ')})`;
        case 'NULLIF':
          return `NULLIF(${a.join(', ')})`;
        case 'DEREFERENCE':
          return `${a[0]}.${a[1]}`;
        case 'ROW_CONSTRUCTOR':
          return `ROW (${a.join(', ')})`;
        case 'ARRAY_CONSTRUCTOR':
          return `ARRAY[${a.join(', ')}]`;
        case 'TRY':
          return `TRY(${a[0]})`;
        case 'BIND':
          return `BIND(${a.join(', ')})`;
        default:
          return assertNever(e.form, 'special form');
      }
    }
    default:
      return assertNever(e, 'expression');
  }
}

function formatConstant(value: SqlValue, type: SqlType): string {
  if (value === null) return 'null';
  const kind = type.kind;
  if (kind === 'varchar' || kind === 'char') return `'${String(value).replace(/'/g, "''")}'`;
  if (type.kind === 'decimal') {
    const v = value as bigint;
    const negative = v < 0n;
    const digits = (negative ? -v : v).toString().padStart(type.scale + 1, '0');
    const text = type.scale === 0 ? digits : `${digits.slice(0, digits.length - type.scale)}.${digits.slice(digits.length - type.scale)}`;
    return `${negative ? '-' : ''}${text}`;
  }
  if (kind === 'date') return `DATE '${new Date((value as number) * 86_400_000).toISOString().slice(0, 10)}'`;
  if (kind === 'double' || kind === 'real') return Number.isInteger(value) ? `${value}E0` : String(value);
  if (kind === 'interval day to second') return `INTERVAL '${Number(value) / 86_400_000}' DAY`;
  if (kind === 'interval year to month') return `INTERVAL '${value}' MONTH`;
  if (kind === 'varbinary') return `X'${Buffer.from(value as Uint8Array).toString('hex')}'`;
  if (typeof value === 'bigint' || typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value, (_k, v) => (typeof v === 'bigint' ? String(v) : v));
}
