import { and, asc, count, desc, eq, gt, isNull, sql, type SQL } from "drizzle-orm";
import type { Db } from "@/db";
import { callsForPapers, comments, paperReviews, paperVersions, papers, themes, users, type DocJson } from "@/db/schema";
import { assertCan, isSignedIn } from "@/lib/auth/actor";
import { can, type Actor, type PaperResource, type ThemeResource } from "@/lib/auth/permissions";
import { notFound } from "@/lib/errors";
import { readingMinutes, tocFromHtml, type TocEntry } from "./render";
import { isUuid, loadPaperResource } from "./resource";
import { renderFactChipsInHtml } from "@/lib/facts/cite";
import { publicNameSql } from "@/lib/auth/public-name";
import { paperIsPublicSql } from "@/lib/auth/visibility";
import { themeResourceColumns } from "@/lib/themes/resource";

/** The name a member chose to be shown by; a deleted account shows as a former member. */
const authorName = sql<string>`coalesce(${publicNameSql()}, 'A former member')`;
const visibleComments = (paperId: typeof papers.id) =>
  sql<number>`(select count(*)::int from ${comments} where ${comments.paperId} = ${paperId} and ${comments.deletedAt} is null and ${comments.hiddenAt} is null)`;

export type PaperStatus = PaperResource["status"];

export interface ThemeRef {
  id: string;
  slug: string;
  title: string;
  colour: string;
}

export type PaperReading =
  | { kind: "hidden"; paper: PaperResource; reason: string }
  | {
      kind: "version";
      paper: PaperResource;
      title: string;
      summary: string;
      html: string;
      toc: TocEntry[];
      number: number;
      latest: number;
      publishedAt: Date;
      wordCount: number;
      readingMinutes: number;
      author: string;
      theme: ThemeRef;
      hiddenReason: string | null;
    };

/**
 * What a reader sees at /papers/{id}: the published version (or an earlier one by number).
 * A hidden paper is a placeholder for everyone but its author, moderators, the council and admins.
 */
export async function getPaperForReading(db: Db, actor: Actor, paperId: string, versionNumber?: number): Promise<PaperReading> {
  const paper = await loadPaperResource(db, paperId);
  if (paper.publishedVersion === 0) throw notFound("paper", "That paper could not be found.");
  if (!can(actor, "paper.view", paper)) {
    if (paper.hiddenAt && paper.theme.archivedAt === null) {
      const [row] = await db.select({ reason: papers.hiddenReason }).from(papers).where(eq(papers.id, paperId));
      return { kind: "hidden", paper, reason: row?.reason ?? "" };
    }
    throw notFound("paper", "That paper could not be found.");
  }
  const number = versionNumber ?? paper.publishedVersion;
  const [row] = await db
    .select({
      title: paperVersions.title,
      summary: paperVersions.summary,
      html: paperVersions.html,
      wordCount: paperVersions.wordCount,
      createdAt: paperVersions.createdAt,
      author: authorName,
      hiddenReason: papers.hiddenReason,
      theme: { id: themes.id, slug: themes.slug, title: themes.title, colour: themes.colour },
    })
    .from(paperVersions)
    .innerJoin(papers, eq(papers.id, paperVersions.paperId))
    .innerJoin(themes, eq(themes.id, papers.themeId))
    .leftJoin(users, eq(users.id, papers.authorId))
    .where(and(eq(paperVersions.paperId, paperId), eq(paperVersions.number, number)));
  if (!row) throw notFound("paper", "There is no such version of this paper.");
  return {
    kind: "version",
    paper,
    title: row.title,
    summary: row.summary,
    // Fact chips are drawn now, not at publication, so a fact disputed since is flagged (no query when none is cited).
    html: await renderFactChipsInHtml(db, row.html),
    toc: tocFromHtml(row.html),
    number,
    latest: paper.publishedVersion,
    publishedAt: row.createdAt,
    wordCount: row.wordCount,
    readingMinutes: readingMinutes(row.wordCount),
    author: row.author,
    theme: row.theme,
    hiddenReason: paper.hiddenAt ? row.hiddenReason : null,
  };
}

export interface VersionSummary {
  number: number;
  title: string;
  wordCount: number;
  publishedAt: Date;
}

export async function listVersions(db: Db, actor: Actor, paperId: string): Promise<{ paper: PaperResource; title: string; versions: VersionSummary[] }> {
  const paper = await loadPaperResource(db, paperId);
  assertCan(actor, "paper.view", paper);
  const versions = await db
    .select({ number: paperVersions.number, title: paperVersions.title, wordCount: paperVersions.wordCount, publishedAt: paperVersions.createdAt })
    .from(paperVersions)
    .where(eq(paperVersions.paperId, paperId))
    .orderBy(desc(paperVersions.number));
  return { paper, title: versions[0]?.title ?? "", versions };
}

