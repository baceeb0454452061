import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import {
  announcementHash,
  checkAnnouncement,
  commitmentOf,
  DRAW_ALGORITHM,
  DRAW_FORMAT,
  entryHash,
  nextReserve,
  probabilityOf,
  quotaBreaches,
  runDraw,
  SeededStream,
  selectionProbabilities,
  verifyDraw,
  type DrawAnnouncement,
  type PublishedDraw,
  type Quota,
} from "./draw";
import { fairPanels, quotaShortfalls } from "./fair-panel";
import { SAMPLE_CATEGORIES, samplePool, sampleQuotas } from "./sample-pool";

const SEED = "a1b2c3d4e5f60718293a4b5c6d7e8f90";

async function announce(seats: number, size: number, quotas: Quota[] = sampleQuotas(seats), poolSeed = "t"): Promise<DrawAnnouncement> {
  const pool = samplePool(size, poolSeed);
  const fair = await fairPanels({ seats, categories: SAMPLE_CATEGORIES, quotas, pool });
  if (!fair.ok) throw new Error(fair.problems.join(" "));
  return {
    format: DRAW_FORMAT,
    drawId: "test",
    title: "Test draw",
    seats,
    reserveSize: 5,
    categories: SAMPLE_CATEGORIES,
    quotas,
    pool,
    algorithm: DRAW_ALGORITHM,
    distribution: fair.distribution,
    commitment: { kind: "sha256-seed", hash: commitmentOf(SEED), note: "test" },
  };
}

let base: DrawAnnouncement;
let published: PublishedDraw;
beforeAll(async () => {
  base = await announce(8, 60);
  published = { announcement: base, announcementHash: announcementHash(base), result: runDraw(base, SEED) };
  // The machine may be shared: solving the lottery is the slow part, so allow it time.
}, 60_000);

describe("the draw", () => {
  it("is a pure function of its published inputs: same inputs, same panel and reserve", () => {
    const copy = JSON.parse(JSON.stringify(base)) as DrawAnnouncement;
    expect(runDraw(copy, SEED)).toEqual(published.result);
    expect(announcementHash(copy)).toBe(published.announcementHash);
  });

  it("meets every quota and seats exactly the seats; the reserve is disjoint from the panel", () => {
    const r = published.result!;
    expect(r.panel).toHaveLength(8);
    expect(quotaBreaches(base, r.panel)).toEqual([]);
    expect(r.reserve).toHaveLength(5);
    expect(r.reserve.some((id) => r.panel.includes(id))).toBe(false);
  });

  it("meets the quotas for any seed (every panel shape in the lottery is within quota)", () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1, maxLength: 40 }), (seed) => {
        const a = { ...base, commitment: { ...base.commitment, hash: commitmentOf(seed) } };
        const r = runDraw(a, seed);
        expect(r.panel).toHaveLength(a.seats);
        expect(quotaBreaches(a, r.panel)).toEqual([]);
      }),
      { numRuns: 60 },
    );
  });

  it("refuses a seed that does not match the commitment", () => {
    expect(() => runDraw(base, "another seed")).toThrow(/does not match the commitment/);
  });

  it("the verifier accepts the published draw", () => {
    const v = verifyDraw(published);
    expect(v.problems).toEqual([]);
    expect(v.ok).toBe(true);
  });

  it("the verifier detects any changed input or output", () => {
    const mutate = (f: (p: PublishedDraw) => void) => {
      const p = JSON.parse(JSON.stringify(published)) as PublishedDraw;
      f(p);
      return verifyDraw(p);
    };
    const cases: [string, (p: PublishedDraw) => void][] = [
      ["a volunteer's category", (p) => (p.announcement.pool[3]!.categories.region = p.announcement.pool[3]!.categories.region === "North" ? "South" : "North")],
      ["a dropped volunteer", (p) => p.announcement.pool.splice(7, 1)],
      ["an entry hash", (p) => (p.announcement.pool[0]!.entryHash = "0".repeat(64))],
      ["a quota", (p) => (p.announcement.quotas[0]!.max += 1)],
      ["a weight", (p) => (p.announcement.distribution.compositions[0]!.weight += 1)],
      ["the seats", (p) => (p.announcement.seats += 1)],
      ["the commitment", (p) => (p.announcement.commitment.hash = commitmentOf("other"))],
      ["the revealed seed", (p) => (p.result!.seed = "other")],
      ["the panel", (p) => (p.result!.panel[0] = p.result!.reserve[0]!)],
      ["the reserve order", (p) => p.result!.reserve.reverse()],
    ];
    for (const [what, f] of cases) expect(mutate(f).ok, what).toBe(false);
  });

  it("a volunteer checks their own entry with their secret", () => {
    const entry = base.pool[4]!;
    expect(entryHash(entry.poolId, base.categories, entry.categories, "secret-4")).toBe(entry.entryHash);
    expect(entryHash(entry.poolId, base.categories, { ...entry.categories, gender: "X" }, "secret-4")).not.toBe(entry.entryHash);
  });

  it("the published probabilities add up to the seats", () => {
    const probabilities = selectionProbabilities(base);
    let expected = 0;
    for (const entry of base.pool) expected += probabilityOf(base, entry.poolId)!;
    expect(expected).toBeCloseTo(base.seats, 6);
    expect(Math.min(...probabilities.values())).toBeGreaterThan(0);
  });

  it("a shape that breaks a quota is caught before the draw", () => {
    const broken = JSON.parse(JSON.stringify(base)) as DrawAnnouncement;
    broken.quotas.push({ category: "gender", value: "Woman", min: 8, max: 8 });
    expect(checkAnnouncement(broken).join(" ")).toMatch(/breaks Gender “Woman” \(8–8\)/);
  });
});

