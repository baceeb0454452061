import { and, eq } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";
import { closeDb, getDb } from "@/db";
import { auditLog, membershipRoll } from "@/db/schema";
import { loadActor } from "@/lib/auth/actor";
import { createPerson } from "@/lib/testing/factories";
import { claimMembership, importRoll } from "./commands";
import { rollHashes } from "./keyed-hash";

const db = getDb();
afterAll(() => closeDb());

describe("membership roll import", () => {
  it("stores good rows as keyed hashes only and reports the bad ones", async () => {
    const admin = await loadActor(db, (await createPerson(db, { roles: ["admin"] })).id);
    const n = Date.now().toString().slice(-6);
    const csv = `member_number,postcode,email\nR${n}1,SW1A 1AA,\nR${n}2,,r${n}@example.org\nbad number!,SW1A 1AA,\nR${n}3,,\n`;
    const report = await importRoll(db, admin, { filename: "roll.csv", text: csv });
    expect(report).toMatchObject({ ok: true, accepted: 2, totalRows: 4 });
    expect(report.rejected.map((r) => r.line)).toEqual([4, 5]);
    const [stored] = await db.select().from(membershipRoll).where(eq(membershipRoll.numberHash, rollHashes({ memberNumber: `R${n}1` }).numberHash));
    expect(stored).toBeDefined();
    expect(JSON.stringify(stored)).not.toContain(`R${n}1`);
    expect(JSON.stringify(stored)).not.toMatch(/SW1A/);
    const [logged] = await db.select().from(auditLog).where(and(eq(auditLog.action, "roll.import"), eq(auditLog.actorId, admin.id!)));
    expect(logged?.details).toMatchObject({ filename: "roll.csv" });
  });

  it("lets a registered person verify later from their settings", async () => {
    const admin = await loadActor(db, (await createPerson(db, { roles: ["admin"] })).id);
    const number = `V${Date.now().toString().slice(-7)}`;
    await importRoll(db, admin, { filename: "r.csv", text: `member_number,postcode\n${number},CR2 6XH\n` });
    const person = await createPerson(db, { standing: "registered" });
    const actor = await loadActor(db, person.id);
    expect(await claimMembership(db, actor, { memberNumber: number, postcode: "CR2 6XX" })).toMatchObject({ matched: false });
    expect(await claimMembership(db, actor, { memberNumber: number, postcode: "cr2 6xh" })).toEqual({ matched: true });
    expect((await loadActor(db, person.id)).standing).toBe("member");
  });
});
