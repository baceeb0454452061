/** What the digest pages read: a published version with its sources and its diff, the curator's draft, and which digest took in each comment. */
import { diffWords } from "diff";
import { and, asc, desc, eq, inArray, isNotNull, isNull, sql } from "drizzle-orm";
import type { Tx } from "@/db";
import { comments, digestCitations, digestPoints, digests, mapVersions, papers, statements, users } from "@/db/schema";
import { assertCan } from "@/lib/auth/actor";
import { publicNameSql } from "@/lib/auth/public-name";
import { can, type Actor } from "@/lib/auth/permissions";
import { excerpt } from "@/lib/discussion/markdown";
import { notFound } from "@/lib/errors";
import type { MapData } from "@/lib/map/recompute";
import { loadPaperResource } from "@/lib/papers/resource";
import { DIGEST_SECTIONS } from "@/lib/validation/convergence";

type Section = (typeof DIGEST_SECTIONS)[number];
/** The one rule for the name a member shows (lib/auth/public-name.ts). */
const publicName = publicNameSql();

export interface CitationView {
  commentId: string;
  excerpt: string;
  authorName: string | null;
  /** Why the curator should look again: the comment changed after it was cited. */
  flag: "edited" | "hidden" | "deleted" | null;
}

export interface EvidenceView {
  statement: string;
  groups: { name: string; colour: string; agree: number; votes: number }[];
}

export interface PointView {
  id: string;
  section: Section;
  body: string;
  citations: CitationView[];
  evidence: EvidenceView | null;
  evidenceStatementId: string | null;
  /** Against the previous version: new, reworded (with the word diff) or unchanged. */
  change: { kind: "added" } | { kind: "changed"; parts: { text: string; added?: boolean; removed?: boolean }[] } | { kind: "same" } | null;
}

export interface DigestView {
  id: string;
  version: number;
  status: "draft" | "published";
  publishedAt: Date | null;
  sections: { section: Section; points: PointView[] }[];
  /** Points of the previous version left out of this one. */
  removed: { section: Section; body: string }[];
  flagged: number;
}

async function pointsOf(db: Tx, digestId: string, themeId: string): Promise<Omit<PointView, "change">[]> {
  const points = await db.select().from(digestPoints).where(eq(digestPoints.digestId, digestId)).orderBy(asc(digestPoints.position));
  if (!points.length) return [];
  const cited = await db
    .select({
      pointId: digestCitations.pointId,
      commentId: comments.id,
      body: comments.body,
      citedAt: digestCitations.citedAt,
      editedAt: comments.editedAt,
      hiddenAt: comments.hiddenAt,
      deletedAt: comments.deletedAt,
      authorName: publicName,
    })
    .from(digestCitations)
    .innerJoin(comments, eq(comments.id, digestCitations.commentId))
    .leftJoin(users, eq(users.id, comments.authorId))
    .where(inArray(digestCitations.pointId, points.map((p) => p.id)))
    .orderBy(asc(comments.createdAt));
  const evidenceIds = points.map((p) => p.evidenceStatementId).filter((x): x is string => !!x);
  const evidence = new Map<string, EvidenceView>();
  if (evidenceIds.length) {
    const [latest] = await db.select({ data: mapVersions.data }).from(mapVersions).where(eq(mapVersions.themeId, themeId)).orderBy(desc(mapVersions.version)).limit(1);
    const bodies = await db.select({ id: statements.id, body: statements.body }).from(statements).where(inArray(statements.id, evidenceIds));
    const data = latest?.data as MapData | undefined;
    for (const s of bodies) {
      const stats = data?.statements.find((x) => x.statement === s.id);
      evidence.set(s.id, {
        statement: s.body,
        groups: (data?.groups ?? []).map((g) => {
          const c = stats?.perGroup[g.key] ?? { agree: 0, disagree: 0, pass: 0 };
          return { name: g.name, colour: g.colour, agree: c.agree, votes: c.agree + c.disagree + c.pass };
        }),
      });
    }
  }
  return points.map((p) => ({
    id: p.id,
    section: p.section,
    body: p.body,
    evidenceStatementId: p.evidenceStatementId,
    evidence: p.evidenceStatementId ? (evidence.get(p.evidenceStatementId) ?? null) : null,
    citations: cited
      .filter((c) => c.pointId === p.id)
      .map((c) => ({
        commentId: c.commentId,
        excerpt: c.deletedAt ? "(deleted)" : c.hiddenAt ? "(hidden by a moderator)" : excerpt(c.body, 140),
        authorName: c.deletedAt ? null : c.authorName,
        flag: c.deletedAt ? "deleted" : c.hiddenAt ? "hidden" : c.editedAt && c.editedAt > c.citedAt ? "edited" : null,
      })),
  }));
}

