import { describe, expect, it } from "vitest";
import { rollHashes } from "./keyed-hash";

const KEY = "k".repeat(40);

describe("rollHashes", () => {
  it("is stable across formatting and keeps no plain data", () => {
    const a = rollHashes({ memberNumber: "m-100 001", postcode: "sw1a 1aa", email: " Ada@Example.org " }, KEY);
    const b = rollHashes({ memberNumber: "M100001", postcode: "SW1A1AA", email: "ada@example.org" }, KEY);
    expect(a).toEqual(b);
    expect(JSON.stringify(a)).not.toMatch(/100001|SW1A|ada/i);
  });

  it("binds the postcode to the number and depends on the key", () => {
    const one = rollHashes({ memberNumber: "M1", postcode: "SW1A 1AA" }, KEY);
    const two = rollHashes({ memberNumber: "M2", postcode: "SW1A 1AA" }, KEY);
    expect(one.postcodeHash).not.toEqual(two.postcodeHash);
    expect(rollHashes({ memberNumber: "M1" }, "x".repeat(40)).numberHash).not.toEqual(one.numberHash);
  });
});
