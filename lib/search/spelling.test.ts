import { describe, expect, it } from "vitest";
import { editDistance, pickCorrection } from "./spelling";

describe("spelling correction", () => {
  it("counts insertions, deletions, substitutions and swapped neighbours as one edit each", () => {
    expect(editDistance("waitng", "waiting")).toBe(1);
    expect(editDistance("waitng", "wait")).toBe(2);
    expect(editDistance("teh", "the")).toBe(1);
    expect(editDistance("pharmacy", "pharmacy")).toBe(0);
    expect(editDistance("", "abc")).toBe(3);
  });

  it("corrects 'waitng' to 'waiting', not 'wait', although their trigram similarity ties", () => {
    expect(pickCorrection("waitng", [{ word: "wait", similarity: 0.5 }, { word: "waiting", similarity: 0.5 }])).toBe("waiting");
  });

  it("prefers the more frequent word among equally close ones, then the more similar", () => {
    expect(pickCorrection("hause", [{ word: "haute", similarity: 0.4, frequency: 1 }, { word: "house", similarity: 0.4, frequency: 90 }])).toBe("house");
    expect(pickCorrection("hause", [{ word: "haute", similarity: 0.3 }, { word: "house", similarity: 0.4 }])).toBe("house");
    expect(pickCorrection("x", [])).toBeNull();
  });
});
