import type { StageInfo } from './stage-execution.js';

/**
 * The stages of the coordinator's recent distributed queries, by query id, for `/v1/query/{id}`
 * (the latest attempt of a retried query). Keeps the last `capacity` queries.
 */
export class StageRegistry {
  private readonly queries = new Map<string, () => StageInfo[]>();

  constructor(private readonly capacity = 200) {}

  register(queryId: string, stages: () => StageInfo[]): void {
    this.queries.delete(queryId);
    this.queries.set(queryId, stages);
    while (this.queries.size > this.capacity) this.queries.delete(this.queries.keys().next().value!);
  }

  /** The query's stages, or undefined when it did not run distributed (or is forgotten). */
  stages(queryId: string): StageInfo[] | undefined {
    return this.queries.get(queryId)?.();
  }
}
