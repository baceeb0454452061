import { and, asc, desc, eq, inArray, ne, sql } from "drizzle-orm";
import type { Tx } from "@/db";
import { directoryProfiles, helpInvitations, helpRequests, skills, themes, users } from "@/db/schema";
import { assertCan } from "@/lib/auth/actor";
import { can, type Actor } from "@/lib/auth/permissions";
import { listedMember } from "@/lib/directory/queries";
import { memberNameSql, publicNameSql } from "@/lib/directory/public-name";
import { fieldVisibleSql, othersFieldVisibleSql, visibleValueSql } from "@/lib/directory/visibility";
import { FAIRNESS_WINDOW_DAYS, scoreCandidate, scoreSql, textArraySql, type Candidate, type Needs, type Ranked } from "./ranking";
import { loadHelpRequestResource } from "./resource";

export const HELP_PAGE_SIZE = 20;

export interface HelpRequestSummary {
  id: string;
  title: string;
  requesterName: string;
  skills: string[];
  hoursNeeded: number;
  region: string | null;
  remote: boolean;
  deadline: string;
  status: "open" | "closed";
  outcome: "met" | "partly_met" | "not_met" | "withdrawn" | null;
  themeTitle: string | null;
  createdAt: Date;
}

const summaryColumns = {
  id: helpRequests.id,
  title: helpRequests.title,
  requesterName: publicNameSql(),
  skills: helpRequests.skills,
  hoursNeeded: helpRequests.hoursNeeded,
  region: helpRequests.region,
  remote: helpRequests.remote,
  deadline: helpRequests.deadline,
  status: helpRequests.status,
  outcome: helpRequests.outcome,
  themeTitle: themes.title,
  createdAt: helpRequests.createdAt,
};

export async function listHelpRequests(db: Tx, viewer: Actor, opts: { status: "open" | "closed"; page: number }): Promise<{ rows: HelpRequestSummary[]; total: number }> {
  if (!can(viewer, "help.view", { id: "", requesterId: null, status: "open" })) return { rows: [], total: 0 };
  const where = eq(helpRequests.status, opts.status);
  const [rows, [count]] = await Promise.all([
    db
      .select(summaryColumns)
      .from(helpRequests)
      .leftJoin(users, eq(users.id, helpRequests.requesterId))
      .leftJoin(themes, eq(themes.id, helpRequests.themeId))
      .where(where)
      .orderBy(opts.status === "open" ? asc(helpRequests.deadline) : desc(helpRequests.closedAt), asc(helpRequests.id))
      .limit(HELP_PAGE_SIZE)
      .offset((opts.page - 1) * HELP_PAGE_SIZE),
    db.select({ n: sql<number>`count(*)`.mapWith(Number) }).from(helpRequests).where(where),
  ]);
  return { rows: rows.map((r) => ({ ...r, requesterName: r.requesterName ?? "Former member" })), total: count?.n ?? 0 };
}

export interface InvitationView {
  id: string;
  inviteeId: string;
  inviteeName: string;
  status: "pending" | "yes" | "no" | "later" | "withdrawn";
  answeredAt: Date | null;
}

export interface HelpRequestDetail extends HelpRequestSummary {
  requesterId: string | null;
  description: string;
  outcomeNote: string | null;
  closedAt: Date | null;
  /** The requester sees every invitation; an invitee sees their own; others see counts. */
  invitations: InvitationView[];
  counts: { invited: number; yes: number };
  mine: InvitationView | null;
  may: { invite: boolean; close: boolean };
}

export async function getHelpRequest(db: Tx, viewer: Actor, id: string): Promise<HelpRequestDetail> {
  const resource = await loadHelpRequestResource(db, id);
  assertCan(viewer, "help.view", resource);
  const [row] = await db
    .select({ ...summaryColumns, requesterId: helpRequests.requesterId, description: helpRequests.description, outcomeNote: helpRequests.outcomeNote, closedAt: helpRequests.closedAt })
    .from(helpRequests)
    .leftJoin(users, eq(users.id, helpRequests.requesterId))
    .leftJoin(themes, eq(themes.id, helpRequests.themeId))
    .where(eq(helpRequests.id, id));
  const invitations = await db
    .select({ id: helpInvitations.id, inviteeId: helpInvitations.inviteeId, inviteeName: memberNameSql(), status: helpInvitations.status, answeredAt: helpInvitations.answeredAt })
    .from(helpInvitations)
    .innerJoin(users, eq(users.id, helpInvitations.inviteeId))
    .where(eq(helpInvitations.requestId, id))
    .orderBy(asc(helpInvitations.createdAt));
  const isRequester = viewer.id !== null && row!.requesterId === viewer.id;
  return {
    ...row!,
    requesterName: row!.requesterName ?? "Former member",
    invitations: isRequester ? invitations : [],
    counts: { invited: invitations.length, yes: invitations.filter((i) => i.status === "yes").length },
    mine: invitations.find((i) => i.inviteeId === viewer.id) ?? null,
    may: { invite: can(viewer, "help.invite", resource), close: can(viewer, "help.close", resource) },
  };
}

