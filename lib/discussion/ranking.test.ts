import { describe, expect, it } from "vitest";
import { compareComments, parseSort, wilsonLowerBound } from "./ranking";

const at = (minutes: number) => new Date(Date.UTC(2026, 0, 1, 12, minutes));
const c = (id: string, useful: number, notUseful = 0, minutes = 0) => ({ id, usefulCount: useful, notUsefulCount: notUseful, createdAt: at(minutes) });

describe("wilsonLowerBound", () => {
  it("is 0 with no votes", () => {
    expect(wilsonLowerBound(0, 0)).toBe(0);
  });
  it("is 0 when every vote is negative", () => {
    expect(wilsonLowerBound(0, 5)).toBeCloseTo(0, 12);
  });
  it("stays below 1 when every vote is useful, and rises with more votes", () => {
    const one = wilsonLowerBound(1, 0);
    const ten = wilsonLowerBound(10, 0);
    const hundred = wilsonLowerBound(100, 0);
    expect(one).toBeGreaterThan(0);
    expect(one).toBeLessThan(ten);
    expect(ten).toBeLessThan(hundred);
    expect(hundred).toBeLessThan(1);
  });
  it("matches the published values", () => {
    // 1 of 1: z²/(1+z²) ≈ 0.2065; 8 of 10 ≈ 0.4902 (standard table values for z = 1.96).
    expect(wilsonLowerBound(1, 0)).toBeCloseTo(0.2065, 3);
    expect(wilsonLowerBound(8, 2)).toBeCloseTo(0.4902, 3);
  });
  it("prefers many mostly-useful votes to a few unanimous ones", () => {
    expect(wilsonLowerBound(40, 4)).toBeGreaterThan(wilsonLowerBound(3, 0));
  });
  it("does not rank by net count: 5 useful of 5 beats 10 useful of 20", () => {
    expect(wilsonLowerBound(5, 0)).toBeGreaterThan(wilsonLowerBound(10, 10));
  });
});

describe("compareComments", () => {
  it("orders siblings by Wilson lower bound, ties by age", () => {
    const list = [c("a", 0, 0, 1), c("b", 3, 0, 2), c("c", 40, 4, 3), c("d", 0, 0, 0), c("e", 1, 0, 4)];
    expect(list.sort(compareComments("useful")).map((x) => x.id)).toEqual(["c", "b", "e", "d", "a"]);
  });
  it("orders by newest first on request", () => {
    const list = [c("a", 9, 0, 1), c("b", 0, 0, 5), c("c", 2, 0, 3)];
    expect(list.sort(compareComments("newest")).map((x) => x.id)).toEqual(["b", "c", "a"]);
  });
  it("one useful vote lifts a comment above its unvoted elder sibling", () => {
    const list = [c("older", 0, 0, 0), c("younger", 1, 0, 1)];
    expect(list.sort(compareComments("useful")).map((x) => x.id)).toEqual(["younger", "older"]);
  });
});

describe("parseSort", () => {
  it("defaults to most useful", () => {
    expect(parseSort(undefined)).toBe("useful");
    expect(parseSort("bogus")).toBe("useful");
    expect(parseSort(["newest"])).toBe("useful");
    expect(parseSort("newest")).toBe("newest");
  });
});