async function buildView(db: Tx, digest: { id: string; version: number; status: "draft" | "published"; publishedAt: Date | null; paperId: string }, themeId: string): Promise<DigestView> {
  const points = await pointsOf(db, digest.id, themeId);
  const [previous] =
    digest.version > 1
      ? await db.select({ id: digests.id }).from(digests).where(and(eq(digests.paperId, digest.paperId), eq(digests.version, digest.version - 1)))
      : [];
  const before = previous ? await db.select({ id: digestPoints.id, section: digestPoints.section, body: digestPoints.body }).from(digestPoints).where(eq(digestPoints.digestId, previous.id)).orderBy(asc(digestPoints.position)) : [];
  const carried = new Map((await db.select({ id: digestPoints.id, from: digestPoints.carriedFromId }).from(digestPoints).where(eq(digestPoints.digestId, digest.id))).map((p) => [p.id, p.from]));
  const views: PointView[] = points.map((p) => {
    if (!previous) return { ...p, change: null };
    const from = before.find((b) => b.id === carried.get(p.id));
    if (!from) return { ...p, change: { kind: "added" } };
    if (from.body === p.body && from.section === p.section) return { ...p, change: { kind: "same" } };
    return { ...p, change: { kind: "changed", parts: diffWords(from.body, p.body).map((d) => ({ text: d.value, added: d.added || undefined, removed: d.removed || undefined })) } };
  });
  const kept = new Set([...carried.values()].filter(Boolean));
  return {
    id: digest.id,
    version: digest.version,
    status: digest.status,
    publishedAt: digest.publishedAt,
    sections: DIGEST_SECTIONS.map((section) => ({ section, points: views.filter((v) => v.section === section) })),
    removed: before.filter((b) => !kept.has(b.id)).map((b) => ({ section: b.section, body: b.body })),
    flagged: views.reduce((n, v) => n + v.citations.filter((c) => c.flag).length, 0),
  };
}

export interface DigestPageView {
  paper: { id: string; title: string };
  versions: { version: number; publishedAt: Date | null; status: "draft" | "published" }[];
  digest: DigestView | null;
  canEdit: boolean;
}

/** A published version (the latest when none is named); drafts are listed to curators only. */
export async function getDigestPage(db: Tx, actor: Actor, paperId: string, version?: number): Promise<DigestPageView> {
  const paper = await loadPaperResource(db, paperId);
  assertCan(actor, "digest.view", { id: "", status: "published", paper });
  const [{ title } = { title: "" }] = await db.select({ title: papers.title }).from(papers).where(eq(papers.id, paper.id));
  const canEdit = can(actor, "digest.edit", paper);
  const all = await db.select().from(digests).where(eq(digests.paperId, paper.id)).orderBy(desc(digests.version));
  const visible = all.filter((d) => d.status === "published" || canEdit);
  const chosen = version === undefined ? visible.find((d) => d.status === "published") : visible.find((d) => d.version === version);
  if (version !== undefined && !chosen) throw notFound("digest", "That digest could not be found.");
  return {
    paper: { id: paper.id, title },
    versions: visible.map((d) => ({ version: d.version, publishedAt: d.publishedAt, status: d.status })),
    digest: chosen ? await buildView(db, chosen, paper.theme.id) : null,
    canEdit,
  };
}

export interface EditorComment {
  id: string;
  excerpt: string;
  authorName: string | null;
  createdAt: Date;
  /** Posted since the last published version and cited by none of the draft's points. */
  newSince: boolean;
  cited: boolean;
}

export interface DigestEditorView {
  paper: { id: string; title: string };
  draft: DigestView;
  comments: EditorComment[];
  statements: { id: string; body: string }[];
  sinceVersion: number | null;
}

/** The curator's draft, the thread's comments to cite (new and uncited ones first) and the map's statements for evidence. */
export async function getDigestEditor(db: Tx, actor: Actor, digestId: string): Promise<DigestEditorView> {
  const [row] = await db.select().from(digests).where(eq(digests.id, digestId));
  if (!row) throw notFound("digest", "That digest could not be found.");
  const paper = await loadPaperResource(db, row.paperId);
  assertCan(actor, "digest.edit", paper);
  const [{ title } = { title: "" }] = await db.select({ title: papers.title }).from(papers).where(eq(papers.id, paper.id));
  const draft = await buildView(db, row, paper.theme.id);
  const [last] = await db.select({ version: digests.version, at: digests.publishedAt }).from(digests).where(and(eq(digests.paperId, paper.id), isNotNull(digests.publishedAt))).orderBy(desc(digests.version)).limit(1);
  const citedIds = new Set(draft.sections.flatMap((s) => s.points.flatMap((p) => p.citations.map((c) => c.commentId))));
  const thread = await db
    .select({ id: comments.id, body: comments.body, createdAt: comments.createdAt, authorName: publicName })
    .from(comments)
    .leftJoin(users, eq(users.id, comments.authorId))
    .where(and(eq(comments.paperId, paper.id), isNull(comments.deletedAt), isNull(comments.hiddenAt)))
    .orderBy(desc(comments.createdAt))
    .limit(500);
  const list = thread.map((c) => ({
    id: c.id,
    excerpt: excerpt(c.body, 200),
    authorName: c.authorName,
    createdAt: c.createdAt,
    newSince: !citedIds.has(c.id) && (!last?.at || c.createdAt > last.at),
    cited: citedIds.has(c.id),
  }));
  list.sort((a, b) => Number(b.newSince) - Number(a.newSince));
  const theme = paper.theme.id;
  const mapStatements = await db.select({ id: statements.id, body: statements.body }).from(statements).where(and(eq(statements.themeId, theme), isNull(statements.hiddenAt))).orderBy(asc(statements.createdAt));
  return { paper: { id: paper.id, title }, draft, comments: list, statements: mapStatements, sinceVersion: last?.version ?? null };
}

/** For the thread: the latest published digest version citing each comment ("in Digest v2"). */
export async function digestVersionsCiting(db: Tx, paperId: string): Promise<Map<string, number>> {
  const rows = await db
    .select({ commentId: digestCitations.commentId, version: sql<number>`max(${digests.version})::int` })
    .from(digestCitations)
    .innerJoin(digestPoints, eq(digestPoints.id, digestCitations.pointId))
    .innerJoin(digests, eq(digests.id, digestPoints.digestId))
    .where(and(eq(digests.paperId, paperId), eq(digests.status, "published")))
    .groupBy(digestCitations.commentId);
  return new Map(rows.map((r) => [r.commentId, r.version]));
}

