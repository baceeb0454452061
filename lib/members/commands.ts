import { and, eq, isNull } from "drizzle-orm";
import type { Db, Tx } from "@/db";
import { roleGrants, users } from "@/db/schema";
import { assertCan } from "@/lib/auth/actor";
import type { Actor, GlobalRole, MemberResource } from "@/lib/auth/permissions";
import { recordAudit } from "@/lib/audit/record";
import { assertAdminMayAppoint } from "@/lib/governance/bootstrap";
import { announceRevocation } from "@/lib/collab/announce";
import { AppError, notFound } from "@/lib/errors";
import { deleteUserSessions } from "./sessions";

/** Loads a member as a permission resource (their current roles), locking the row for the change that follows. */
export async function lockMember(tx: Tx, userId: string): Promise<MemberResource & { suspendedAt: Date | null; verifiedAt: Date | null }> {
  const rows = await tx
    .select({ id: users.id, suspendedAt: users.suspendedAt, verifiedAt: users.verifiedAt, role: roleGrants.role })
    .from(users)
    .leftJoin(roleGrants, and(eq(roleGrants.userId, users.id), isNull(roleGrants.revokedAt)))
    .where(eq(users.id, userId))
    .for("update", { of: users });
  if (!rows[0]) throw notFound("member", "That member does not exist.");
  const roles = new Set(rows.map((r) => r.role).filter((r): r is GlobalRole => !!r && r !== "curator"));
  return { id: rows[0].id, suspendedAt: rows[0].suspendedAt, verifiedAt: rows[0].verifiedAt, roles };
}

export async function updateProfile(
  db: Db,
  actor: Actor,
  input: { displayName: string; pseudonym?: string; usePseudonym: boolean },
): Promise<void> {
  assertCan(actor, "profile.update", { userId: actor.id ?? "" });
  await db
    .update(users)
    .set({ displayName: input.displayName, pseudonym: input.pseudonym ?? null, usePseudonym: input.usePseudonym, updatedAt: new Date() })
    .where(eq(users.id, actor.id!));
}

/** Suspends an account at once: its role no longer counts and every session ends. */
export async function suspendMember(db: Db, actor: Actor, input: { userId: string; reason: string }): Promise<void> {
  await db.transaction(async (tx) => {
    const target = await lockMember(tx, input.userId);
    assertCan(actor, "member.suspend", target);
    if (target.suspendedAt) throw new AppError("conflict:member", "That member is already suspended.");
    await tx.update(users).set({ suspendedAt: new Date(), suspendedReason: input.reason, updatedAt: new Date() }).where(eq(users.id, target.id));
    await deleteUserSessions(tx, target.id);
    await announceRevocation(tx, { userId: target.id });
    await recordAudit(tx, { actorId: actor.id, action: "member.suspend", targetType: "member", targetId: target.id, reason: input.reason });
  });
}

export async function reinstateMember(db: Db, actor: Actor, input: { userId: string; reason: string }): Promise<void> {
  await db.transaction(async (tx) => {
    const target = await lockMember(tx, input.userId);
    assertCan(actor, "member.reinstate", target);
    if (!target.suspendedAt) throw new AppError("conflict:member", "That member is not suspended.");
    await tx.update(users).set({ suspendedAt: null, suspendedReason: null, updatedAt: new Date() }).where(eq(users.id, target.id));
    await recordAudit(tx, { actorId: actor.id, action: "member.reinstate", targetType: "member", targetId: target.id, reason: input.reason });
  });
}

export async function grantRole(db: Db, actor: Actor, input: { userId: string; role: GlobalRole; reason: string }): Promise<void> {
  await db.transaction(async (tx) => {
    const target = await lockMember(tx, input.userId);
    assertCan(actor, "role.grant", target);
    await assertAdminMayAppoint(tx, input.role);
    if (target.roles.has(input.role)) throw new AppError("conflict:role", "That member already has this role.");
    await tx.insert(roleGrants).values({ userId: target.id, role: input.role, grantedBy: actor.id });
    await recordAudit(tx, { actorId: actor.id, action: "role.grant", targetType: "member", targetId: target.id, reason: input.reason, details: { role: input.role } });
  });
}

export async function revokeRole(db: Db, actor: Actor, input: { userId: string; role: GlobalRole; reason: string }): Promise<void> {
  await db.transaction(async (tx) => {
    const target = await lockMember(tx, input.userId);
    assertCan(actor, "role.revoke", target);
    await assertAdminMayAppoint(tx, input.role);
    const revoked = await tx
      .update(roleGrants)
      .set({ revokedAt: new Date(), revokedBy: actor.id })
      .where(and(eq(roleGrants.userId, target.id), eq(roleGrants.role, input.role), isNull(roleGrants.revokedAt)))
      .returning({ id: roleGrants.id });
    if (revoked.length === 0) throw new AppError("conflict:role", "That member does not have this role.");
    await announceRevocation(tx, { userId: target.id });
    await recordAudit(tx, { actorId: actor.id, action: "role.revoke", targetType: "member", targetId: target.id, reason: input.reason, details: { role: input.role } });
  });
}
