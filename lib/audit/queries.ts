import { desc, eq, like } from "drizzle-orm";
import type { Db } from "@/db";
import { auditLog, users } from "@/db/schema";
import { assertCan } from "@/lib/auth/actor";
import type { Actor } from "@/lib/auth/permissions";

export interface AuditRow {
  id: number;
  action: string;
  actorName: string | null;
  targetType: string;
  targetId: string | null;
  reason: string | null;
  details: Record<string, unknown>;
  createdAt: Date;
}

export const AUDIT_PAGE_SIZE = 50;
/** Families of actions one can filter the log by; the prefix of each action name. */
export const AUDIT_KINDS = { member: "Members", role: "Roles", theme: "Themes", roll: "Membership roll" } as const;
export type AuditKind = keyof typeof AUDIT_KINDS;

/** The public log of moderation and admin actions. Actors are named as they choose to be shown. */
export async function listAuditLog(db: Db, actor: Actor, opts: { kind?: AuditKind; page: number }): Promise<{ rows: AuditRow[]; total: number }> {
  assertCan(actor, "auditLog.view", null);
  const where = opts.kind ? like(auditLog.action, `${opts.kind}.%`) : undefined;
  const [total, rows] = await Promise.all([
    db.$count(auditLog, where),
    db
      .select({
        id: auditLog.id,
        action: auditLog.action,
        displayName: users.displayName,
        pseudonym: users.pseudonym,
        usePseudonym: users.usePseudonym,
        targetType: auditLog.targetType,
        targetId: auditLog.targetId,
        reason: auditLog.reason,
        details: auditLog.details,
        createdAt: auditLog.createdAt,
      })
      .from(auditLog)
      .leftJoin(users, eq(users.id, auditLog.actorId))
      .where(where)
      .orderBy(desc(auditLog.createdAt), desc(auditLog.id))
      .limit(AUDIT_PAGE_SIZE)
      .offset((opts.page - 1) * AUDIT_PAGE_SIZE),
  ]);
  return {
    total,
    rows: rows.map(({ displayName, pseudonym, usePseudonym, ...r }) => ({
      ...r,
      actorName: usePseudonym && pseudonym ? pseudonym : displayName,
    })),
  };
}
