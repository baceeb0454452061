import { eq } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";
import { closeDb, getDb } from "@/db";
import { facts } from "@/db/schema";
import { crontab } from "@/lib/jobs/crontab";
import { tasks } from "@/lib/jobs/tasks";
import { hardnessOf, rescoreAgingFacts } from "./score";
import { createTestFact } from "./test-factory";

const db = getDb();
afterAll(closeDb);
const stored = async (id: string) => (await db.select({ h: facts.hardness }).from(facts).where(eq(facts.id, id)))[0]!.h;

describe("the daily rescore of ageing figures", () => {
  it("stores the lower score of a figure as it ages, and leaves timeless facts alone", async () => {
    // The factory's figure refers to 2025-03-31; fresh today, four years old in mid-2029.
    const ageing = await createTestFact(db);
    const timeless = await createTestFact(db);
    await db.update(facts).set({ timeSensitive: false }).where(eq(facts.id, timeless.id));
    const before = await stored(ageing.id);
    const timelessBefore = await stored(timeless.id);
    expect(before).toBeGreaterThan(0);

    const later = new Date("2029-06-01T03:15:00Z");
    const changed = await rescoreAgingFacts(db, later);
    expect(changed).toBeGreaterThanOrEqual(1);
    const after = await stored(ageing.id);
    expect(after).toBeLessThan(before);
    expect(after).toBe((await hardnessOf(db, ageing.id, later)).score);
    expect((await hardnessOf(db, ageing.id, later)).terms.some((t) => t.key === "age")).toBe(true);
    expect(await stored(timeless.id)).toBe(timelessBefore);

    // Same day again: nothing more to store for this figure.
    await rescoreAgingFacts(db, later);
    expect(await stored(ageing.id)).toBe(after);
  });

  it("is a task the worker knows, scheduled daily", () => {
    expect(typeof tasks["facts.rescore"]).toBe("function");
    expect(crontab.find((c) => c.task === "facts.rescore")?.match).toBe("15 3 * * *");
    for (const item of crontab) expect(Object.keys(tasks)).toContain(item.task);
  });
});
