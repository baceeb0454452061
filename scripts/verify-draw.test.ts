import { execFileSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { announcementHash, commitmentOf, DRAW_ALGORITHM, DRAW_FORMAT, runDraw, type DrawAnnouncement } from "@/lib/council/draw";
import { fairPanels } from "@/lib/council/fair-panel";
import { SAMPLE_CATEGORIES, samplePool, sampleQuotas } from "@/lib/council/sample-pool";

function run(file: string): { code: number; out: string } {
  try {
    return { code: 0, out: execFileSync(path.resolve("node_modules/.bin/tsx"), ["scripts/verify-draw.ts", file], { encoding: "utf8" }) };
  } catch (e) {
    const err = e as { status: number; stdout: string };
    return { code: err.status, out: err.stdout };
  }
}

describe("scripts/verify-draw.ts", () => {
  it("verifies a published draw and rejects one whose panel was changed", async () => {
    const pool = samplePool(20, "cli");
    const quotas = sampleQuotas(4);
    const fair = await fairPanels({ seats: 4, categories: SAMPLE_CATEGORIES, quotas, pool });
    if (!fair.ok) throw new Error(fair.problems.join(" "));
    const a: DrawAnnouncement = {
      format: DRAW_FORMAT, drawId: "cli", title: "CLI draw", seats: 4, reserveSize: 2, categories: SAMPLE_CATEGORIES, quotas, pool,
      algorithm: DRAW_ALGORITHM, distribution: fair.distribution, commitment: { kind: "sha256-seed", hash: commitmentOf("seed"), note: "" },
    };
    const result = runDraw(a, "seed");
    const dir = mkdtempSync(path.join(tmpdir(), "verify-draw-"));
    const good = path.join(dir, "good.json");
    writeFileSync(good, JSON.stringify({ announcement: a, announcementHash: announcementHash(a), result }));
    const ok = run(good);
    expect(ok.code).toBe(0);
    expect(ok.out).toContain("VERIFIED");
    const outsider = pool.map((p) => p.poolId).find((id) => !result.panel.includes(id) && !result.reserve.includes(id))!;
    const bad = path.join(dir, "bad.json");
    writeFileSync(bad, JSON.stringify({ announcement: a, announcementHash: announcementHash(a), result: { ...result, panel: [outsider, ...result.panel.slice(1)] } }));
    const no = run(bad);
    expect(no.code).toBe(1);
    expect(no.out).toContain("The published panel is not the one the draw gives.");
  }, 180_000);
});
