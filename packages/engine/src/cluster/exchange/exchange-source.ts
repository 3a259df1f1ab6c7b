import { StandardErrorCode, TrinoError } from '@petrel/spi';
import type { RemotePageStream } from '../../execution/execution-context.js';
import type { TaskLocation } from '../task/task-types.js';
import type { ExchangeClientOptions } from './exchange-client.js';
import { ExchangeClient } from './exchange-client.js';
import { SpoolExchangeReader } from './spool/spool-reader.js';

/**
 * The reader of a remote source: spooled files of finished producer attempts when the locations
 * name them (`retry_policy=TASK`), otherwise pages pulled from the producers' output buffers over HTTP.
 */
export function openExchangeSource(locations: readonly TaskLocation[], options: ExchangeClientOptions, signal?: AbortSignal): RemotePageStream {
  const spooled = locations.filter((l) => l.spoolFile !== undefined);
  if (spooled.length === 0) return new ExchangeClient(locations, options, signal);
  if (spooled.length !== locations.length) throw new TrinoError(StandardErrorCode.GENERIC_INTERNAL_ERROR, 'A remote source cannot mix spooled and streamed producers');
  return new SpoolExchangeReader(
    spooled.map((l) => l.spoolFile!),
    signal,
  );
}
