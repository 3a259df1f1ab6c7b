import type { SltCondition } from './slt-record.js';

/**
 * How the runner answers `skipif`/`onlyif`. Petrel runs as the database named `postgresql` (the
 * README's advice for a Trino-dialect engine): every `onlyif <X>` record is skipped (they use
 * MySQL/MSSQL/Oracle/SQLite-only syntax) and `skipif postgresql` is honoured, except, by default,
 * for the records skipped only because "PostgreSQL requires AS when renaming output columns":
 * Trino accepts a column alias without AS, so those queries are valid Trino and are run.
 */
export interface DirectivePolicy {
  readonly database: string;
  /** `skipif <database>` reasons (substring match) that the runner ignores, i.e. runs anyway. */
  readonly runDespiteSkipReasons: readonly string[];
}

export const PETREL_DIRECTIVE_POLICY: DirectivePolicy = Object.freeze({
  database: 'postgresql',
  runDespiteSkipReasons: Object.freeze(['PostgreSQL requires AS when renaming output columns']),
});

/** The strict reading: honour every `skipif postgresql`. */
export const STRICT_DIRECTIVE_POLICY: DirectivePolicy = Object.freeze({ database: 'postgresql', runDespiteSkipReasons: Object.freeze([]) });

/** Why a record is skipped, or undefined when it runs. */
export function skipReason(conditions: readonly SltCondition[], policy: DirectivePolicy): string | undefined {
  for (const condition of conditions) {
    if (condition.kind === 'onlyif') {
      if (condition.database !== policy.database) return `onlyif ${condition.database}`;
    } else if (condition.database === policy.database) {
      const reason = condition.reason ?? '';
      if (!policy.runDespiteSkipReasons.some((r) => reason.includes(r))) return `skipif ${condition.database}`;
    }
  }
  return undefined;
}