/** The plain text of one version, for diffs. */
export async function getVersionText(db: Db, actor: Actor, paperId: string, number: number): Promise<{ number: number; title: string; plainText: string; publishedAt: Date }> {
  const paper = await loadPaperResource(db, paperId);
  assertCan(actor, "paper.view", paper);
  const [row] = await db
    .select({ number: paperVersions.number, title: paperVersions.title, plainText: paperVersions.plainText, publishedAt: paperVersions.createdAt })
    .from(paperVersions)
    .where(and(eq(paperVersions.paperId, paperId), eq(paperVersions.number, number)));
  if (!row) throw notFound("paper", "There is no such version of this paper.");
  return row;
}

export interface ReviewEntry {
  decision: "accept" | "return" | "reject";
  reason: string;
  reviewer: string;
  createdAt: Date;
}

export interface WorkingCopy {
  paper: PaperResource;
  title: string;
  summary: string;
  content: DocJson;
  status: PaperStatus;
  updatedAt: Date;
  submittedAt: Date | null;
  author: string;
  authorId: string | null;
  theme: ThemeRef;
  call: { id: string; title: string } | null;
  hiddenReason: string | null;
  reviews: ReviewEntry[];
}

/** The working copy (draft, in review, returned, rejected) for its author and the council. */
export async function getWorkingCopy(db: Db, actor: Actor, paperId: string): Promise<WorkingCopy> {
  const paper = await loadPaperResource(db, paperId);
  if (!can(actor, "paper.viewDraft", paper)) throw notFound("paper", "That paper could not be found.");
  const [row] = await db
    .select({
      title: papers.title,
      summary: papers.summary,
      content: papers.content,
      status: papers.status,
      updatedAt: papers.updatedAt,
      submittedAt: papers.submittedAt,
      hiddenReason: papers.hiddenReason,
      author: authorName,
      authorId: papers.authorId,
      theme: { id: themes.id, slug: themes.slug, title: themes.title, colour: themes.colour },
      callId: callsForPapers.id,
      callTitle: callsForPapers.title,
    })
    .from(papers)
    .innerJoin(themes, eq(themes.id, papers.themeId))
    .leftJoin(users, eq(users.id, papers.authorId))
    .leftJoin(callsForPapers, eq(callsForPapers.id, papers.callId))
    .where(eq(papers.id, paperId));
  const reviews = await db
    .select({ decision: paperReviews.decision, reason: paperReviews.reason, reviewer: authorName, createdAt: paperReviews.createdAt })
    .from(paperReviews)
    .leftJoin(users, eq(users.id, paperReviews.reviewerId))
    .where(eq(paperReviews.paperId, paperId))
    .orderBy(desc(paperReviews.createdAt));
  const { callId, callTitle, ...rest } = row!;
  return { paper, ...rest, call: callId ? { id: callId, title: callTitle! } : null, reviews };
}

export interface MyPaper {
  id: string;
  title: string;
  status: PaperStatus;
  publishedVersion: number;
  updatedAt: Date;
  hidden: boolean;
  theme: { slug: string; title: string };
  lastDecision: { decision: "accept" | "return" | "reject"; reason: string; createdAt: Date } | null;
}

export async function listMyPapers(db: Db, actor: Actor): Promise<MyPaper[]> {
  if (!isSignedIn(actor)) return [];
  const lastReview = db
    .selectDistinctOn([paperReviews.paperId], { paperId: paperReviews.paperId, decision: paperReviews.decision, reason: paperReviews.reason, createdAt: paperReviews.createdAt })
    .from(paperReviews)
    .orderBy(paperReviews.paperId, desc(paperReviews.createdAt))
    .as("last_review");
  const rows = await db
    .select({
      id: papers.id,
      title: papers.title,
      status: papers.status,
      publishedVersion: papers.publishedVersion,
      updatedAt: papers.updatedAt,
      hiddenAt: papers.hiddenAt,
      theme: { slug: themes.slug, title: themes.title },
      decision: lastReview.decision,
      reason: lastReview.reason,
      decidedAt: lastReview.createdAt,
    })
    .from(papers)
    .innerJoin(themes, eq(themes.id, papers.themeId))
    .leftJoin(lastReview, eq(lastReview.paperId, papers.id))
    .where(eq(papers.authorId, actor.id))
    .orderBy(desc(papers.updatedAt));
  return rows.map(({ decision, reason, decidedAt, hiddenAt, ...r }) => ({
    ...r,
    hidden: !!hiddenAt,
    lastDecision: decision ? { decision, reason: reason!, createdAt: decidedAt! } : null,
  }));
}

export interface QueueEntry {
  id: string;
  title: string;
  summary: string;
  author: string;
  submittedAt: Date | null;
  publishedVersion: number;
  theme: { slug: string; title: string };
  callTitle: string | null;
}

