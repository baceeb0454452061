import { aliasedTable, and, asc, count, desc, eq, inArray, sql } from "drizzle-orm";
import type { Db, Tx } from "@/db";
import { comments, disputeComments, disputes, factCitations, factReviews, factSources, factThemes, factVersions, facts, papers, themes, users, type FactSourceSnapshot, type SourceKind } from "@/db/schema";
import { assertCan } from "@/lib/auth/actor";
import { can, type Actor } from "@/lib/auth/permissions";
import { notFound } from "@/lib/errors";
import { formatFigure, renderFactChipsInMany } from "./cite";
import type { Hardness } from "./hardness";
import { isUuid, loadDisputeResource, loadFactResource } from "./resource";
import { hardnessOf } from "./score";
import { publicNameSql } from "@/lib/auth/public-name";
import { paperResourceColumns, toPaperResource } from "@/lib/papers/resource";

const nameOf = publicNameSql;

export interface FactSource {
  url: string;
  title: string;
  publisher: string;
  publishedOn: string | null;
  kind: SourceKind;
}

export interface DisputeView {
  id: string;
  status: "open" | "upheld" | "amended" | "retracted";
  factVersion: number;
  reason: string;
  counterSourceUrl: string | null;
  counterSourceTitle: string | null;
  openedBy: string | null;
  openedByName: string | null;
  createdAt: Date;
  resolutionReason: string | null;
  resolvedByName: string | null;
  resolvedAt: Date | null;
  comments: { id: string; parentId: string | null; authorName: string | null; bodyHtml: string; createdAt: Date }[];
}

export interface CitationView {
  type: "paper" | "response" | "synthesis" | "comment";
  label: string;
  href: string | null;
}

export interface FactDetail {
  id: string;
  statement: string;
  figure: string | null;
  figureValue: string | null;
  figureUnit: string | null;
  asOf: string | null;
  period: string | null;
  place: string | null;
  timeSensitive: boolean;
  status: "proposed" | "accepted" | "rejected" | "retracted";
  currentVersion: number;
  proposedBy: string | null;
  proposedByName: string | null;
  decidedByName: string | null;
  decidedAt: Date | null;
  decisionReason: string | null;
  createdAt: Date;
  themes: { id: string; slug: string; title: string }[];
  sources: FactSource[];
  versions: { number: number; statement: string; reason: string; authorName: string | null; createdAt: Date }[];
  disputes: DisputeView[];
  confirmations: number;
  viewerStance: "confirm" | "dispute" | null;
  hardness: Hardness;
  citations: CitationView[];
}

const proposer = aliasedTable(users, "proposer");
const decider = aliasedTable(users, "decider");

