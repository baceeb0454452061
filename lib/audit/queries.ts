import { and, desc, eq, gte, like, lt, sql, type SQL } from "drizzle-orm";
import type { Db } from "@/db";
import { auditLog, comments, users } from "@/db/schema";
import { assertCan } from "@/lib/auth/actor";
import type { Actor } from "@/lib/auth/permissions";
import { publicNameSql } from "@/lib/auth/public-name";

export interface AuditRow {
  id: number;
  action: string;
  actorName: string | null;
  targetType: string;
  targetId: string | null;
  reason: string | null;
  details: Record<string, unknown>;
  createdAt: Date;
  /** Where the target can be seen, when it has a page. */
  targetHref: string | null;
}

export const AUDIT_PAGE_SIZE = 50;
/** Who the log names when no person acted: the process itself (an election's count, a recall reaching its threshold). */
export const PROCESS_ACTOR = "The site, by its rules,";
/** Families of actions one can filter the log by; the prefix of each action name. */
export const AUDIT_KINDS = {
  paper: "Papers",
  comment: "Comments",
  call: "Calls for papers",
  fact: "Facts",
  dispute: "Disputes",
  member: "Members",
  role: "Roles",
  theme: "Themes",
  roll: "Membership roll",
  election: "Elections",
  decision: "Decisions",
  governance: "Governance settings",
  council: "Council",
  draw: "Council draws",
  recall: "Recall petitions",
  appeal: "Appeals",
  open_data: "Open data",
} as const;
export type AuditKind = keyof typeof AUDIT_KINDS;

export interface AuditFilter {
  kind?: AuditKind;
  /** Inclusive first day, UTC. */
  from?: Date;
  /** Inclusive last day, UTC. */
  to?: Date;
  page: number;
}

const UUID_RE = "^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$";
const str = (v: unknown) => (typeof v === "string" && v ? v : null);

/**
 * Links to what an entry acted on. A comment's page needs its paper: the entry's details carry it
 * when the command recorded it, and otherwise it comes from the comment row itself.
 */
export function auditTargetHref(row: { action?: string; targetType: string; targetId: string | null; details: Record<string, unknown>; commentPaperId?: string | null }): string | null {
  const { targetType, targetId, details } = row;
  if (!targetId) return null;
  if (targetType === "paper") return `/papers/${targetId}`;
  if (targetType === "comment") {
    const paperId = str(details.paperId) ?? row.commentPaperId ?? null;
    return paperId ? `/papers/${paperId}/c/${targetId}` : null;
  }
  if (targetType === "fact") return `/facts/${targetId}`;
  if (targetType === "election") return `/governance/elections/${targetId}`;
  if (targetType === "decision") return `/governance/decisions/${targetId}`;
  if (targetType === "draw") return `/governance/council/draws/${targetId}`;
  // Petitions are listed, open or closed, on one page; appeals are private to those involved, so the log links to none.
  if (targetType === "petition") return `/governance/recall?show=${row.action === "recall.open" || row.action === "recall.sign" ? "open" : "closed"}#petition-${targetId}`;
  if (targetType === "dispute") {
    const factId = str(details.factId);
    return factId ? `/facts/${factId}` : null;
  }
  if (targetType === "theme" || targetType === "call") {
    const slug = str(details.themeSlug) ?? (targetType === "theme" ? str(details.slug) : null);
    return slug ? `/themes/${slug}` : null;
  }
  return null;
}

/** The public log of moderation and admin actions. Actors are named as they choose to be shown. */
export async function listAuditLog(db: Db, actor: Actor, opts: AuditFilter): Promise<{ rows: AuditRow[]; total: number }> {
  assertCan(actor, "auditLog.view", null);
  const conditions: SQL[] = [];
  if (opts.kind) conditions.push(like(auditLog.action, `${opts.kind}.%`));
  if (opts.from) conditions.push(gte(auditLog.createdAt, opts.from));
  if (opts.to) conditions.push(lt(auditLog.createdAt, new Date(opts.to.getTime() + 86_400_000)));
  const where = conditions.length ? and(...conditions) : undefined;
  // The CASE keeps the cast away from target ids that are not uuids (member numbers, theme ids are fine, "roll" is not).
  const commentId = sql`case when ${auditLog.targetType} = 'comment' and ${auditLog.targetId} ~ ${UUID_RE} then ${auditLog.targetId}::uuid end`;
  const [total, rows] = await Promise.all([
    db.$count(auditLog, where),
    db
      .select({
        id: auditLog.id,
        action: auditLog.action,
        // An act with no actor at all (the chain's digest is null only then) was the site's rules acting: a count, a recall, a term ending.
        actorName: sql<string | null>`coalesce(${publicNameSql()}, case when ${auditLog.actorDigest} is null then ${PROCESS_ACTOR} end)`,
        targetType: auditLog.targetType,
        targetId: auditLog.targetId,
        reason: auditLog.reason,
        details: auditLog.details,
        createdAt: auditLog.createdAt,
        commentPaperId: comments.paperId,
      })
      .from(auditLog)
      .leftJoin(users, eq(users.id, auditLog.actorId))
      .leftJoin(comments, eq(comments.id, commentId))
      .where(where)
      .orderBy(desc(auditLog.createdAt), desc(auditLog.id))
      .limit(AUDIT_PAGE_SIZE)
      .offset((opts.page - 1) * AUDIT_PAGE_SIZE),
  ]);
  return {
    total,
    rows: rows.map(({ commentPaperId, ...r }) => ({
      ...r,
      targetHref: auditTargetHref({ ...r, commentPaperId }),
    })),
  };
}
