/**
 * Roles given and taken by a process (an election, the council draw, a recall, a council
 * appointment), not by an admin's hand. Both write the grant and its entry in the public log in
 * the caller's transaction. The council engineer's draw and recall call these too.
 */
import { and, eq, isNull } from "drizzle-orm";
import type { Tx } from "@/db";
import { roleGrants } from "@/db/schema";
import type { GlobalRole } from "@/lib/auth/permissions";
import { recordAudit } from "@/lib/audit/record";

export interface ProcessRef {
  /** What gave or took the role: "election", "recount", "draw", "recall", "council", "term". */
  via: string;
  /** The election, draw, petition or decision it came from. */
  refType: string;
  refId: string;
  /** The person acting, when a person acted (a council member appointing); null for the process itself. */
  actorId?: string | null;
  reason?: string;
}

/** Grants a role unless it is already held; returns the grant's id either way. */
export async function grantRoleByProcess(tx: Tx, userId: string, role: GlobalRole, ref: ProcessRef): Promise<string> {
  const [held] = await tx
    .select({ id: roleGrants.id })
    .from(roleGrants)
    .where(and(eq(roleGrants.userId, userId), eq(roleGrants.role, role), isNull(roleGrants.revokedAt)));
  if (held) return held.id;
  const [grant] = await tx.insert(roleGrants).values({ userId, role, grantedBy: ref.actorId ?? null }).returning({ id: roleGrants.id });
  await recordAudit(tx, {
    actorId: ref.actorId ?? null,
    action: "role.grant",
    targetType: "member",
    targetId: userId,
    reason: ref.reason ?? null,
    details: { role, via: ref.via, [`${ref.refType}Id`]: ref.refId },
  });
  return grant!.id;
}

/** Removes a role if held; returns whether it was. Sessions read roles on each request, so it applies at once. */
export async function revokeRoleByProcess(tx: Tx, userId: string, role: GlobalRole, ref: ProcessRef): Promise<boolean> {
  const revoked = await tx
    .update(roleGrants)
    .set({ revokedAt: new Date(), revokedBy: ref.actorId ?? null })
    .where(and(eq(roleGrants.userId, userId), eq(roleGrants.role, role), isNull(roleGrants.revokedAt)))
    .returning({ id: roleGrants.id });
  if (revoked.length === 0) return false;
  await recordAudit(tx, {
    actorId: ref.actorId ?? null,
    action: "role.revoke",
    targetType: "member",
    targetId: userId,
    reason: ref.reason ?? null,
    details: { role, via: ref.via, [`${ref.refType}Id`]: ref.refId },
  });
  return true;
}
