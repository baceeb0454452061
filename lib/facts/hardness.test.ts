import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { computeHardness, independentGroups, reliability, type HardnessInput, type HardnessSource, type SourceKind } from "./hardness";

const NOW = new Date("2026-11-25T12:00:00Z");
const base = (over: Partial<HardnessInput> = {}): HardnessInput => ({
  status: "accepted",
  sources: [],
  confirmations: [],
  openDisputes: [],
  upheldDisputes: 0,
  timeSensitive: false,
  asOf: null,
  now: NOW,
  ...over,
});
const source = (kind: SourceKind, publisher: string, url = `https://${publisher.toLowerCase().replace(/\W+/g, "")}.example/x`): HardnessSource => ({ kind, publisher, url });

const kinds: SourceKind[] = ["official_statistics", "peer_reviewed", "reputable_press", "advocacy_group", "blog_social", "other"];
const arbRecord = fc.record({ agree: fc.nat(20), total: fc.nat(20) }).map((r) => ({ agree: Math.min(r.agree, r.total), total: r.total }));
const arbSource = fc.record({
  kind: fc.constantFrom(...kinds),
  publisher: fc.constantFrom("ONS", "NHS England", "The Guardian", "BBC News", "IFS", "Shelter", "Some Blog", "Lancet"),
  path: fc.string({ maxLength: 5 }),
});
const arbInput = fc.record({
  status: fc.constantFrom("proposed" as const, "accepted" as const, "rejected" as const, "retracted" as const),
  sources: fc.array(arbSource, { maxLength: 8 }).map((xs) => xs.map((s) => source(s.kind, s.publisher, `https://${s.publisher.replace(/\W+/g, "").toLowerCase()}.example/${encodeURIComponent(s.path)}`))),
  confirmations: fc.array(arbRecord, { maxLength: 30 }),
  openDisputes: fc.array(arbRecord, { maxLength: 6 }),
  upheldDisputes: fc.nat(5),
  timeSensitive: fc.boolean(),
  asOf: fc.option(fc.integer({ min: 0, max: 20 * 365 }).map((days) => new Date(NOW.getTime() - days * 86_400_000).toISOString().slice(0, 10))),
  now: fc.constant(NOW),
});

describe("hardness laws (property tests)", () => {
  it("is always an integer between 0 and 100", () => {
    fc.assert(
      fc.property(arbInput, (input) => {
        const { score } = computeHardness(input);
        return Number.isInteger(score) && score >= 0 && score <= 100;
      }),
    );
  });

  it("never falls when an independent official source is added", () => {
    fc.assert(
      fc.property(arbInput, fc.nat(1000), (input, n) => {
        const added = source("official_statistics", `Independent Office ${n}`, `https://office-${n}.gov.example/stats`);
        return computeHardness({ ...input, sources: [...input.sources, added] }).score >= computeHardness(input).score;
      }),
    );
  });

  it("never rises when an open dispute is added", () => {
    fc.assert(
      fc.property(arbInput, arbRecord, (input, disputer) => computeHardness({ ...input, openDisputes: [...input.openDisputes, disputer] }).score <= computeHardness(input).score),
    );
  });

  it("scores 0 for a retracted fact, whatever else is true", () => {
    fc.assert(fc.property(arbInput, (input) => computeHardness({ ...input, status: "retracted" }).score === 0));
  });

  it("explains every point: the score is the sum of the terms, clamped", () => {
    fc.assert(
      fc.property(arbInput, (input) => {
        const { score, terms } = computeHardness(input);
        const sum = terms.reduce((s, t) => s + t.points, 0);
        return score === Math.max(0, Math.min(100, sum)) && terms.every((t) => t.explanation.length > 0);
      }),
    );
  });
});

