import { assertNever } from '@petrel/spi';
import type { Session, SessionUpdate } from './session.js';

/** The session a client holds after applying a statement's updates (what Trino clients do with X-Trino-Set-* headers). */
export function applySessionUpdates(session: Session, updates: readonly SessionUpdate[], defaultTimeZone?: string): Session {
  let next: Session = session;
  for (const update of updates) {
    switch (update.kind) {
      case 'setCatalog':
        next = { ...next, catalog: update.catalog };
        break;
      case 'setSchema':
        next = { ...next, schema: update.schema };
        break;
      case 'setPath':
        next = { ...next, path: update.path };
        break;
      case 'setSessionProperty': {
        const dot = update.name.indexOf('.');
        if (dot < 0) next = { ...next, systemProperties: { ...next.systemProperties, [update.name]: update.value } };
        else {
          const catalog = update.name.slice(0, dot);
          const name = update.name.slice(dot + 1);
          next = {
            ...next,
            catalogProperties: { ...next.catalogProperties, [catalog]: { ...(next.catalogProperties[catalog] ?? {}), [name]: update.value } },
          };
        }
        break;
      }
      case 'resetSessionProperty': {
        const dot = update.name.indexOf('.');
        if (dot < 0) {
          const { [update.name]: _removed, ...rest } = next.systemProperties;
          next = { ...next, systemProperties: rest };
        } else {
          const catalog = update.name.slice(0, dot);
          const { [update.name.slice(dot + 1)]: _removed, ...rest } = next.catalogProperties[catalog] ?? {};
          next = { ...next, catalogProperties: { ...next.catalogProperties, [catalog]: rest } };
        }
        break;
      }
      case 'addPreparedStatement':
        next = { ...next, preparedStatements: { ...next.preparedStatements, [update.name]: update.sql } };
        break;
      case 'deallocatePreparedStatement': {
        const { [update.name]: _removed, ...rest } = next.preparedStatements;
        next = { ...next, preparedStatements: rest };
        break;
      }
      case 'setTimeZone':
        next = { ...next, timeZone: update.timeZone ?? defaultTimeZone ?? Intl.DateTimeFormat().resolvedOptions().timeZone ?? 'UTC' };
        break;
      case 'setRole':
        break;
      case 'startTransaction':
        next = { ...next, transactionId: update.transactionId };
        break;
      case 'clearTransaction':
        next = { ...next, transactionId: undefined };
        break;
      default:
        assertNever(update, 'session update');
    }
  }
  return next;
}