export interface Match extends Ranked {
  /** The score as the database computed it (it chose the top N by this); equal to `score`. */
  sqlScore: number;
  name: string;
  skills: string[] | null;
  region: string | null;
  invitation: InvitationView["status"] | null;
}

const monthStart = (now: Date) => new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1));

/**
 * The top matches for a request, for its requester. Only what the requester may see of each member
 * counts (a hidden skill is not matched); the score is computed in SQL with `scoreSql` and each term
 * is then recomputed by the pure ranking for the explanation.
 */
export async function findMatches(db: Tx, viewer: Actor, requestId: string, opts: { limit?: number; now?: Date } = {}): Promise<Match[]> {
  const resource = await loadHelpRequestResource(db, requestId);
  assertCan(viewer, "help.invite", resource);
  const [req] = await db.select().from(helpRequests).where(eq(helpRequests.id, requestId));
  return matchMembers(db, viewer, { skills: req!.skills, hoursNeeded: req!.hoursNeeded, region: req!.region, remote: req!.remote }, { ...opts, requestId, excludeId: req!.requesterId });
}

/**
 * The ranking query itself (also what the bench measures), in two steps so that 100,000 members
 * rank in tens of milliseconds:
 *
 * 1. Each candidate's score with no load (no hours said yes to, no recent invitations) is an upper
 *    bound of their real score, since load only lowers hours fit and fairness. It reads
 *    directory_profiles alone; the database keeps the best `pool` + 1 bounds with a top-N sort.
 * 2. The real score, with the load, for those `pool` only, then the account check (verified, not
 *    suspended) and the names for the best of them.
 *
 * Anyone outside the pool scores at most the (pool + 1)-th bound and, at that score, comes after it
 * by id; when the last of the top `limit` beats that, the answer is exactly the full ranking's.
 * Otherwise (many of the best-placed were asked recently) every candidate whose bound reaches that
 * last score is scored, which is exact too; with fewer than `limit` eligible in the pool (suspended
 * or unverified accounts), the pool grows.
 */
export async function matchMembers(db: Tx, viewer: Actor, needs: Needs, opts: { limit?: number; now?: Date; requestId?: string; excludeId?: string | null; firstPool?: number } = {}): Promise<Match[]> {
  const limit = opts.limit ?? 20;
  // The requester is never their own match, so the owner's branch of the visibility rule drops out.
  const othersOnly = !!opts.excludeId && opts.excludeId === viewer.id;
  const visible = othersOnly ? othersFieldVisibleSql : fieldVisibleSql;
  const p = directoryProfiles;
  const bound = scoreSql(needs, {
    skills: visibleValueSql<string[]>("skills", viewer, p, { othersOnly }),
    region: visibleValueSql<string>("region", viewer, p, { othersOnly }),
    hoursPerMonth: visibleValueSql<number>("hours", viewer, p, { othersOnly }),
    hoursCommitted: sql`0`,
    recentInvitations: sql`0`,
  });
  const candidate = and(
    eq(directoryProfiles.listed, true),
    visible("name", viewer),
    visible("skills", viewer),
    sql`${directoryProfiles.skills} && ${textArraySql(needs.skills)}`,
    opts.excludeId ? ne(directoryProfiles.userId, opts.excludeId) : undefined,
  );
  for (let pool = opts.firstPool ?? Math.max(100, limit * 5); ; pool *= 4) {
    const bounds = await db
      .select({ memberId: directoryProfiles.userId, bound: bound.mapWith(Number) })
      .from(directoryProfiles)
      .where(candidate)
      .orderBy(desc(bound), asc(directoryProfiles.userId))
      .limit(pool + 1);
    if (!bounds.length) return [];
    const outside = bounds[pool];
    const ranked = await scoreMembers(db, viewer, needs, bounds.slice(0, pool).map((b) => b.memberId), { ...opts, limit });
    const last = ranked[limit - 1];
    if (!outside) return ranked;
    if (!last) continue;
    if (last.sqlScore > outside.bound || (last.sqlScore === outside.bound && last.memberId < outside.memberId)) return ranked;
    // Only members whose bound reaches the pool's last real score can still beat it: score them all.
    const contenders = await db
      .select({ memberId: directoryProfiles.userId })
      .from(directoryProfiles)
      .where(and(candidate, sql`${bound} >= ${last.sqlScore}::float8`));
    return scoreMembers(db, viewer, needs, contenders.map((c) => c.memberId), { ...opts, limit });
  }
}

