import { eq, inArray, sql } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";
import { closeDb, getDb } from "@/db";
import { auditLog, users } from "@/db/schema";
import { createPerson, uniqueSuffix } from "@/lib/testing/factories";
import { verifyAuditChain } from "./chain";
import { recordAudit } from "./record";

const db = getDb();
afterAll(() => closeDb());

/** What an attacker with the database would do: switch the triggers off for the session. */
async function asTamperer(statement: ReturnType<typeof sql>) {
  await db.transaction(async (tx) => {
    await tx.execute(sql`set local session_replication_role = replica`);
    await tx.execute(statement);
  });
}

async function writeEntries(count: number) {
  const actor = await createPerson(db);
  const tag = `chain-${uniqueSuffix()}`;
  // Separate transactions at once: the head lock must keep them in one line.
  await Promise.all(
    Array.from({ length: count }, (_, i) => db.transaction((tx) => recordAudit(tx, { actorId: actor.id, action: "member.verify", targetType: "member", targetId: tag, reason: `entry ${i}` }))),
  );
  const rows = await db.select().from(auditLog).where(eq(auditLog.targetId, tag)).orderBy(auditLog.chainSeq);
  return { actor, rows };
}

describe("the moderation log's hash chain", () => {
  it("links entries written at the same time into one unbroken chain", async () => {
    const { rows } = await writeEntries(25);
    expect(rows).toHaveLength(25);
    expect(new Set(rows.map((r) => r.chainSeq)).size).toBe(25);
    expect(rows.every((r) => r.hash && r.prevHash && r.hash.length === 64)).toBe(true);
    const report = await verifyAuditChain(db);
    expect(report.problems).toEqual([]);
    expect(report.ok).toBe(true);
    expect(report.head!.seq).toBeGreaterThanOrEqual(rows.at(-1)!.chainSeq!);
  });

  it("detects an entry changed with SQL, and is whole again once it is put back", async () => {
    const { rows } = await writeEntries(3);
    const victim = rows[1]!;
    await asTamperer(sql`update audit_log set reason = 'nothing to see here' where id = ${victim.id}`);
    const report = await verifyAuditChain(db);
    expect(report.ok).toBe(false);
    expect(report.problems).toContainEqual({ seq: victim.chainSeq, id: victim.id, problem: expect.stringContaining("does not match its hash") });
    await asTamperer(sql`update audit_log set reason = ${victim.reason} where id = ${victim.id}`);
    expect((await verifyAuditChain(db)).ok).toBe(true);
  });

  it("detects a deleted entry, and a changed actor", async () => {
    const { rows } = await writeEntries(3);
    const victim = rows[1]!;
    const keep = sql.raw(`audit_kept_${uniqueSuffix()}`);
    await db.execute(sql`create table ${keep} as select * from audit_log where id = ${victim.id}`);
    await asTamperer(sql`delete from audit_log where id = ${victim.id}`);
    const report = await verifyAuditChain(db);
    expect(report.ok).toBe(false);
    expect(report.problems).toContainEqual({ seq: rows[2]!.chainSeq, id: rows[2]!.id, problem: `Entries ${victim.chainSeq} to ${victim.chainSeq} are missing.` });
    expect(report.problems).toContainEqual({ seq: rows[2]!.chainSeq, id: rows[2]!.id, problem: expect.stringContaining("hash of the entry before") });
    await asTamperer(sql`insert into audit_log select * from ${keep}`);
    await db.execute(sql`drop table ${keep}`);
    expect((await verifyAuditChain(db)).ok).toBe(true);

    const other = await createPerson(db);
    await asTamperer(sql`update audit_log set actor_id = ${other.id} where id = ${rows[2]!.id}`);
    const changed = await verifyAuditChain(db);
    expect(changed.problems).toContainEqual({ seq: rows[2]!.chainSeq, id: rows[2]!.id, problem: expect.stringContaining("actor was changed") });
    await asTamperer(sql`update audit_log set actor_id = ${rows[2]!.actorId} where id = ${rows[2]!.id}`);
    expect((await verifyAuditChain(db)).ok).toBe(true);
  });

  it("detects entries removed from the end through the head", async () => {
    const { rows } = await writeEntries(1);
    const last = rows[0]!;
    const keep = sql.raw(`audit_kept_${uniqueSuffix()}`);
    await db.execute(sql`create table ${keep} as select * from audit_log where id = ${last.id}`);
    await asTamperer(sql`delete from audit_log where id = ${last.id}`);
    const report = await verifyAuditChain(db);
    expect(report.problems.map((p) => p.problem).join(" ")).toMatch(/removed from the end/);
    await asTamperer(sql`insert into audit_log select * from ${keep}`);
    await db.execute(sql`drop table ${keep}`);
    expect((await verifyAuditChain(db)).ok).toBe(true);
  });

  it("refuses updates and deletes, but lets an erased account leave its entries whole", async () => {
    const { actor, rows } = await writeEntries(2);
    await expect(db.update(auditLog).set({ reason: "rewritten" }).where(eq(auditLog.id, rows[0]!.id))).rejects.toThrow();
    await expect(db.delete(auditLog).where(eq(auditLog.id, rows[0]!.id))).rejects.toThrow();
    await db.delete(users).where(eq(users.id, actor.id));
    const after = await db.select({ actorId: auditLog.actorId }).from(auditLog).where(inArray(auditLog.id, rows.map((r) => r.id)));
    expect(after.every((r) => r.actorId === null)).toBe(true);
    expect((await verifyAuditChain(db)).ok).toBe(true);
  });
});
