import type { Partitioning, PartitioningKind, PlanNode } from './plan-node.js';
import type { Symbol } from './symbol.js';

/**
 * A stage of a distributed plan: a subtree cut at REMOTE exchanges, whose cut points are
 * `remoteSource` nodes reading the fragments named in `sourceFragmentIds`.
 */
export interface PlanFragment {
  readonly id: string;
  readonly root: PlanNode;
  /** How the fragment's tasks are laid out: SINGLE (one task), SOURCE (by splits), HASH (by key), ... */
  readonly partitioning: PartitioningKind;
  /** How the fragment's output is distributed to its consumer (SINGLE for the root fragment). */
  readonly outputPartitioning: Partitioning;
  readonly outputLayout: readonly Symbol[];
  /** Ids of the fragments this one reads from. */
  readonly childFragmentIds: readonly string[];
}