/** The real score of the given members, best first, the eligible `limit` of them with their names. */
async function scoreMembers(db: Tx, viewer: Actor, needs: Needs, memberIds: string[], opts: { limit: number; now?: Date; requestId?: string }): Promise<Match[]> {
  const now = opts.now ?? new Date();
  const since = new Date(now.getTime() - FAIRNESS_WINDOW_DAYS * 86_400_000);
  const month = monthStart(now);
  // Per member, through the (invitee, created_at) index: the pool is small, so this beats aggregating every invitation.
  const mine = sql`${helpInvitations.inviteeId} = ${directoryProfiles.userId} and ${helpInvitations.createdAt} >= ${since < month ? since : month}`;
  const committedSql = sql<number>`(select coalesce(sum(${helpInvitations.hoursCommitted}), 0) from ${helpInvitations} where ${mine} and ${helpInvitations.status} = 'yes' and ${helpInvitations.answeredAt} >= ${month})`;
  const recentSql = sql<number>`(select count(*) from ${helpInvitations} where ${mine} and ${helpInvitations.createdAt} >= ${since})`;
  const visibleSkills = visibleValueSql<string[]>("skills", viewer);
  const visibleRegion = visibleValueSql<string>("region", viewer);
  const visibleHours = visibleValueSql<number>("hours", viewer);
  const committed = committedSql;
  const recent = recentSql;
  const score = scoreSql(needs, { skills: visibleSkills, region: visibleRegion, hoursPerMonth: visibleHours, hoursCommitted: committed, recentInvitations: recent });
  const rows = await db
    .select({
      memberId: directoryProfiles.userId,
      name: memberNameSql(),
      skills: visibleSkills,
      region: visibleRegion,
      hoursPerMonth: visibleHours,
      hoursCommitted: committed.mapWith(Number),
      recentInvitations: recent.mapWith(Number),
      score: score.mapWith(Number),
    })
    .from(directoryProfiles)
    .innerJoin(users, eq(users.id, directoryProfiles.userId))
    .where(and(inArray(directoryProfiles.userId, memberIds), listedMember()))
    .orderBy(desc(score), asc(directoryProfiles.userId))
    .limit(opts.limit);
  const invitations = opts.requestId && rows.length ? await invitationsTo(db, opts.requestId, rows.map((r) => r.memberId)) : new Map<string, InvitationView["status"]>();
  return rows.map((r) => {
    const candidate: Candidate = { memberId: r.memberId, skills: r.skills, region: r.region, hoursPerMonth: r.hoursPerMonth, hoursCommitted: r.hoursCommitted, recentInvitations: r.recentInvitations };
    return { ...scoreCandidate(needs, candidate), sqlScore: r.score, name: r.name, skills: r.skills, region: r.region, invitation: invitations.get(r.memberId) ?? null };
  });
}

async function invitationsTo(db: Tx, requestId: string, memberIds: string[]): Promise<Map<string, InvitationView["status"]>> {
  const rows = await db
    .select({ inviteeId: helpInvitations.inviteeId, status: helpInvitations.status })
    .from(helpInvitations)
    .where(and(eq(helpInvitations.requestId, requestId), inArray(helpInvitations.inviteeId, memberIds)));
  return new Map(rows.map((r) => [r.inviteeId, r.status]));
}

export interface MyInvitation {
  id: string;
  status: InvitationView["status"];
  request: HelpRequestSummary;
  note: string | null;
  createdAt: Date;
}

export async function listMyInvitations(db: Tx, viewer: Actor): Promise<MyInvitation[]> {
  if (!viewer.id) return [];
  const rows = await db
    .select({ ...summaryColumns, invitationId: helpInvitations.id, invitationStatus: helpInvitations.status, note: helpInvitations.note, invitedAt: helpInvitations.createdAt })
    .from(helpInvitations)
    .innerJoin(helpRequests, eq(helpRequests.id, helpInvitations.requestId))
    .leftJoin(users, eq(users.id, helpRequests.requesterId))
    .leftJoin(themes, eq(themes.id, helpRequests.themeId))
    .where(and(eq(helpInvitations.inviteeId, viewer.id), ne(helpInvitations.status, "withdrawn")))
    .orderBy(desc(helpInvitations.createdAt));
  return rows.map(({ invitationId, invitationStatus, note, invitedAt, ...request }) => ({
    id: invitationId,
    status: invitationStatus,
    note,
    createdAt: invitedAt,
    request: { ...request, requesterName: request.requesterName ?? "Former member" },
  }));
}

export async function skillLabels(db: Tx, slugs?: string[]): Promise<Map<string, string>> {
  const rows = await db.select({ slug: skills.slug, label: skills.label }).from(skills).where(slugs?.length ? inArray(skills.slug, slugs) : undefined);
  return new Map(rows.map((r) => [r.slug, r.label]));
}
