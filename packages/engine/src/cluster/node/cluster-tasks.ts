import type { TaskInfoRow } from '../../connector/system/system-state.js';
import type { TaskStatus } from '../task/task-types.js';

/** One row of `system.runtime.tasks`, as the system catalog declares it. */
export type ClusterTaskRow = TaskInfoRow;

function rowOf(status: TaskStatus): ClusterTaskRow {
  // task ids are `{queryId}.{fragmentId}.{attempt}.{partition}`
  const parts = status.taskId.split('.');
  const queryId = status.queryId ?? parts.slice(0, -3).join('.');
  return {
    nodeId: status.nodeId,
    taskId: status.taskId,
    stageId: status.stageId ?? `${queryId}.${parts.at(-3) ?? '0'}`,
    queryId,
    state: status.state,
    splits: status.stats?.totalSplits ?? 0,
    completedSplits: status.stats?.completedSplits ?? 0,
    processedRows: status.processedRows,
    processedBytes: status.stats?.processedBytes ?? 0,
    outputRows: status.outputRows,
    outputBytes: status.stats?.outputBytes ?? 0,
    created: status.stats?.createTime,
    end: status.stats?.endTime,
  };
}

/**
 * The tasks of every active node (`GET /v1/task` on each, the coordinator included), for
 * `system.runtime.tasks` on the coordinator. A node that does not answer in time is left out.
 */
export async function gatherClusterTasks(
  nodes: readonly { readonly nodeId: string; readonly httpUri: string }[],
  headers: () => Promise<Record<string, string>>,
): Promise<ClusterTaskRow[]> {
  const perNode = await Promise.all(
    nodes.map(async (node) => {
      try {
        const response = await fetch(`${node.httpUri}/v1/task`, { headers: await headers(), signal: AbortSignal.timeout(2000) });
        if (response.status !== 200) return [];
        return ((await response.json()) as TaskStatus[]).map(rowOf);
      } catch {
        return [];
      }
    }),
  );
  return perNode.flat().sort((a, b) => (a.taskId < b.taskId ? -1 : a.taskId > b.taskId ? 1 : 0));
}
