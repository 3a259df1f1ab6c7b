import type { Node } from './node.js';

function isNode(value: unknown): value is Node {
  return typeof value === 'object' && value !== null && typeof (value as { kind?: unknown }).kind === 'string' && 'location' in value;
}

/** The direct child nodes of a node, in field order (lists and lists of lists flattened). */
export function childNodes(node: Node): Node[] {
  const children: Node[] = [];
  for (const key in node) {
    if (key === 'location') continue;
    const value = (node as unknown as Record<string, unknown>)[key];
    if (isNode(value)) {
      children.push(value);
    } else if (Array.isArray(value)) {
      for (const item of value) {
        if (isNode(item)) children.push(item);
        else if (Array.isArray(item)) for (const inner of item) if (isNode(inner)) children.push(inner);
      }
    }
  }
  return children;
}

/**
 * Visits a tree in pre-order without recursion. Returning `false` from the visitor skips the
 * node's children (for instance to stay out of subqueries).
 */
export function walkTree(root: Node, visit: (node: Node) => boolean | void): void {
  const stack: Node[] = [root];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (visit(node) === false) continue;
    const children = childNodes(node);
    for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]!);
  }
}
