import { and, asc, desc, eq, gte, inArray, ne, sql } from "drizzle-orm";
import type { Tx } from "@/db";
import { directoryProfiles, helpInvitations, helpRequests, skills, themes, users } from "@/db/schema";
import { assertCan } from "@/lib/auth/actor";
import { can, type Actor } from "@/lib/auth/permissions";
import { listedMember } from "@/lib/directory/queries";
import { memberNameSql, publicNameSql } from "@/lib/directory/public-name";
import { fieldVisibleSql, visibleValueSql } from "@/lib/directory/visibility";
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
 * The ranking query itself (also what the bench measures). The score reads the profile and the
 * member's load only, so the database ranks directory_profiles without joining 100,000 accounts:
 * it keeps the best `pool` with a top-N sort, and only those are checked against their account
 * (verified, not suspended) and named. Anyone eligible outside the pool scores no higher than the
 * pool's last, so when at least `limit` of the pool are eligible, the answer is exactly the full
 * ranking's; otherwise (many suspended or unverified among the best) the pool grows.
 */
export async function matchMembers(db: Tx, viewer: Actor, needs: Needs, opts: { limit?: number; now?: Date; requestId?: string; excludeId?: string | null; firstPool?: number } = {}): Promise<Match[]> {
  const limit = opts.limit ?? 20;
  const now = opts.now ?? new Date();
  const since = new Date(now.getTime() - FAIRNESS_WINDOW_DAYS * 86_400_000);
  const month = monthStart(now);
  const load = db
    .select({
      inviteeId: helpInvitations.inviteeId,
      committed: sql<number>`coalesce(sum(${helpInvitations.hoursCommitted}) filter (where ${helpInvitations.status} = 'yes' and ${helpInvitations.answeredAt} >= ${month}), 0)`.as("committed"),
      recent: sql<number>`count(*) filter (where ${helpInvitations.createdAt} >= ${since})`.as("recent"),
    })
    .from(helpInvitations)
    .where(gte(helpInvitations.createdAt, since < month ? since : month))
    .groupBy(helpInvitations.inviteeId)
    .as("load");
  const visibleSkills = visibleValueSql<string[]>("skills", viewer);
  const visibleRegion = visibleValueSql<string>("region", viewer);
  const visibleHours = visibleValueSql<number>("hours", viewer);
  const committed = sql<number>`coalesce(${load.committed}, 0)`;
  const recent = sql<number>`coalesce(${load.recent}, 0)`;
  const score = scoreSql(needs, { skills: visibleSkills, region: visibleRegion, hoursPerMonth: visibleHours, hoursCommitted: committed, recentInvitations: recent });
  const where = and(
    eq(directoryProfiles.listed, true),
    fieldVisibleSql("name", viewer),
    sql`(${fieldVisibleSql("skills", viewer)} and ${directoryProfiles.skills} && ${textArraySql(needs.skills)})`,
    opts.excludeId ? ne(directoryProfiles.userId, opts.excludeId) : undefined,
  );
  for (let pool = opts.firstPool ?? limit + 20; ; pool *= 4) {
    const ranked = await db
      .select({
        memberId: directoryProfiles.userId,
        skills: visibleSkills,
        region: visibleRegion,
        hoursPerMonth: visibleHours,
        hoursCommitted: committed.mapWith(Number),
        recentInvitations: recent.mapWith(Number),
        score: score.mapWith(Number),
      })
      .from(directoryProfiles)
      .leftJoin(load, eq(load.inviteeId, directoryProfiles.userId))
      .where(where)
      .orderBy(desc(score), asc(directoryProfiles.userId))
      .limit(pool);
    if (!ranked.length) return [];
    const ids = ranked.map((r) => r.memberId);
    const accounts = await db
      .select({ id: users.id, name: memberNameSql() })
      .from(users)
      .innerJoin(directoryProfiles, eq(directoryProfiles.userId, users.id))
      .where(and(inArray(users.id, ids), listedMember()));
    const nameOf = new Map(accounts.map((a) => [a.id, a.name]));
    const eligible = ranked.filter((r) => nameOf.has(r.memberId)).slice(0, limit);
    if (eligible.length < limit && ranked.length === pool) continue;
    const invitations = opts.requestId && eligible.length ? await invitationsTo(db, opts.requestId, eligible.map((r) => r.memberId)) : new Map<string, InvitationView["status"]>();
    return eligible.map((r) => {
      const candidate: Candidate = { memberId: r.memberId, skills: r.skills, region: r.region, hoursPerMonth: r.hoursPerMonth, hoursCommitted: r.hoursCommitted, recentInvitations: r.recentInvitations };
      return { ...scoreCandidate(needs, candidate), sqlScore: r.score, name: nameOf.get(r.memberId)!, skills: r.skills, region: r.region, invitation: invitations.get(r.memberId) ?? null };
    });
  }
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
