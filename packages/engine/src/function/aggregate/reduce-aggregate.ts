import type { SqlValue } from '@petrel/spi';
import type { FunctionDefinition } from '../function-definition.js';
import { aggregateFunction } from '../function-definition.js';
import { objectStateAggregate } from './object-state-aggregate.js';
import { invalidArgument } from '../errors.js';

/**
 * reduce_agg(inputValue T, initialState S, inputFunction(S, T, S), combineFunction(S, S, S)) → S.
 * Rows with a NULL input value are skipped; the result of no rows is NULL. The two lambdas arrive
 * with `implement`; accumulators see only [inputValue, initialState].
 */
export function reduceAggregate(): FunctionDefinition[] {
  return [aggregateFunction({
    name: 'reduce_agg', args: ['T', 'S', 'function(S,T,S)', 'function(S,S,S)'], returns: 'S',
    description: 'Reduce input elements into a single value',
    implement: (b, _context, lambdas) => {
      const input = lambdas[0];
      const combine = lambdas[1];
      return objectStateAggregate<{ seen: boolean; state: SqlValue }>({
        intermediateType: b.argumentTypes[1]!,
        skipNullArguments: [0],
        create: () => ({ seen: false, state: null }),
        add: (s, a) => {
          if (a[1] === null) throw invalidArgument('initialState must not be null');
          if (input === undefined) throw invalidArgument('reduce_agg needs its input function');
          const current = s.seen ? s.state : a[1];
          s.state = input(current, a[0]!);
          s.seen = true;
        },
        merge: (s, v) => {
          if (!s.seen) {
            s.state = v;
            s.seen = true;
          } else if (combine !== undefined) s.state = combine(s.state, v);
          else throw invalidArgument('reduce_agg needs its combine function');
        },
        intermediate: (s) => (s.seen ? s.state : null),
        final: (s) => (s.seen ? s.state : null),
      });
    },
  })];
}
