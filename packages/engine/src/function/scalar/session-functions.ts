import { timestampWithTimeZone, timeWithTimeZone } from '@petrel/spi';
import type { FunctionDefinition } from '../function-definition.js';
import { scalarFunction } from '../function-definition.js';
import type { FunctionContext } from '../function-implementation.js';
import { MILLIS_PER_DAY } from '../../type/date-time.js';
import { tryNormalizeZone, utcToLocalMillis, zoneOffsetMinutes } from '../../type/time-zone.js';

function zoneOf(ctx: FunctionContext): string {
  return tryNormalizeZone(ctx.timeZone) ?? 'UTC';
}

function localMillis(ctx: FunctionContext): number {
  return utcToLocalMillis(zoneOf(ctx), ctx.startTime);
}

/** Functions reading the session: the analyzer lowers CURRENT_DATE and friends to them. */
export function sessionFunctions(): FunctionDefinition[] {
  // Trino declares the session functions deterministic: constant within a query
  const nd = { deterministic: true } as const;
  return [
    scalarFunction({
      name: 'current_date', args: [], returns: 'date', ...nd, description: 'Current date',
      specialize: (_b, ctx) => () => Math.floor(localMillis(ctx) / MILLIS_PER_DAY),
    }),
    scalarFunction({
      name: 'current_time', args: [], returns: 'timetz(3)', ...nd, description: 'Current time with time zone',
      specialize: (_b, ctx) => () => {
        const local = localMillis(ctx);
        const ms = ((local % MILLIS_PER_DAY) + MILLIS_PER_DAY) % MILLIS_PER_DAY;
        return timeWithTimeZone(BigInt(ms) * 1_000_000_000n, zoneOffsetMinutes(zoneOf(ctx), ctx.startTime));
      },
    }),
    scalarFunction({
      name: 'current_timestamp', args: [], returns: 'timestamptz(3)', ...nd, description: 'Current timestamp with time zone',
      specialize: (_b, ctx) => () => timestampWithTimeZone(ctx.startTime, 0, zoneOf(ctx)),
    }),
    scalarFunction({
      name: 'now', args: [], returns: 'timestamptz(3)', ...nd, description: 'Current timestamp with time zone',
      specialize: (_b, ctx) => () => timestampWithTimeZone(ctx.startTime, 0, zoneOf(ctx)),
    }),
    scalarFunction({
      name: 'localtime', args: [], returns: 'time(3)', ...nd, description: 'Current time without time zone',
      specialize: (_b, ctx) => () => {
        const local = localMillis(ctx);
        return BigInt(((local % MILLIS_PER_DAY) + MILLIS_PER_DAY) % MILLIS_PER_DAY) * 1_000_000_000n;
      },
    }),
    scalarFunction({
      name: 'localtimestamp', args: [], returns: 'timestamp(3)', ...nd, description: 'Current timestamp without time zone',
      specialize: (_b, ctx) => () => localMillis(ctx),
    }),
    scalarFunction({
      name: 'current_timezone', args: [], returns: 'varchar', ...nd, description: 'Current time zone',
      specialize: (_b, ctx) => () => zoneOf(ctx),
    }),
    scalarFunction({
      name: 'current_user', args: [], returns: 'varchar', ...nd, hidden: true, description: 'Current user',
      specialize: (_b, ctx) => () => ctx.user,
    }),
    scalarFunction({
      name: 'current_groups', args: [], returns: 'array(varchar)', ...nd, description: 'Current groups of the user',
      impl: () => [],
    }),
    scalarFunction({
      name: 'current_catalog', args: [], returns: 'varchar', ...nd, hidden: true, nullOnNullInput: false,
      specialize: (_b, ctx) => () => ctx.catalog ?? null,
    }),
    scalarFunction({
      name: 'current_schema', args: [], returns: 'varchar', ...nd, hidden: true, nullOnNullInput: false,
      specialize: (_b, ctx) => () => ctx.schema ?? null,
    }),
  ];
}
