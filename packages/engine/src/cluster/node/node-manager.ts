import { StandardErrorCode, TrinoError } from '@petrel/spi';

/** What a node says about itself in `PUT /v1/announcement/{nodeId}` (Trino's discovery announcement). */
export interface NodeAnnouncement {
  readonly nodeId: string;
  readonly environment: string;
  /** Where the node serves its HTTP API, e.g. `http://127.0.0.2:8080`. */
  readonly httpUri: string;
  readonly nodeVersion: string;
  readonly coordinator: boolean;
}

export type ClusterNodeState = 'active' | 'failed' | 'shutting_down';

export interface ClusterNode extends NodeAnnouncement {
  readonly state: ClusterNodeState;
  readonly lastAnnouncementTime: number;
  /** Consecutive announcements missed when failed; 0 while active. */
  readonly recentFailureCount: number;
}

export interface NodeManagerOptions {
  /** This cluster's `node.environment`: announcements of other environments are refused. */
  readonly environment: string;
  /** A node that has not announced for this long is failed (Trino's failure-detector threshold). */
  readonly failureTimeoutMillis: number;
  /** Expected interval between announcements (for counting missed ones). */
  readonly announcementIntervalMillis: number;
}

/**
 * The coordinator's view of the cluster: nodes announce themselves periodically; a node whose
 * announcements stop is marked failed, and comes back when it announces again.
 */
export class NodeManager {
  private readonly nodes = new Map<string, ClusterNode>();
  private readonly listeners: ((node: ClusterNode) => void)[] = [];

  constructor(private readonly options: NodeManagerOptions) {}

  /** Records an announcement; refuses other environments with a clear message. */
  announce(announcement: NodeAnnouncement, now = Date.now()): ClusterNode {
    if (announcement.environment !== this.options.environment) {
      throw new TrinoError(
        StandardErrorCode.GENERIC_USER_ERROR,
        `Node ${announcement.nodeId} is in environment '${announcement.environment}', this cluster is '${this.options.environment}'`,
      );
    }
    const previous = this.nodes.get(announcement.nodeId);
    if (previous !== undefined && previous.httpUri !== announcement.httpUri && previous.state === 'active') {
      throw new TrinoError(StandardErrorCode.GENERIC_USER_ERROR, `Node id ${announcement.nodeId} is already announced at ${previous.httpUri}`);
    }
    const node: ClusterNode = { ...announcement, state: previous?.state === 'shutting_down' ? 'shutting_down' : 'active', lastAnnouncementTime: now, recentFailureCount: 0 };
    this.nodes.set(announcement.nodeId, node);
    return node;
  }

  /** A node announced it is shutting down gracefully: no new work goes to it. */
  markShuttingDown(nodeId: string): void {
    const node = this.nodes.get(nodeId);
    if (node !== undefined) this.nodes.set(nodeId, { ...node, state: 'shutting_down' });
  }

  /** Fails nodes whose announcements stopped; returns the nodes that failed in this sweep. */
  sweep(now = Date.now()): ClusterNode[] {
    const failed: ClusterNode[] = [];
    for (const node of this.nodes.values()) {
      const silent = now - node.lastAnnouncementTime;
      // a node shutting down gracefully stopped announcing on purpose: it is leaving, not failed
      if (node.state === 'active' && silent > this.options.failureTimeoutMillis) {
        const updated: ClusterNode = { ...node, state: 'failed', recentFailureCount: Math.max(1, Math.floor(silent / this.options.announcementIntervalMillis)) };
        this.nodes.set(node.nodeId, updated);
        failed.push(updated);
      }
    }
    for (const node of failed) for (const listener of this.listeners) listener(node);
    return failed;
  }

  /** Fails a node at once (a task request to it found the host gone). */
  markFailed(nodeId: string): void {
    const node = this.nodes.get(nodeId);
    if (node === undefined || node.state === 'failed') return;
    const updated: ClusterNode = { ...node, state: 'failed', recentFailureCount: Math.max(1, node.recentFailureCount) };
    this.nodes.set(nodeId, updated);
    for (const listener of this.listeners) listener(updated);
  }

  onNodeFailed(listener: (node: ClusterNode) => void): void {
    this.listeners.push(listener);
  }

  get(nodeId: string): ClusterNode | undefined {
    return this.nodes.get(nodeId);
  }

  allNodes(): ClusterNode[] {
    return [...this.nodes.values()].sort((a, b) => Number(b.coordinator) - Number(a.coordinator) || a.nodeId.localeCompare(b.nodeId));
  }

  activeNodes(): ClusterNode[] {
    return this.allNodes().filter((n) => n.state === 'active');
  }

  failedNodes(): ClusterNode[] {
    return this.allNodes().filter((n) => n.state === 'failed');
  }

  /** Nodes that may run tasks: active workers, plus the coordinator when it schedules work on itself. */
  workerNodes(includeCoordinator: boolean): ClusterNode[] {
    return this.activeNodes().filter((n) => includeCoordinator || !n.coordinator);
  }
}