describe("hardness examples", () => {
  it("two independent official sources on an accepted fact", () => {
    const h = computeHardness(base({ sources: [source("official_statistics", "ONS"), source("official_statistics", "NHS England")] }));
    expect(h.terms.find((t) => t.key === "sources")).toEqual({ key: "sources", points: 48, explanation: "Two independent sources (2 official statistics): +48" });
    expect(h.score).toBe(14 + 48);
  });

  it("counts sources from one publisher once", () => {
    const h = computeHardness(base({ sources: [source("reputable_press", "The Guardian", "https://www.theguardian.com/a"), source("reputable_press", "Guardian", "https://theguardian.com/b")] }));
    const term = h.terms.find((t) => t.key === "sources")!;
    expect(term.points).toBe(14);
    expect(term.explanation).toContain("1 more from the same publishers add nothing");
  });

  it("groups different publisher names that share a web domain", () => {
    expect(independentGroups([source("blog_social", "A", "https://x.example/1"), source("other", "B", "https://www.x.example/2")])).toHaveLength(1);
  });

  it("a proposal with one blog post is weak", () => {
    const h = computeHardness(base({ status: "proposed", sources: [source("blog_social", "My blog")] }));
    expect(h.score).toBe(3);
    expect(h.terms[0]!.explanation).toMatch(/not yet checked/);
  });

  it("weights confirmations by track record, new reviewers counting one half", () => {
    expect(reliability({ agree: 0, total: 0 })).toBe(0.5);
    expect(reliability({ agree: 8, total: 8 })).toBe(0.9);
    const newcomers = computeHardness(base({ confirmations: [{ agree: 0, total: 0 }, { agree: 0, total: 0 }] }));
    const veterans = computeHardness(base({ confirmations: [{ agree: 8, total: 8 }, { agree: 8, total: 8 }] }));
    expect(veterans.score).toBeGreaterThan(newcomers.score);
    expect(newcomers.terms.find((t) => t.key === "confirmations")!.explanation).toBe("Two members confirmed it, weighing 1.0 by their track records: +6");
  });

  it("an open dispute lowers the score and says so", () => {
    const h = computeHardness(base({ sources: [source("official_statistics", "ONS")], openDisputes: [{ agree: 0, total: 0 }] }));
    expect(h.terms.find((t) => t.key === "disputes")).toEqual({ key: "disputes", points: -14, explanation: "One open dispute waiting for a fact editor: −14" });
    expect(h.score).toBe(14 + 30 - 14);
  });

  it("an upheld dispute adds a little", () => {
    expect(computeHardness(base({ upheldDisputes: 1 })).terms.find((t) => t.key === "upheld")!.points).toBe(3);
  });

  it("time-sensitive figures lose hardness after two years", () => {
    const fresh = computeHardness(base({ sources: [source("official_statistics", "ONS")], timeSensitive: true, asOf: "2025-06-01" }));
    const old = computeHardness(base({ sources: [source("official_statistics", "ONS")], timeSensitive: true, asOf: "2020-11-25" }));
    expect(fresh.score).toBe(44);
    expect(old.terms.find((t) => t.key === "age")!.explanation).toMatch(/6 years old.*60%/);
    expect(old.score).toBe(44 - Math.round(44 * 0.6));
    const timeless = computeHardness(base({ sources: [source("official_statistics", "ONS")], timeSensitive: false, asOf: "2000-01-01" }));
    expect(timeless.score).toBe(44);
  });

  it("a retracted fact scores 0 with its explanation", () => {
    const h = computeHardness(base({ status: "retracted", sources: [source("official_statistics", "ONS")] }));
    expect(h).toEqual({ score: 0, terms: [{ key: "status", points: 0, explanation: "Retracted by a fact editor, so it scores 0 whatever its sources say" }] });
  });

  it("is capped at 100 and the sources term at 60", () => {
    const many = Array.from({ length: 10 }, (_, i) => source("official_statistics", `Office ${i}`));
    const h = computeHardness(base({ sources: many, confirmations: Array.from({ length: 50 }, () => ({ agree: 20, total: 20 })), upheldDisputes: 4 }));
    expect(h.terms.find((t) => t.key === "sources")!.points).toBe(60);
    expect(h.score).toBeLessThanOrEqual(100);
  });
});
