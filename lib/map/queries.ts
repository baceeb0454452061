/** What the map page reads: the latest map version of a theme, its statements, and the viewer's place in it. */
import { and, asc, desc, eq, isNull, sql } from "drizzle-orm";
import type { Tx } from "@/db";
import { mapFindable, mapPoints, mapVersions, statements, statementVotes, themes } from "@/db/schema";
import { assertCan } from "@/lib/auth/actor";
import { can, type Actor } from "@/lib/auth/permissions";
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
  const rows = await db
    .select({ id: statements.id, body: statements.body, hiddenAt: statements.hiddenAt, createdAt: statements.createdAt })
    .from(statements)
    .where(moderator ? eq(statements.themeId, theme.id) : and(eq(statements.themeId, theme.id), isNull(statements.hiddenAt)))
    .orderBy(asc(statements.createdAt), asc(statements.id));
  // Live counts (the map's are as of its last recompute), and the viewer's own votes.
  const counts = await db
    .select({ id: statementVotes.statementId, agree: sql<number>`count(*) filter (where value = 1)::int`, disagree: sql<number>`count(*) filter (where value = -1)::int`, pass: sql<number>`count(*) filter (where value = 0)::int` })
    .from(statementVotes)
    .where(eq(statementVotes.themeId, theme.id))
    .groupBy(statementVotes.statementId);
  const countOf = new Map(counts.map((c) => [c.id, c]));
  const mine = new Map<string, VoteValue>();
  if (actor.id) {
    const own = await db.select({ id: statementVotes.statementId, value: statementVotes.value }).from(statementVotes).where(and(eq(statementVotes.themeId, theme.id), eq(statementVotes.userId, actor.id)));
    for (const v of own) mine.set(v.id, v.value as VoteValue);
  }
  const data = (latest?.data ?? null) as MapData | null;
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
    };
  });
  const visible = views.filter((v) => !v.hidden);
  const nextId = nextStatement(
    visible.map((v) => ({ id: v.id, votes: v.agree + v.disagree + v.pass, passes: v.pass, axis: axes.get(v.id) })),
    new Set(mine.keys()),
    new Set(opts.skip ?? []),
  );
  const next = nextId ? visible.find((v) => v.id === nextId)! : null;

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
    votedCount: mine.size,
    minVotes: Math.min(7, visible.length),
    findable,
  };
}
