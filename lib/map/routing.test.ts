import { describe, expect, it } from "vitest";
import { nextStatement, statementPriority } from "./routing";

describe("priority routing", () => {
  it("shows a new statement before a well-voted one of the same kind", () => {
    const old = { id: "old", votes: 50, passes: 5, axis: { x: 0.5, y: 0 } };
    const fresh = { id: "new", votes: 0, passes: 0 };
    expect(nextStatement([old, fresh], new Set())).toBe("new");
  });
  it("prefers a divisive statement to a consensual one with the same votes", () => {
    const divisive = { id: "divisive", votes: 40, passes: 4, axis: { x: 0.8, y: 0.1 } };
    const agreed = { id: "agreed", votes: 40, passes: 4, axis: { x: 0.05, y: 0 } };
    expect(nextStatement([agreed, divisive], new Set())).toBe("divisive");
  });
  it("ranks statements most people pass on lower", () => {
    expect(statementPriority({ id: "a", votes: 20, passes: 18 }, 1)).toBeLessThan(statementPriority({ id: "b", votes: 20, passes: 1 }, 1));
  });
  it("skips what was voted or skipped, and says when nothing is left", () => {
    const list = [{ id: "a", votes: 0, passes: 0 }, { id: "b", votes: 3, passes: 0 }];
    expect(nextStatement(list, new Set(["a"]))).toBe("b");
    expect(nextStatement(list, new Set(["a"]), new Set(["b"]))).toBeNull();
  });
});
