/** A plan as boxes and edges for the web UI, parsed from EXPLAIN's text. */
export interface PlanGraph {
  readonly text: string;
  readonly nodes: readonly { readonly id: number; readonly name: string; readonly detail: string; readonly parent: number | undefined }[];
}

export function formatPlanGraph(text: string): PlanGraph {
  const nodes: { id: number; name: string; detail: string; parent: number | undefined }[] = [];
  const stack: { depth: number; id: number }[] = [];
  for (const line of text.split('\n')) {
    const match = /^([\s│├└─|`\\-]*)([A-Z][A-Za-z]*)(\[.*)?$/.exec(line);
    if (match === null) continue;
    const name = match[2]!;
    if (name === 'Layout' || name === 'Estimates' || name === 'Fragment' || name === 'Cost' || name === 'Output partitioning') continue;
    const depth = match[1]!.length;
    while (stack.length > 0 && stack[stack.length - 1]!.depth >= depth) stack.pop();
    const id = nodes.length;
    nodes.push({ id, name, detail: (match[3] ?? '').slice(0, 200), parent: stack[stack.length - 1]?.id });
    stack.push({ depth, id });
  }
  return { text, nodes };
}