/** Everything the fact page shows, for this viewer. Hidden proposals read as not found. */
export async function getFactDetail(db: Db, actor: Actor, factId: string): Promise<FactDetail> {
  const resource = await loadFactResource(db, factId);
  if (!can(actor, "fact.view", resource)) throw notFound("fact", "That fact could not be found.");
  const [row] = await db
    .select({
      id: facts.id,
      statement: facts.statement,
      figureValue: facts.figureValue,
      figureUnit: facts.figureUnit,
      asOf: facts.asOf,
      period: facts.period,
      place: facts.place,
      timeSensitive: facts.timeSensitive,
      status: facts.status,
      currentVersion: facts.currentVersion,
      proposedBy: facts.proposedBy,
      proposedByName: nameOf(proposer),
      decidedByName: nameOf(decider),
      decidedAt: facts.decidedAt,
      decisionReason: facts.decisionReason,
      createdAt: facts.createdAt,
    })
    .from(facts)
    .leftJoin(proposer, eq(proposer.id, facts.proposedBy))
    .leftJoin(decider, eq(decider.id, facts.decidedBy))
    .where(eq(facts.id, factId));
  const fact = row!;
  const opener = aliasedTable(users, "opener");
  const resolver = aliasedTable(users, "resolver");
  const author = aliasedTable(users, "author");
  const [themeRows, sources, versions, disputeRows, commentRows, reviewCounts, viewerReview, hardness, citations] = await Promise.all([
    db
      .select({ id: themes.id, slug: themes.slug, title: themes.title })
      .from(factThemes)
      .innerJoin(themes, eq(themes.id, factThemes.themeId))
      .where(eq(factThemes.factId, factId))
      .orderBy(asc(themes.position)),
    db
      .select({ url: factSources.url, title: factSources.title, publisher: factSources.publisher, publishedOn: factSources.publishedOn, kind: factSources.kind })
      .from(factSources)
      .where(eq(factSources.factId, factId))
      .orderBy(asc(factSources.position)),
    db
      .select({ number: factVersions.number, statement: factVersions.statement, reason: factVersions.reason, authorName: nameOf(author), createdAt: factVersions.createdAt })
      .from(factVersions)
      .leftJoin(author, eq(author.id, factVersions.authorId))
      .where(eq(factVersions.factId, factId))
      .orderBy(desc(factVersions.number)),
    db
      .select({
        id: disputes.id,
        status: disputes.status,
        factVersion: disputes.factVersion,
        reason: disputes.reason,
        counterSourceUrl: disputes.counterSourceUrl,
        counterSourceTitle: disputes.counterSourceTitle,
        openedBy: disputes.openedBy,
        openedByName: nameOf(opener),
        createdAt: disputes.createdAt,
        resolutionReason: disputes.resolutionReason,
        resolvedByName: nameOf(resolver),
        resolvedAt: disputes.resolvedAt,
      })
      .from(disputes)
      .leftJoin(opener, eq(opener.id, disputes.openedBy))
      .leftJoin(resolver, eq(resolver.id, disputes.resolvedBy))
      .where(eq(disputes.factId, factId))
      .orderBy(sql`${disputes.status} = 'open' desc`, desc(disputes.createdAt)),
    db
      .select({ id: disputeComments.id, disputeId: disputeComments.disputeId, parentId: disputeComments.parentId, authorName: nameOf(author), bodyHtml: disputeComments.bodyHtml, createdAt: disputeComments.createdAt })
      .from(disputeComments)
      .innerJoin(disputes, eq(disputes.id, disputeComments.disputeId))
      .leftJoin(author, eq(author.id, disputeComments.authorId))
      .where(eq(disputes.factId, factId))
      .orderBy(asc(disputeComments.createdAt)),
    db
      .select({ n: count() })
      .from(factReviews)
      .innerJoin(facts, eq(facts.id, factReviews.factId))
      .where(and(eq(factReviews.factId, factId), eq(factReviews.stance, "confirm"), sql`${factReviews.factVersion} = ${facts.currentVersion}`)),
    actor.id
      ? db.select({ stance: factReviews.stance }).from(factReviews).where(and(eq(factReviews.factId, factId), eq(factReviews.reviewerId, actor.id)))
      : Promise.resolve([]),
    hardnessOf(db, factId),
    listCitations(db, actor, factId),
  ]);
  const rendered = await renderFactChipsInMany(db, commentRows.map((c) => c.bodyHtml));
  const withHtml = commentRows.map((c, i) => ({ ...c, bodyHtml: rendered[i]! }));
  return {
    ...fact,
    figure: formatFigure(fact.figureValue, fact.figureUnit),
    themes: themeRows,
    sources,
    versions,
    disputes: disputeRows.map((d) => ({
      ...d,
      comments: withHtml.filter((c) => c.disputeId === d.id).map(({ disputeId: _d, ...c }) => c),
    })),
    confirmations: reviewCounts[0]?.n ?? 0,
    viewerStance: viewerReview[0]?.stance ?? null,
    hardness,
    citations,
  };
}

export interface FactVersionView {
  number: number;
  statement: string;
  figure: string | null;
  asOf: string | null;
  period: string | null;
  place: string | null;
  sources: FactSourceSnapshot[];
  reason: string;
  authorName: string | null;
  createdAt: Date;
  latest: number;
}

export async function getFactVersion(db: Db, actor: Actor, factId: string, number: number): Promise<FactVersionView> {
  const resource = await loadFactResource(db, factId);
  if (!can(actor, "fact.view", resource)) throw notFound("fact", "That fact could not be found.");
  const author = aliasedTable(users, "author");
  const [v] = await db
    .select({
      number: factVersions.number,
      statement: factVersions.statement,
      figureValue: factVersions.figureValue,
      figureUnit: factVersions.figureUnit,
      asOf: factVersions.asOf,
      period: factVersions.period,
      place: factVersions.place,
      sources: factVersions.sources,
      reason: factVersions.reason,
      authorName: nameOf(author),
      createdAt: factVersions.createdAt,
      latest: facts.currentVersion,
    })
    .from(factVersions)
    .innerJoin(facts, eq(facts.id, factVersions.factId))
    .leftJoin(author, eq(author.id, factVersions.authorId))
    .where(and(eq(factVersions.factId, factId), eq(factVersions.number, number)));
  if (!v) throw notFound("fact_version", "That version does not exist.");
  const { figureValue, figureUnit, ...rest } = v;
  return { ...rest, figure: formatFigure(figureValue, figureUnit) };
}