/** Papers awaiting the council, oldest first so nobody waits longest. */
export async function listReviewQueue(db: Db, actor: Actor): Promise<QueueEntry[]> {
  assertCan(actor, "paper.reviewQueue", null);
  return db
    .select({
      id: papers.id,
      title: papers.title,
      summary: papers.summary,
      author: authorName,
      submittedAt: papers.submittedAt,
      publishedVersion: papers.publishedVersion,
      theme: { slug: themes.slug, title: themes.title },
      callTitle: callsForPapers.title,
    })
    .from(papers)
    .innerJoin(themes, eq(themes.id, papers.themeId))
    .leftJoin(users, eq(users.id, papers.authorId))
    .leftJoin(callsForPapers, eq(callsForPapers.id, papers.callId))
    .where(eq(papers.status, "submitted"))
    .orderBy(asc(papers.submittedAt));
}

export interface PaperCard {
  id: string;
  title: string;
  summary: string;
  author: string;
  publishedAt: Date;
  version: number;
  readingMinutes: number;
  comments: number;
  theme: ThemeRef;
}

export const THEME_PAPERS_PAGE_SIZE = 10;

const publicPaperWhere = paperIsPublicSql();

async function paperCards(db: Db, where: SQL | undefined, limit: number, offset: number): Promise<PaperCard[]> {
  const rows = await db
    .select({
      id: papers.id,
      title: paperVersions.title,
      summary: paperVersions.summary,
      author: authorName,
      publishedAt: paperVersions.createdAt,
      version: paperVersions.number,
      wordCount: paperVersions.wordCount,
      comments: visibleComments(papers.id),
      theme: { id: themes.id, slug: themes.slug, title: themes.title, colour: themes.colour },
    })
    .from(papers)
    .innerJoin(themes, eq(themes.id, papers.themeId))
    .innerJoin(paperVersions, and(eq(paperVersions.paperId, papers.id), eq(paperVersions.number, papers.publishedVersion)))
    .leftJoin(users, eq(users.id, papers.authorId))
    .where(where)
    .orderBy(desc(papers.publishedAt), desc(papers.id))
    .limit(limit)
    .offset(offset);
  return rows.map(({ wordCount, ...r }) => ({ ...r, readingMinutes: readingMinutes(wordCount) }));
}

/** A theme's published papers, newest first. */
export async function listThemePapers(db: Db, themeId: string, page: number): Promise<{ papers: PaperCard[]; total: number }> {
  if (!isUuid(themeId)) return { papers: [], total: 0 };
  const where = and(publicPaperWhere, eq(papers.themeId, themeId));
  const [cards, [total]] = await Promise.all([
    paperCards(db, where, THEME_PAPERS_PAGE_SIZE, (Math.max(1, page) - 1) * THEME_PAPERS_PAGE_SIZE),
    db.select({ n: count() }).from(papers).innerJoin(themes, eq(themes.id, papers.themeId)).where(where),
  ]);
  return { papers: cards, total: total?.n ?? 0 };
}

export async function listRecentPapers(db: Db, limit = 6): Promise<PaperCard[]> {
  return paperCards(db, publicPaperWhere, limit, 0);
}

export interface OpenCall {
  id: string;
  title: string;
  description: string;
  deadline: Date;
  theme: ThemeResource & { slug: string; title: string };
}

/** Calls still open: not closed and the deadline not yet passed. */
export async function listOpenCalls(db: Db, opts: { themeId?: string } = {}): Promise<OpenCall[]> {
  return db
    .select({
      id: callsForPapers.id,
      title: callsForPapers.title,
      description: callsForPapers.description,
      deadline: callsForPapers.deadline,
      theme: { ...themeResourceColumns, slug: themes.slug, title: themes.title },
    })
    .from(callsForPapers)
    .innerJoin(themes, eq(themes.id, callsForPapers.themeId))
    .where(and(isNull(callsForPapers.closedAt), gt(callsForPapers.deadline, sql`now()`), isNull(themes.archivedAt), opts.themeId ? eq(callsForPapers.themeId, opts.themeId) : undefined))
    .orderBy(asc(callsForPapers.deadline));
}

export async function getOpenCall(db: Db, callId: string): Promise<OpenCall | null> {
  if (!isUuid(callId)) return null;
  const calls = await db
    .select({ id: callsForPapers.id, themeId: callsForPapers.themeId })
    .from(callsForPapers)
    .where(eq(callsForPapers.id, callId));
  if (!calls[0]) return null;
  return (await listOpenCalls(db, { themeId: calls[0].themeId })).find((c) => c.id === callId) ?? null;
}

/** Whole days left before a deadline, rounded up: "3 days left". */
export function daysLeft(deadline: Date, now = new Date()): number {
  return Math.max(0, Math.ceil((deadline.getTime() - now.getTime()) / 86_400_000));
}
