import type { LambdaValue } from '@petrel/spi';
import type { FunctionDefinition } from '../function-definition.js';
import { aggregateFunction } from '../function-definition.js';
import { objectStateAggregate } from './object-state-aggregate.js';
import { invalidArgument } from '../errors.js';

/**
 * reduce_agg(inputValue T, initialState S, inputFunction(S, T, S), combineFunction(S, S, S)) → S.
 * Rows with a NULL input value are skipped; the result of no rows is NULL.
 */
export function reduceAggregate(): FunctionDefinition[] {
  return [aggregateFunction({
    name: 'reduce_agg', args: ['T', 'S', 'function(S,T,S)', 'function(S,S,S)'], returns: 'S',
    description: 'Reduce input elements into a single value',
    implement: (b) => {
      let combine: LambdaValue | undefined;
      return objectStateAggregate<{ seen: boolean; state: unknown }>({
        intermediateType: b.argumentTypes[1]!,
        skipNullArguments: [0],
        create: () => ({ seen: false, state: null }),
        add: (s, a) => {
          if (a[1] === null) throw invalidArgument('initialState must not be null');
          combine ??= a[3] as LambdaValue;
          const input = a[2] as LambdaValue;
          const current = s.seen ? s.state : a[1];
          s.state = input(current as never, a[0]!);
          s.seen = true;
        },
        merge: (s, v) => {
          if (!s.seen) {
            s.state = v;
            s.seen = true;
          } else if (combine !== undefined) s.state = combine(s.state as never, v);
          else throw invalidArgument('reduce_agg cannot combine partial states before seeing its combine function');
        },
        intermediate: (s) => (s.seen ? (s.state as never) : null),
        final: (s) => (s.seen ? (s.state as never) : null),
      });
    },
  })];
}
