import { and, asc, eq, ilike, isNull, or, sql } from "drizzle-orm";
import type { Db } from "@/db";
import { roleGrants, themes, users } from "@/db/schema";
import { assertCan, standingOf } from "@/lib/auth/actor";
import type { Actor, GlobalRole, Standing } from "@/lib/auth/permissions";

export interface MemberRow {
  id: string;
  displayName: string;
  email: string;
  standing: Standing;
  roles: GlobalRole[];
  curates: string[];
  createdAt: Date;
}

export const MEMBERS_PAGE_SIZE = 25;

/** Members for the admin list: name or e-mail search, paginated. Only admins and moderators may see it. */
export async function listMembers(db: Db, actor: Actor, opts: { q: string; page: number }): Promise<{ rows: MemberRow[]; total: number }> {
  assertCan(actor, "member.list", null);
  const pattern = `%${opts.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  const where = opts.q ? or(ilike(users.displayName, pattern), ilike(users.email, pattern)) : undefined;
  const total = await db.$count(users, where);
  const rows = await db
    .select({
      id: users.id,
      displayName: users.displayName,
      email: users.email,
      verifiedAt: users.verifiedAt,
      suspendedAt: users.suspendedAt,
      createdAt: users.createdAt,
      roles: sql<GlobalRole[]>`coalesce(array_agg(distinct ${roleGrants.role}::text) filter (where ${roleGrants.role} is not null and ${roleGrants.role} <> 'curator'), '{}')::text[]`,
      curates: sql<string[]>`coalesce(array_agg(distinct ${themes.title}) filter (where ${themes.title} is not null), '{}')::text[]`,
    })
    .from(users)
    .leftJoin(roleGrants, and(eq(roleGrants.userId, users.id), isNull(roleGrants.revokedAt)))
    .leftJoin(themes, and(eq(themes.id, roleGrants.themeId), eq(roleGrants.role, "curator")))
    .where(where)
    .groupBy(users.id)
    .orderBy(asc(users.displayName), asc(users.id))
    .limit(MEMBERS_PAGE_SIZE)
    .offset((opts.page - 1) * MEMBERS_PAGE_SIZE);
  return {
    total,
    rows: rows.map((r) => ({
      id: r.id,
      displayName: r.displayName,
      email: r.email,
      standing: standingOf(r),
      roles: r.roles,
      curates: r.curates,
      createdAt: r.createdAt,
    })),
  };
}

export interface OwnProfile {
  email: string;
  displayName: string;
  pseudonym: string | null;
  usePseudonym: boolean;
  verifiedAt: Date | null;
  verifiedBy: "roll" | "admin" | null;
  verificationNote: string | null;
  suspendedReason: string | null;
  curates: { title: string; slug: string }[];
}

export async function getOwnProfile(db: Db, userId: string): Promise<OwnProfile | null> {
  const [user] = await db
    .select({
      email: users.email,
      displayName: users.displayName,
      pseudonym: users.pseudonym,
      usePseudonym: users.usePseudonym,
      verifiedAt: users.verifiedAt,
      verifiedBy: users.verifiedBy,
      verificationNote: users.verificationNote,
      suspendedReason: users.suspendedReason,
    })
    .from(users)
    .where(eq(users.id, userId));
  if (!user) return null;
  const curates = await db
    .select({ title: themes.title, slug: themes.slug })
    .from(roleGrants)
    .innerJoin(themes, eq(themes.id, roleGrants.themeId))
    .where(and(eq(roleGrants.userId, userId), eq(roleGrants.role, "curator"), isNull(roleGrants.revokedAt)));
  return { ...user, curates };
}
