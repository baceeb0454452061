/** What the map page reads: the latest map version of a theme, its statements, and the viewer's place in it. */
import { and, asc, desc, eq, isNull, sql } from "drizzle-orm";
import type { Tx } from "@/db";
import { mapFindable, mapPoints, mapVersions, papers, paperVersions, statements, statementVotes, themes } from "@/db/schema";
import { loadPaperResource } from "@/lib/papers/resource";
import { assertCan } from "@/lib/auth/actor";
import { can, paperIsPublic, type Actor } from "@/lib/auth/permissions";
import { notFound } from "@/lib/errors";
import type { MapData } from "./recompute";
import { nextStatement } from "./routing";
import type { Point, VoteValue } from "./types";

/** The page draws at most this many other people's points; groups' hulls still use them all. */
export const MAX_DRAWN_POINTS = 1500;

export interface MapStatementView {
  id: string;
  body: string;
  agree: number;
  disagree: number;
  pass: number;
  perGroup: Record<string, { agree: number; disagree: number; pass: number }>;
  mine: VoteValue | null;
  hidden: boolean;
  /** The paper the statement is about, if any (its published title). */
  paper: { id: string; title: string } | null;
}

export interface MapPageView {
  theme: { id: string; slug: string; title: string };
  canVote: boolean;
  canWrite: boolean;
  canModerate: boolean;
  canExport: boolean;
  signedIn: boolean;
  version: { version: number; computedAt: Date; participantCount: number; voteCount: number; statementCount: number; explained: [number, number]; flagged: number } | null;
  groups: { key: string; name: string; colour: string; size: number }[];
  /** Others' points (sampled when many) and all points per group for the hulls. */
  points: { point: Point; group: string | null }[];
  hullPoints: Record<string, Point[]>;
  me: { point: Point; group: string | null; agreesWithEverything: boolean } | null;
  statements: MapStatementView[];
  repness: MapData["repness"];
  consensus: MapData["consensus"];
  next: { id: string; body: string } | null;
  votedCount: number;
  /** Votes the viewer cast before the map was last computed: under 7, they are not on it yet. */
  minVotes: number;
  findable: boolean;
}

export async function getThemeForMap(db: Tx, slug: string) {
  const [theme] = await db
    .select({ id: themes.id, slug: themes.slug, title: themes.title, archivedAt: themes.archivedAt, discussionPublic: themes.discussionPublic })
    .from(themes)
    .where(eq(themes.slug, slug));
  if (!theme) throw notFound("theme", "That theme could not be found.");
  return theme;
}

export async function getMapPage(db: Tx, actor: Actor, slug: string, opts: { skip?: string[] } = {}): Promise<MapPageView> {
  const theme = await getThemeForMap(db, slug);
  if (theme.archivedAt && !can(actor, "theme.view", theme)) throw notFound("theme", "That theme could not be found.");
  assertCan(actor, "map.view", theme);
  const [latest] = await db.select().from(mapVersions).where(eq(mapVersions.themeId, theme.id)).orderBy(desc(mapVersions.version)).limit(1);
  const moderator = can(actor, "statement.hide", { id: "", authorId: null, hiddenAt: null, theme });
  const data = (latest?.data ?? null) as MapData | null;
  const { views, visible, next, voted } = await loadStatementViews(db, actor, theme.id, data, { moderator, skip: opts.skip });

  let points: MapPageView["points"] = [];
  const hullPoints: Record<string, Point[]> = {};
  let me: MapPageView["me"] = null;
  if (latest) {
    const all = await db
      .select({ userId: mapPoints.userId, x: mapPoints.x, y: mapPoints.y, group: mapPoints.groupKey, all: mapPoints.agreesWithEverything })
      .from(mapPoints)
      .where(eq(mapPoints.mapVersionId, latest.id));
    const step = Math.max(1, Math.ceil(all.length / MAX_DRAWN_POINTS));
    all.forEach((p, i) => {
      if (p.userId === actor.id) me = { point: [p.x, p.y], group: p.group, agreesWithEverything: p.all };
      else if (i % step === 0) points.push({ point: [p.x, p.y], group: p.group });
      if (p.group) (hullPoints[p.group] ??= []).push([p.x, p.y]);
    });
  } else points = [];
  let findable = false;
  if (actor.id) {
    const [row] = await db.select({ userId: mapFindable.userId }).from(mapFindable).where(and(eq(mapFindable.themeId, theme.id), eq(mapFindable.userId, actor.id)));
    findable = Boolean(row);
  }
  const anyStatement = { id: "", authorId: null, hiddenAt: null, theme };
  return {
    theme: { id: theme.id, slug: theme.slug, title: theme.title },
    canVote: can(actor, "statement.vote", anyStatement),
    canWrite: can(actor, "statement.create", theme),
    canModerate: moderator,
    canExport: can(actor, "map.export", theme),
    signedIn: actor.id !== null,
    version: latest
      ? {
          version: latest.version,
          computedAt: latest.computedAt,
          participantCount: latest.participantCount,
          voteCount: latest.voteCount,
          statementCount: latest.statementCount,
          explained: data!.explained,
          flagged: data!.flagged,
        }
      : null,
    groups: data?.groups.map((g) => ({ key: g.key, name: g.name, colour: g.colour, size: g.size })) ?? [],
    points,
    hullPoints,
    me,
    statements: views,
    repness: data?.repness ?? [],
    consensus: data?.consensus ?? [],
    next,
    votedCount: voted,
    minVotes: Math.min(7, visible.length),
    findable,
  };
}

