import type { SqlValue } from '@petrel/spi';
import type { WindowImplementation, WindowPartition } from '../function-implementation.js';
import type { FunctionDefinition } from '../function-definition.js';
import { windowFunction } from '../function-definition.js';
import { invalidArgument } from '../errors.js';

function impl(process: (p: WindowPartition, out: SqlValue[], ignoreNulls: boolean) => void): WindowImplementation {
  return { processPartition: (p, out, options) => process(p, out, options.ignoreNulls) };
}

function rank(p: WindowPartition, out: SqlValue[]): void {
  for (let r = 0; r < p.rowCount; r++) out[r] = p.peerGroupStart(r) + 1;
}

function valueInFrame(p: WindowPartition, out: SqlValue[], ignoreNulls: boolean, pick: 'first' | 'last'): void {
  for (let r = 0; r < p.rowCount; r++) {
    const start = p.frameStart(r);
    const end = p.frameEnd(r);
    let v: SqlValue = null;
    if (start <= end) {
      if (!ignoreNulls) v = p.getArgument(0, pick === 'first' ? start : end);
      else if (pick === 'first') {
        for (let i = start; i <= end; i++) {
          const x = p.getArgument(0, i);
          if (x !== null) {
            v = x;
            break;
          }
        }
      } else {
        for (let i = end; i >= start; i--) {
          const x = p.getArgument(0, i);
          if (x !== null) {
            v = x;
            break;
          }
        }
      }
    }
    out[r] = v;
  }
}

function lagLead(p: WindowPartition, out: SqlValue[], ignoreNulls: boolean, direction: 1 | -1, argCount: number): void {
  for (let r = 0; r < p.rowCount; r++) {
    const offsetValue = argCount > 1 ? p.getArgument(1, r) : 1;
    if (offsetValue === null) {
      out[r] = null;
      continue;
    }
    const offset = Number(offsetValue);
    if (offset < 0) throw invalidArgument('Offset must be at least 0');
    const fallback = argCount > 2 ? p.getArgument(2, r) : null;
    let target = -1;
    if (!ignoreNulls) {
      target = r + direction * offset;
    } else if (offset === 0) {
      target = r;
    } else {
      let remaining = offset;
      for (let i = r + direction; i >= 0 && i < p.rowCount; i += direction) {
        if (p.getArgument(0, i) !== null && --remaining === 0) {
          target = i;
          break;
        }
      }
    }
    out[r] = target >= 0 && target < p.rowCount ? p.getArgument(0, target) : fallback;
  }
}

export function windowFunctions(): FunctionDefinition[] {
  return [
    windowFunction({
      name: 'row_number', args: [], returns: 'bigint',
      implement: () => impl((p, out) => {
        for (let r = 0; r < p.rowCount; r++) out[r] = r + 1;
      }),
    }),
    windowFunction({ name: 'rank', args: [], returns: 'bigint', implement: () => impl(rank) }),
    windowFunction({
      name: 'dense_rank', args: [], returns: 'bigint',
      implement: () => impl((p, out) => {
        let rankValue = 0;
        for (let r = 0; r < p.rowCount; r++) {
          if (p.peerGroupStart(r) === r) rankValue++;
          out[r] = rankValue;
        }
      }),
    }),
    windowFunction({
      name: 'percent_rank', args: [], returns: 'double',
      implement: () => impl((p, out) => {
        for (let r = 0; r < p.rowCount; r++) out[r] = p.rowCount === 1 ? 0 : p.peerGroupStart(r) / (p.rowCount - 1);
      }),
    }),
    windowFunction({
      name: 'cume_dist', args: [], returns: 'double',
      implement: () => impl((p, out) => {
        for (let r = 0; r < p.rowCount; r++) out[r] = (p.peerGroupEnd(r) + 1) / p.rowCount;
      }),
    }),
    windowFunction({
      name: 'ntile', args: ['bigint'], returns: 'bigint',
      implement: () => impl((p, out) => {
        for (let r = 0; r < p.rowCount; r++) {
          const nv = p.getArgument(0, r);
          if (nv === null) {
            out[r] = null;
            continue;
          }
          const n = Number(nv);
          if (n <= 0) throw invalidArgument('Buckets must be greater than 0');
          const total = p.rowCount;
          if (total <= n) {
            out[r] = r + 1;
            continue;
          }
          const size = Math.floor(total / n);
          const remainder = total % n;
          const bigRows = remainder * (size + 1);
          out[r] = r < bigRows ? Math.floor(r / (size + 1)) + 1 : remainder + Math.floor((r - bigRows) / size) + 1;
        }
      }),
    }),
    windowFunction({
      name: 'first_value', args: ['T'], returns: 'T',
      implement: () => impl((p, out, ignoreNulls) => valueInFrame(p, out, ignoreNulls, 'first')),
    }),
    windowFunction({
      name: 'last_value', args: ['T'], returns: 'T',
      implement: () => impl((p, out, ignoreNulls) => valueInFrame(p, out, ignoreNulls, 'last')),
    }),
    windowFunction({
      name: 'nth_value', args: ['T', 'bigint'], returns: 'T',
      implement: () => impl((p, out, ignoreNulls) => {
        for (let r = 0; r < p.rowCount; r++) {
          const nv = p.getArgument(1, r);
          if (nv === null) {
            out[r] = null;
            continue;
          }
          const n = Number(nv);
          if (n < 1) throw invalidArgument('Offset must be at least 1');
          const start = p.frameStart(r);
          const end = p.frameEnd(r);
          let v: SqlValue = null;
          if (!ignoreNulls) {
            const i = start + n - 1;
            if (start <= end && i <= end) v = p.getArgument(0, i);
          } else {
            let count = 0;
            for (let i = start; i <= end; i++) {
              const x = p.getArgument(0, i);
              if (x !== null && ++count === n) {
                v = x;
                break;
              }
            }
          }
          out[r] = v;
        }
      }),
    }),
    ...(['lag', 'lead'] as const).flatMap((name) => {
      const dir = name === 'lag' ? -1 : 1;
      const description = ''; // Trino's window functions carry no description
      return [
        windowFunction({ name, args: ['T'], returns: 'T', description, implement: () => impl((p, out, ig) => lagLead(p, out, ig, dir, 1)) }),
        windowFunction({ name, args: ['T', 'bigint'], returns: 'T', description, implement: () => impl((p, out, ig) => lagLead(p, out, ig, dir, 2)) }),
        windowFunction({ name, args: ['T', 'bigint', 'T'], returns: 'T', description, implement: () => impl((p, out, ig) => lagLead(p, out, ig, dir, 3)) }),
      ];
    }),
  ];
}