/** Where a fact is cited, as far as this viewer may see: published papers and visible comments. */
export async function listCitations(db: Tx, actor: Actor, factId: string): Promise<CitationView[]> {
  const rows = await db
    .select({ type: factCitations.sourceType, sourceId: factCitations.sourceId })
    .from(factCitations)
    .where(eq(factCitations.factId, factId))
    .orderBy(asc(factCitations.createdAt));
  const paperIds = rows.filter((r) => r.type === "paper").map((r) => r.sourceId);
  const commentIds = rows.filter((r) => r.type === "comment").map((r) => r.sourceId);
  const [paperRows, commentRows] = await Promise.all([
    paperIds.length
      ? db
          .select({ ...paperResourceColumns, title: papers.title })
          .from(papers)
          .innerJoin(themes, eq(themes.id, papers.themeId))
          .where(inArray(papers.id, paperIds))
      : [],
    commentIds.length
      ? db
          .select({ ...paperResourceColumns, commentId: comments.id, title: papers.title, commentHiddenAt: comments.hiddenAt, deletedAt: comments.deletedAt })
          .from(comments)
          .innerJoin(papers, eq(papers.id, comments.paperId))
          .innerJoin(themes, eq(themes.id, papers.themeId))
          .where(inArray(comments.id, commentIds))
      : [],
  ]);
  const out: CitationView[] = [];
  for (const r of rows) {
    if (r.type === "paper") {
      const p = paperRows.find((x) => x.id === r.sourceId);
      if (p && can(actor, "paper.view", toPaperResource(p))) out.push({ type: "paper", label: `Paper: ${p.title}`, href: `/papers/${p.id}` });
    } else if (r.type === "comment") {
      const c = commentRows.find((x) => x.commentId === r.sourceId);
      if (!c || c.commentHiddenAt || c.deletedAt) continue;
      if (can(actor, "comment.view", toPaperResource(c))) out.push({ type: "comment", label: `A comment on “${c.title}”`, href: `/papers/${c.id}/c/${c.commentId}` });
    } else {
      // Responses and syntheses are linked once their pages exist (issue 3 and later).
      out.push({ type: r.type, label: r.type === "response" ? "A response" : "A theme synthesis", href: null });
    }
  }
  return out;
}

export interface QueueFact {
  id: string;
  statement: string;
  figure: string | null;
  proposedByName: string | null;
  createdAt: Date;
  sourceCount: number;
  hardness: number;
  ownProposal: boolean;
}
export interface QueueDispute {
  id: string;
  factId: string;
  statement: string;
  reason: string;
  openedByName: string | null;
  createdAt: Date;
}

/** What waits for a fact editor: proposals and open disputes, oldest first. */
export async function listReviewQueue(db: Db, actor: Actor): Promise<{ proposals: QueueFact[]; disputes: QueueDispute[] }> {
  assertCan(actor, "fact.reviewQueue", null);
  const opener = aliasedTable(users, "opener");
  const [proposalRows, disputeRows] = await Promise.all([
    db
      .select({
        id: facts.id,
        statement: facts.statement,
        figureValue: facts.figureValue,
        figureUnit: facts.figureUnit,
        proposedBy: facts.proposedBy,
        proposedByName: nameOf(proposer),
        createdAt: facts.createdAt,
        hardness: facts.hardness,
        sourceCount: sql<number>`(select count(*)::int from fact_sources s where s.fact_id = "facts"."id")`,
      })
      .from(facts)
      .leftJoin(proposer, eq(proposer.id, facts.proposedBy))
      .where(eq(facts.status, "proposed"))
      .orderBy(asc(facts.createdAt))
      .limit(200),
    db
      .select({ id: disputes.id, factId: disputes.factId, statement: facts.statement, reason: disputes.reason, openedByName: nameOf(opener), createdAt: disputes.createdAt })
      .from(disputes)
      .innerJoin(facts, eq(facts.id, disputes.factId))
      .leftJoin(opener, eq(opener.id, disputes.openedBy))
      .where(and(eq(disputes.status, "open"), eq(facts.status, "accepted")))
      .orderBy(asc(disputes.createdAt))
      .limit(200),
  ]);
  return {
    proposals: proposalRows.map(({ figureValue, figureUnit, proposedBy, ...p }) => ({ ...p, figure: formatFigure(figureValue, figureUnit), ownProposal: proposedBy === actor.id })),
    disputes: disputeRows,
  };
}

/** The fields of a fact as its amend form needs them. */
export async function getFactForEditing(db: Db, actor: Actor, factId: string) {
  const detail = await getFactDetail(db, actor, factId);
  return {
    id: detail.id,
    status: detail.status,
    statement: detail.statement,
    figureValue: detail.figureValue,
    figureUnit: detail.figureUnit,
    asOf: detail.asOf,
    period: detail.period,
    place: detail.place,
    timeSensitive: detail.timeSensitive,
    themeIds: detail.themes.map((t) => t.id),
    sources: detail.sources,
    openDisputes: detail.disputes.filter((d) => d.status === "open").map((d) => ({ id: d.id, reason: d.reason, openedBy: d.openedBy })),
  };
}

export const isFactId = isUuid;

/** One dispute as its fact's readers see it (used by the amend page to show what is being answered). */
export async function getDispute(db: Db, actor: Actor, disputeId: string): Promise<{ id: string; factId: string; status: DisputeView["status"]; reason: string; openedBy: string | null }> {
  const dispute = await loadDisputeResource(db, disputeId);
  if (!can(actor, "dispute.view", dispute)) throw notFound("dispute", "That dispute could not be found.");
  const [row] = await db.select({ id: disputes.id, factId: disputes.factId, status: disputes.status, reason: disputes.reason, openedBy: disputes.openedBy }).from(disputes).where(eq(disputes.id, disputeId));
  return row!;
}
