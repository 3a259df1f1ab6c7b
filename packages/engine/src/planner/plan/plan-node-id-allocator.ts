/** Hands out plan node ids unique within one plan. */
export class PlanNodeIdAllocator {
  private next = 0;
  nextId(): string {
    return String(this.next++);
  }
}
