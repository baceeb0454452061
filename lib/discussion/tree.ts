import { compareComments, type Rankable, type ThreadSort } from "./ranking";

export interface TreeInput extends Rankable {
  id: string;
  parentId: string | null;
}

export type CommentNode<T extends TreeInput> = T & {
  replies: CommentNode<T>[];
  /** Every reply below this comment, at any depth. */
  descendantCount: number;
};

export interface CommentTree<T extends TreeInput> {
  roots: CommentNode<T>[];
  byId: Map<string, CommentNode<T>>;
}

/**
 * Assembles the flat rows of one query into a tree, siblings sorted at every level. A comment
 * whose parent is missing from the rows (an orphan) is shown at the top level rather than lost.
 * Iterative, so a very deep chain cannot overflow the stack.
 */
export function buildTree<T extends TreeInput>(rows: readonly T[], sort: ThreadSort): CommentTree<T> {
  const byId = new Map<string, CommentNode<T>>();
  for (const row of rows) byId.set(row.id, { ...row, replies: [], descendantCount: 0 });
  const roots: CommentNode<T>[] = [];
  for (const node of byId.values()) {
    const parent = node.parentId ? byId.get(node.parentId) : undefined;
    if (parent && parent !== node) parent.replies.push(node);
    else roots.push(node);
  }
  const compare = compareComments(sort);
  roots.sort(compare);
  // Depth-first order from the roots; a node reached twice (a cycle in bad data) is not revisited.
  const order: CommentNode<T>[] = [];
  const seen = new Set<string>();
  const stack = [...roots];
  while (stack.length) {
    const node = stack.pop()!;
    if (seen.has(node.id)) continue;
    seen.add(node.id);
    order.push(node);
    node.replies.sort(compare);
    for (const r of node.replies) stack.push(r);
  }
  // Children come after their parent in `order`, so summing in reverse counts each subtree once.
  for (let i = order.length - 1; i >= 0; i--) {
    const node = order[i]!;
    node.descendantCount = node.replies.reduce((n, r) => n + 1 + r.descendantCount, 0);
  }
  return { roots, byId };
}

/** The chain of comments from a thread's top level down to this one, inclusive. */
export function ancestorsOf<T extends TreeInput>(tree: CommentTree<T>, id: string): CommentNode<T>[] {
  const path: CommentNode<T>[] = [];
  const seen = new Set<string>();
  let node = tree.byId.get(id);
  while (node && !seen.has(node.id)) {
    seen.add(node.id);
    path.unshift(node);
    node = node.parentId ? tree.byId.get(node.parentId) : undefined;
  }
  return path;
}

/**
 * Which comments a page renders: breadth-first from its top-level comments, in ranked order, until
 * `budget` comments or `maxLevels` levels. A long thread then costs the same to render whatever
 * its size; the rest is one "more replies" link away (the permalink of the parent).
 */
export function visibleForPage<T extends TreeInput>(roots: readonly CommentNode<T>[], budget: number, maxLevels: number): Set<string> {
  const visible = new Set<string>();
  let level: CommentNode<T>[] = [...roots];
  for (let depth = 0; depth < maxLevels && level.length && visible.size < budget; depth++) {
    const next: CommentNode<T>[] = [];
    for (const node of level) {
      if (visible.size >= budget) break;
      visible.add(node.id);
      next.push(...node.replies);
    }
    level = next;
  }
  return visible;
}
