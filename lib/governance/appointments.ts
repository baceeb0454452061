/** The council appoints and removes fact editors (the brief); each act is in the public log with the council member who took it. */
import { and, eq, isNull } from "drizzle-orm";
import type { Db } from "@/db";
import { roleGrants, users } from "@/db/schema";
import { assertCan } from "@/lib/auth/actor";
import type { Actor, GlobalRole } from "@/lib/auth/permissions";
import { AppError, notFound } from "@/lib/errors";
import { grantRoleByProcess, revokeRoleByProcess } from "./roles";

async function member(db: Db, userId: string) {
  const rows = await db
    .select({ id: users.id, verifiedAt: users.verifiedAt, suspendedAt: users.suspendedAt, role: roleGrants.role })
    .from(users)
    .leftJoin(roleGrants, and(eq(roleGrants.userId, users.id), isNull(roleGrants.revokedAt)))
    .where(eq(users.id, userId));
  if (!rows[0]) throw notFound("member", "That member does not exist.");
  const roles = new Set(rows.map((r) => r.role).filter((r): r is GlobalRole => !!r && r !== "curator"));
  return { id: rows[0].id, roles, verified: rows[0].verifiedAt !== null && rows[0].suspendedAt === null };
}

export async function setFactEditor(db: Db, actor: Actor, input: { userId: string; appoint: boolean; reason: string }): Promise<void> {
  const target = await member(db, input.userId);
  assertCan(actor, "governance.appointFactEditor", target);
  if (input.appoint && !target.verified) throw new AppError("invalid:member", "Only a verified member in good standing can be a fact editor.", "userId");
  await db.transaction(async (tx) => {
    const ref = { via: "council", refType: "council", refId: actor.id!, actorId: actor.id, reason: input.reason };
    if (input.appoint) {
      if (target.roles.has("fact_editor")) throw new AppError("conflict:role", "That member is already a fact editor.", "userId");
      await grantRoleByProcess(tx, target.id, "fact_editor", ref);
    } else if (!(await revokeRoleByProcess(tx, target.id, "fact_editor", ref))) {
      throw new AppError("conflict:role", "That member is not a fact editor.", "userId");
    }
  });
}