describe("the seeded stream", () => {
  it("draws uniform integers without modulo bias, in range", () => {
    const s = new SeededStream("x");
    const counts = [0, 0, 0];
    for (let i = 0; i < 3000; i++) counts[s.below(3)]!++;
    for (const c of counts) expect(c).toBeGreaterThan(900);
    expect(() => s.below(0)).toThrow();
  });
});

describe("fair panels (maximin)", () => {
  it("with no quotas everyone has seats/volunteers", async () => {
    const pool = samplePool(40, "u");
    const fair = await fairPanels({ seats: 5, categories: SAMPLE_CATEGORIES, quotas: [], pool });
    expect(fair.ok).toBe(true);
    if (fair.ok) expect(fair.minProbability).toBeCloseTo(5 / 40, 5);
  });

  it("the smallest chance is as large as the quotas allow (a hand-checked case)", async () => {
    // 2 seats, at least 1 woman; 2 women and 8 men. Panels are (1 woman, 1 man) or (2 women).
    // With q = P(2 women): a woman's chance is (1 + q)/2, a man's (1 − q)/8, so the maximin is
    // q = 0 and every man has 1/8; each woman 1/2, which maximin does not try to lower.
    const categories = [{ key: "gender", label: "Gender", values: ["Woman", "Man"] }];
    const pool = Array.from({ length: 10 }, (_, i) => ({ poolId: `v${i}`, categories: { gender: i < 2 ? "Woman" : "Man" } }));
    const fair = await fairPanels({ seats: 2, categories, quotas: [{ category: "gender", value: "Woman", min: 1, max: 2 }], pool });
    expect(fair.ok).toBe(true);
    if (fair.ok) expect(fair.minProbability).toBeCloseTo(1 / 8, 6);
  });

  it("reports an empty pool, a pool too small, and quotas that cannot be met, with the amount", async () => {
    const problem = { seats: 4, categories: SAMPLE_CATEGORIES, quotas: [] as Quota[] };
    expect(await quotaShortfalls({ ...problem, pool: [] })).toEqual(["Nobody has volunteered for the pool yet."]);
    expect((await quotaShortfalls({ ...problem, pool: samplePool(3) }))[0]).toMatch(/3 volunteers for 4 seats: 1 short/);
    const pool = samplePool(30, "q");
    const wales = pool.filter((p) => p.categories.region === "Wales").length;
    const out = await fairPanels({ ...problem, pool, quotas: [{ category: "region", value: "Wales", min: wales + 2, max: 4 }] });
    expect(out.ok).toBe(false);
    if (!out.ok) expect(out.problems.join(" ")).toContain(`only ${wales} volunteered, 2 short of the minimum`);
    // Each quota alone can be met, but not together: 4 seats, at least 3 women and at least 3 from the North.
    const together = await fairPanels({
      ...problem,
      pool,
      quotas: [
        { category: "gender", value: "Woman", min: 3, max: 4 },
        { category: "gender", value: "Man", min: 0, max: 4 },
        { category: "region", value: "North", min: 3, max: 4 },
        { category: "region", value: "South", min: 2, max: 4 },
      ],
    });
    expect(together.ok).toBe(false);
    if (!together.ok) expect(together.problems.join(" ")).toMatch(/short of the minimum|over the maximum/);
  });

  it("refuses quotas whose minimum exceeds the maximum", async () => {
    const out = await fairPanels({ seats: 2, categories: SAMPLE_CATEGORIES, quotas: [{ category: "region", value: "North", min: 3, max: 1 }], pool: samplePool(10) });
    expect(out).toEqual({ ok: false, problems: [expect.stringMatching(/minimum must be a whole number no larger than the maximum/)] });
  });

  it("a type no panel can seat (maximum 0) is named and does not pin everyone else to 0", async () => {
    const pool = samplePool(40, "z");
    const fair = await fairPanels({ seats: 4, categories: SAMPLE_CATEGORIES, quotas: [{ category: "region", value: "Wales", min: 0, max: 0 }], pool });
    expect(fair.ok).toBe(true);
    if (fair.ok) {
      expect(fair.unseatable.join(" ")).toContain("Region: Wales");
      expect(fair.minProbability).toBeGreaterThan(0);
    }
  });
});

describe("refilling from the reserve", () => {
  it("takes the first reserve who keeps the quotas, skipping those used", () => {
    const r = published.result!;
    const next = nextReserve(base, r.panel, r.panel[0]!, r.reserve, new Set());
    expect(next).not.toBeNull();
    expect(r.reserve).toContain(next!.poolId);
    if (next!.quotasKept) expect(quotaBreaches(base, [...r.panel.slice(1), next!.poolId])).toEqual([]);
    const after = nextReserve(base, r.panel, r.panel[0]!, r.reserve, new Set([next!.poolId]));
    expect(after?.poolId).not.toBe(next!.poolId);
  });
});
