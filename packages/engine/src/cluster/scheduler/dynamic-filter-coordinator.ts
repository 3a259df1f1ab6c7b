import type { PlanFragment } from '../../planner/plan/plan-fragment.js';
import type { PlanNode } from '../../planner/plan/plan-node.js';
import { planSources } from '../../planner/plan/plan-sources.js';
import { decodePlanJson } from '../task/plan-codec.js';
import type { DynamicFilterDomain } from '../task/task-types.js';
import { unionDynamicFilterDomains } from './dynamic-filter-union.js';
import { tableScansOf } from './stage-layout.js';

/**
 * The coordinator's side of dynamic filtering across nodes (Trino's DynamicFilterService): for
 * every filter whose join build runs in another fragment than a scan consuming it, it gathers the
 * domains the build fragment's tasks report in their status, unions them once every build task
 * reported, and tells which consumer tasks still need the merged filter.
 */
export class DynamicFilterCoordinator {
  /** Filter id -> the fragment whose join builds it. */
  private readonly producers = new Map<string, string>();
  /** Fragment id -> the filters its scans consume that are built in another fragment. */
  private readonly consumers = new Map<string, string[]>();
  /** Filter id -> task id -> the domain that build task reported. */
  private readonly reports = new Map<string, Map<string, DynamicFilterDomain>>();
  private readonly merged = new Map<string, DynamicFilterDomain>();
  /** Task id -> the last status report recorded (polls repeat it). */
  private readonly lastReport = new Map<string, string>();
  /** Task id -> the merged filters sent to it. */
  private readonly delivered = new Map<string, Set<string>>();

  constructor(fragments: readonly PlanFragment[]) {
    for (const fragment of fragments) for (const id of buildFilterIds(fragment.root)) this.producers.set(id, fragment.id);
    for (const fragment of fragments) {
      const ids = tableScansOf(fragment.root)
        .flatMap((scan) => scan.dynamicFilters.map((f) => f.id))
        .filter((id) => this.producers.has(id) && this.producers.get(id) !== fragment.id);
      if (ids.length > 0) this.consumers.set(fragment.id, [...new Set(ids)]);
    }
  }

  /** The filters a fragment's scans wait for from other fragments. */
  remoteFilterIds(fragmentId: string): readonly string[] {
    return this.consumers.get(fragmentId) ?? [];
  }

  /** A build task's status: the domains it collected (`TaskStatus.dynamicFilters`). */
  record(fragmentId: string, taskId: string, encoded: string | undefined): void {
    if (encoded === undefined || this.lastReport.get(taskId) === encoded) return;
    this.lastReport.set(taskId, encoded);
    for (const report of decodePlanJson<DynamicFilterDomain[]>(encoded)) {
      if (this.producers.get(report.id) !== fragmentId) continue;
      let byTask = this.reports.get(report.id);
      if (byTask === undefined) this.reports.set(report.id, (byTask = new Map()));
      byTask.set(taskId, report);
    }
  }

  /** Merges every filter all of whose build tasks (`buildTasks` of its producer fragment) reported. */
  merge(buildTasks: (fragmentId: string) => readonly string[]): void {
    for (const [id, fragmentId] of this.producers) {
      if (this.merged.has(id)) continue;
      const byTask = this.reports.get(id);
      const tasks = buildTasks(fragmentId);
      if (byTask === undefined || tasks.length === 0 || !tasks.every((t) => byTask.has(t))) continue;
      const reports = tasks.map((t) => byTask.get(t)!);
      const type = reports[0]!.type;
      this.merged.set(id, { id, type, domain: unionDynamicFilterDomains(type, reports.map((r) => r.domain)) });
    }
  }

  /** The merged filters a consumer task has not been sent yet; they count as sent from now on. */
  takeUndelivered(fragmentId: string, taskId: string): DynamicFilterDomain[] {
    const ids = this.consumers.get(fragmentId);
    if (ids === undefined) return [];
    let sent = this.delivered.get(taskId);
    if (sent === undefined) this.delivered.set(taskId, (sent = new Set()));
    const out: DynamicFilterDomain[] = [];
    for (const id of ids) {
      const filter = this.merged.get(id);
      if (filter === undefined || sent.has(id)) continue;
      sent.add(id);
      out.push(filter);
    }
    return out;
  }

  /** How many filters were merged (for stats and tests). */
  get mergedCount(): number {
    return this.merged.size;
  }
}

/** The dynamic filter ids the joins of a fragment build. */
function buildFilterIds(node: PlanNode, out: string[] = []): string[] {
  if (node.kind === 'join') out.push(...node.dynamicFilters.map((f) => f.id));
  for (const source of planSources(node)) buildFilterIds(source, out);
  return out;
}
