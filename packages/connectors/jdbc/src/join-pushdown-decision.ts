import type { JoinStatistics } from '@petrel/spi';
import type { JdbcSessionOptions } from './jdbc-config.js';

/**
 * Whether a join the remote database could run should be pushed, per `join-pushdown.strategy`:
 * EAGER always; AUTOMATIC only with estimates for both sides and the join, each side no larger
 * than `max-table-size`, and the join's estimate below `max-join-to-tables-ratio` times the sum of
 * the sides (a join that multiplies rows is cheaper to run in Petrel than to transfer). Sizes are
 * estimated bytes when the engine has them for all three, else row counts.
 */
export function shouldPushJoin(options: JdbcSessionOptions, statistics: JoinStatistics | undefined): boolean {
  if (options.joinPushdownStrategy === 'EAGER') return true;
  if (statistics === undefined) return false;
  const bytes = [statistics.leftDataSize, statistics.rightDataSize, statistics.joinDataSize];
  const rows = [statistics.leftRows, statistics.rightRows, statistics.joinRows];
  const known = (values: (number | undefined)[]): values is number[] => values.every((v) => v !== undefined && Number.isFinite(v));
  const sizes = known(bytes) ? bytes : known(rows) ? rows : undefined;
  if (sizes === undefined) return false;
  const [left, right, join] = sizes as [number, number, number];
  const maxTableSize = options.joinPushdownAutomaticMaxTableSize;
  if (maxTableSize !== undefined) {
    if (!known(bytes)) return false;
    if (bytes[0]! > maxTableSize || bytes[1]! > maxTableSize) return false;
  }
  return join < options.joinPushdownAutomaticMaxJoinToTablesRatio * (left + right);
}
