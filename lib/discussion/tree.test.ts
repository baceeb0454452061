import { describe, expect, it } from "vitest";
import { ancestorsOf, buildTree, visibleForPage } from "./tree";

const row = (id: string, parentId: string | null, useful = 0, minute = 0) => ({
  id,
  parentId,
  usefulCount: useful,
  notUsefulCount: 0,
  createdAt: new Date(Date.UTC(2026, 0, 1, 0, minute)),
});

describe("buildTree", () => {
  it("nests replies under their parents and counts descendants", () => {
    const tree = buildTree([row("a", null), row("b", "a"), row("c", "b"), row("d", null), row("e", "a")], "useful");
    expect(tree.roots.map((r) => r.id)).toEqual(["a", "d"]);
    const a = tree.byId.get("a")!;
    expect(a.replies.map((r) => r.id)).toEqual(["b", "e"]);
    expect(a.descendantCount).toBe(3);
    expect(tree.byId.get("b")!.replies[0]!.id).toBe("c");
    expect(tree.byId.get("d")!.descendantCount).toBe(0);
  });

  it("sorts siblings at every level", () => {
    const rows = [row("root", null), row("low", "root", 0, 1), row("high", "root", 5, 2), row("x", "low", 0, 3), row("y", "low", 2, 4)];
    const useful = buildTree(rows, "useful");
    expect(useful.byId.get("root")!.replies.map((r) => r.id)).toEqual(["high", "low"]);
    expect(useful.byId.get("low")!.replies.map((r) => r.id)).toEqual(["y", "x"]);
    const newest = buildTree(rows, "newest");
    expect(newest.byId.get("root")!.replies.map((r) => r.id)).toEqual(["high", "low"]);
    expect(newest.byId.get("low")!.replies.map((r) => r.id)).toEqual(["y", "x"]);
  });

  it("shows orphans at the top level instead of losing them", () => {
    const tree = buildTree([row("a", null), row("orphan", "gone"), row("child", "orphan")], "useful");
    expect(tree.roots.map((r) => r.id).sort()).toEqual(["a", "orphan"]);
    expect(tree.byId.get("orphan")!.descendantCount).toBe(1);
  });

  it("handles a chain 20,000 deep without recursion", () => {
    const rows = Array.from({ length: 20_000 }, (_, i) => row(`n${i}`, i === 0 ? null : `n${i - 1}`));
    const tree = buildTree(rows, "useful");
    expect(tree.roots).toHaveLength(1);
    expect(tree.roots[0]!.descendantCount).toBe(19_999);
    expect(ancestorsOf(tree, "n19999")).toHaveLength(20_000);
  });

  it("survives a cycle in bad data", () => {
    const tree = buildTree([row("a", "b"), row("b", "a"), row("c", null)], "useful");
    expect(tree.roots.map((r) => r.id)).toEqual(["c"]);
    expect(ancestorsOf(tree, "a").map((n) => n.id)).toEqual(["b", "a"]);
  });

  it("is empty for no rows", () => {
    expect(buildTree([], "newest").roots).toEqual([]);
  });
});

describe("ancestorsOf", () => {
  it("returns the path from the top level down to the comment", () => {
    const tree = buildTree([row("a", null), row("b", "a"), row("c", "b"), row("d", "a")], "useful");
    expect(ancestorsOf(tree, "c").map((n) => n.id)).toEqual(["a", "b", "c"]);
    expect(ancestorsOf(tree, "zzz")).toEqual([]);
  });
});

describe("visibleForPage", () => {
  const rows = [row("a", null, 2), row("b", null, 1), row("a1", "a"), row("a2", "a"), row("b1", "b"), row("a1x", "a1"), row("a1xx", "a1x")];
  it("takes comments level by level, best first, up to the budget", () => {
    const tree = buildTree(rows, "useful");
    expect([...visibleForPage(tree.roots, 4, 10)]).toEqual(["a", "b", "a1", "a2"]);
    expect(visibleForPage(tree.roots, 100, 10).size).toBe(7);
  });
  it("stops at the level limit", () => {
    const tree = buildTree(rows, "useful");
    expect([...visibleForPage(tree.roots, 100, 2)].sort()).toEqual(["a", "a1", "a2", "b", "b1"]);
  });
  it("is empty for an empty page", () => {
    expect(visibleForPage([], 10, 10).size).toBe(0);
  });
});
