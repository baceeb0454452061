import { describe, expect, it } from "vitest";
import { diffStats, diffVersions } from "./diff";

describe("diffVersions", () => {
  it("marks unchanged, added, removed and edited paragraphs", () => {
    const before = "Intro stays.\n\nThe levy is 2%.\n\nThis paragraph goes.";
    const after = "Intro stays.\n\nThe levy is 3%.\n\nA new closing paragraph.\n\nAnd another.";
    const blocks = diffVersions(before, after);
    expect(blocks[0]).toEqual({ kind: "same", parts: [{ text: "Intro stays.", change: "same" }] });
    expect(blocks[1]!.kind).toBe("changed");
    expect(blocks[1]!.parts.filter((p) => p.change === "removed").map((p) => p.text).join("")).toContain("2");
    expect(blocks[1]!.parts.filter((p) => p.change === "added").map((p) => p.text).join("")).toContain("3");
    expect(blocks.filter((b) => b.kind === "added").map((b) => b.parts[0]!.text)).toEqual(["And another."]);
    expect(diffStats(blocks).added).toBeGreaterThan(diffStats(blocks).removed);
  });
  it("reports no change between identical texts", () => {
    const blocks = diffVersions("a\n\nb", "a\n\nb");
    expect(blocks.every((b) => b.kind === "same")).toBe(true);
    expect(diffStats(blocks)).toEqual({ added: 0, removed: 0 });
  });
});
