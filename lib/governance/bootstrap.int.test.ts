import { and, eq } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";
import { closeDb, getDb } from "@/db";
import { auditLog, roleGrants } from "@/db/schema";
import { loadActor } from "@/lib/auth/actor";
import { grantRole, revokeRole } from "@/lib/members/commands";
import { createPerson } from "@/lib/testing/factories";
import { setFactEditor } from "./appointments";
import { getGovernanceSettings, updateGovernanceSettings } from "./settings";

const db = getDb();
afterAll(() => closeDb());

describe("roles come only from processes after the bootstrap period", () => {
  it("lets an admin appoint during bootstrap, refuses it after with a clear message, and logs each settings change", async () => {
    const admin = await loadActor(db, (await createPerson(db, { roles: ["admin"] })).id);
    const council = await loadActor(db, (await createPerson(db, { roles: ["council"] })).id);
    const a = await createPerson(db);
    const b = await createPerson(db);
    const settings = await getGovernanceSettings(db);
    await grantRole(db, admin, { userId: a.id, role: "moderator", reason: "Bootstrap appointment" });
    try {
      const ended = new Date(Date.now() - 60_000);
      await updateGovernanceSettings(db, admin, { ...settings, bootstrapEndsAt: ended, reason: "The first election is done" });
      const [entry] = await db.select().from(auditLog).where(and(eq(auditLog.action, "governance.settings"), eq(auditLog.actorId, admin.id!)));
      expect(entry!.details).toEqual({ changes: { bootstrapEndsAt: [settings.bootstrapEndsAt?.toISOString() ?? null, ended.toISOString()] } });

      for (const role of ["moderator", "council", "fact_editor"] as const) {
        await expect(grantRole(db, admin, { userId: b.id, role, reason: "After bootstrap" })).rejects.toThrow(/bootstrap period ended on .*an admin can no longer grant or remove this role/);
      }
      await expect(revokeRole(db, admin, { userId: a.id, role: "moderator", reason: "After bootstrap" })).rejects.toThrow(/can no longer/);
      const held = await db.select().from(roleGrants).where(eq(roleGrants.userId, b.id));
      expect(held).toEqual([]);
      // The admin role itself is not a process role.
      await grantRole(db, admin, { userId: b.id, role: "admin", reason: "A second operator" });

      // Fact editors are appointed by the council, logged with the council member.
      await setFactEditor(db, council, { userId: a.id, appoint: true, reason: "Council decision of 1 December" });
      const [grant] = await db.select().from(auditLog).where(and(eq(auditLog.action, "role.grant"), eq(auditLog.targetId, a.id), eq(auditLog.actorId, council.id!)));
      expect(grant!.details).toMatchObject({ role: "fact_editor", via: "council" });
      await expect(setFactEditor(db, council, { userId: a.id, appoint: true, reason: "again" })).rejects.toThrow("already a fact editor");
      await setFactEditor(db, council, { userId: a.id, appoint: false, reason: "Council decision of 2 December" });
    } finally {
      await updateGovernanceSettings(db, admin, { ...settings, reason: "Restore for other tests" });
    }
    expect((await getGovernanceSettings(db)).bootstrapEndsAt).toEqual(settings.bootstrapEndsAt);
  });
});