/**
 * A theme's statements as the viewer may see them (moderators also see hidden ones), or only those
 * about one paper, with live counts, per-group counts from the map, the viewer's votes and the
 * statement to show them next (priority routing, routing.ts).
 */
async function loadStatementViews(db: Tx, actor: Actor, themeId: string, data: MapData | null, opts: { moderator: boolean; skip?: string[]; paperId?: string }) {
  const conditions = [eq(statements.themeId, themeId)];
  if (!opts.moderator) conditions.push(isNull(statements.hiddenAt));
  if (opts.paperId) conditions.push(eq(statements.paperId, opts.paperId));
  const rows = await db
    .select({ id: statements.id, body: statements.body, hiddenAt: statements.hiddenAt, paperId: statements.paperId, paperTitle: paperVersions.title })
    .from(statements)
    .leftJoin(papers, eq(papers.id, statements.paperId))
    .leftJoin(paperVersions, and(eq(paperVersions.paperId, papers.id), eq(paperVersions.number, papers.publishedVersion)))
    .where(and(...conditions))
    .orderBy(asc(statements.createdAt), asc(statements.id));
  // Live counts (the map's are as of its last recompute), and the viewer's own votes.
  const counts = await db
    .select({ id: statementVotes.statementId, agree: sql<number>`count(*) filter (where value = 1)::int`, disagree: sql<number>`count(*) filter (where value = -1)::int`, pass: sql<number>`count(*) filter (where value = 0)::int` })
    .from(statementVotes)
    .where(eq(statementVotes.themeId, themeId))
    .groupBy(statementVotes.statementId);
  const countOf = new Map(counts.map((c) => [c.id, c]));
  const mine = new Map<string, VoteValue>();
  if (actor.id) {
    const own = await db.select({ id: statementVotes.statementId, value: statementVotes.value }).from(statementVotes).where(and(eq(statementVotes.themeId, themeId), eq(statementVotes.userId, actor.id)));
    for (const v of own) mine.set(v.id, v.value as VoteValue);
  }
  const mapStats = new Map((data?.statements ?? []).map((s) => [s.statement, s]));
  const axes = new Map((data?.axes ?? []).map((a) => [a.statement, a]));
  const views: MapStatementView[] = rows.map((r) => {
    const c = countOf.get(r.id);
    return {
      id: r.id,
      body: r.body,
      agree: c?.agree ?? 0,
      disagree: c?.disagree ?? 0,
      pass: c?.pass ?? 0,
      perGroup: mapStats.get(r.id)?.perGroup ?? {},
      mine: mine.get(r.id) ?? null,
      hidden: r.hiddenAt !== null,
      // A paper not (or no longer) published shows no title: the statement stays, unattributed.
      paper: r.paperId && r.paperTitle ? { id: r.paperId, title: r.paperTitle } : null,
    };
  });
  const visible = views.filter((v) => !v.hidden);
  const nextId = nextStatement(
    visible.map((v) => ({ id: v.id, votes: v.agree + v.disagree + v.pass, passes: v.pass, axis: axes.get(v.id) })),
    new Set(mine.keys()),
    new Set(opts.skip ?? []),
  );
  const next = nextId ? visible.find((v) => v.id === nextId)! : null;
  return { views, visible, next, voted: visible.filter((v) => v.mine !== null).length };
}

export interface PaperStatementsView {
  paper: { id: string; title: string };
  theme: { id: string; slug: string; title: string };
  canVote: boolean;
  canWrite: boolean;
  signedIn: boolean;
  groups: MapPageView["groups"];
  statements: MapStatementView[];
  next: { id: string; body: string } | null;
  votedCount: number;
}

/**
 * The statements about one paper: voted on like any of its theme's map (they are on that map),
 * shown beside the paper to those who may read both the paper and the theme's map.
 */
export async function getPaperStatements(db: Tx, actor: Actor, paperId: string, opts: { skip?: string[] } = {}): Promise<PaperStatementsView> {
  const paper = await loadPaperResource(db, paperId);
  assertCan(actor, "paper.view", paper);
  const [theme] = await db
    .select({ id: themes.id, slug: themes.slug, title: themes.title, archivedAt: themes.archivedAt, discussionPublic: themes.discussionPublic })
    .from(themes)
    .where(eq(themes.id, paper.theme.id));
  assertCan(actor, "map.view", theme!);
  const [published] = await db.select({ title: paperVersions.title }).from(paperVersions).where(and(eq(paperVersions.paperId, paperId), eq(paperVersions.number, paper.publishedVersion)));
  const [latest] = await db.select({ data: mapVersions.data }).from(mapVersions).where(eq(mapVersions.themeId, theme!.id)).orderBy(desc(mapVersions.version)).limit(1);
  const data = (latest?.data ?? null) as MapData | null;
  const { visible, next, voted } = await loadStatementViews(db, actor, theme!.id, data, { moderator: false, skip: opts.skip, paperId });
  const anyStatement = { id: "", authorId: null, hiddenAt: null, theme: theme! };
  return {
    paper: { id: paperId, title: published?.title ?? "This paper" },
    theme: { id: theme!.id, slug: theme!.slug, title: theme!.title },
    canVote: can(actor, "statement.vote", anyStatement),
    canWrite: can(actor, "statement.create", theme!) && paperIsPublic(paper),
    signedIn: actor.id !== null,
    groups: data?.groups.map((g) => ({ key: g.key, name: g.name, colour: g.colour, size: g.size })) ?? [],
    statements: visible,
    next,
    votedCount: voted,
  };
}
