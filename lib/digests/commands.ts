/**
 * Thread digests: a curator folds a paper's thread into Digest vN (points under Consensus,
 * Controversy and Open questions, each citing the comments it comes from). v(N+1) starts as a copy
 * of vN's points; publishing notifies the paper's followers.
 */
import { and, asc, desc, eq, inArray, isNull, max, sql } from "drizzle-orm";
import type { Db, Tx } from "@/db";
import { comments, digestCitations, digestPoints, digests, papers, statements } from "@/db/schema";
import { assertCan } from "@/lib/auth/actor";
import type { Actor } from "@/lib/auth/permissions";
import type { DigestResource } from "@/lib/auth/rules/convergence";
import { AppError, notFound } from "@/lib/errors";
import { followersOf, notify } from "@/lib/following/notify";
import { isUuid, loadPaperResource } from "@/lib/papers/resource";
import type { DigestPointInput, EditDigestPointInput } from "@/lib/validation/convergence";

export async function loadDigest(db: Tx, digestId: string, lock = false): Promise<DigestResource & { version: number; paperId: string }> {
  if (!isUuid(digestId)) throw notFound("digest", "That digest could not be found.");
  const query = db.select({ id: digests.id, status: digests.status, version: digests.version, paperId: digests.paperId }).from(digests).where(eq(digests.id, digestId));
  const [row] = lock ? await query.for("update") : await query;
  if (!row) throw notFound("digest", "That digest could not be found.");
  return { ...row, paper: await loadPaperResource(db, row.paperId) };
}

/**
 * The curator's working draft of the next version: the existing draft, or a new v(N+1) holding a
 * copy of vN's points and citations (each remembering the point it came from, for the diff).
 */
export async function startDigest(db: Db, actor: Actor, paperId: string): Promise<{ id: string; version: number }> {
  return db.transaction(async (tx) => {
    const paper = await loadPaperResource(tx, paperId);
    assertCan(actor, "digest.edit", paper);
    // Serialise per paper so two curators opening the editor at once share one draft.
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`digest:${paper.id}`}))`);
    const [draft] = await tx.select({ id: digests.id, version: digests.version }).from(digests).where(and(eq(digests.paperId, paper.id), eq(digests.status, "draft")));
    if (draft) return draft;
    const [last] = await tx.select({ id: digests.id, version: digests.version }).from(digests).where(eq(digests.paperId, paper.id)).orderBy(desc(digests.version)).limit(1);
    const [created] = await tx.insert(digests).values({ paperId: paper.id, version: (last?.version ?? 0) + 1, authorId: actor.id }).returning({ id: digests.id, version: digests.version });
    if (last) {
      const points = await tx.select().from(digestPoints).where(eq(digestPoints.digestId, last.id)).orderBy(asc(digestPoints.position));
      for (const p of points) {
        const [copy] = await tx
          .insert(digestPoints)
          .values({ digestId: created!.id, section: p.section, position: p.position, body: p.body, evidenceStatementId: p.evidenceStatementId, carriedFromId: p.id })
          .returning({ id: digestPoints.id });
        const cited = await tx.select({ commentId: digestCitations.commentId, citedAt: digestCitations.citedAt }).from(digestCitations).where(eq(digestCitations.pointId, p.id));
        if (cited.length) await tx.insert(digestCitations).values(cited.map((c) => ({ pointId: copy!.id, commentId: c.commentId, citedAt: c.citedAt })));
      }
    }
    return created!;
  });
}

/** The cited comments must be live comments of this paper's thread, and the evidence a statement of its theme. */
async function checkSources(tx: Tx, paperId: string, themeId: string, input: Pick<DigestPointInput, "commentIds" | "evidenceStatementId" | "section">) {
  const ids = [...new Set(input.commentIds)];
  if (ids.length === 0) throw new AppError("invalid:digest", "Cite at least one comment from the thread: every point says where it comes from.", "commentIds");
  const found = await tx.select({ id: comments.id }).from(comments).where(and(inArray(comments.id, ids), eq(comments.paperId, paperId), isNull(comments.deletedAt), isNull(comments.hiddenAt)));
  if (found.length !== ids.length) throw new AppError("invalid:digest", "Cite only comments of this paper's thread that are still shown.", "commentIds");
  if (input.evidenceStatementId) {
    if (input.section !== "consensus") throw new AppError("invalid:digest", "Only a consensus point can show evidence from the agreement map.", "evidenceStatementId");
    const [s] = await tx.select({ id: statements.id }).from(statements).where(and(eq(statements.id, input.evidenceStatementId), eq(statements.themeId, themeId), isNull(statements.hiddenAt)));
    if (!s) throw new AppError("invalid:digest", "Choose a statement of this theme's agreement map.", "evidenceStatementId");
  }
  return ids;
}

async function draftFor(tx: Tx, actor: Actor, digestId: string) {
  const digest = await loadDigest(tx, digestId, true);
  assertCan(actor, "digest.edit", digest.paper);
  if (digest.status !== "draft") throw new AppError("conflict:digest", `Digest v${digest.version} is published and can no longer change: start v${digest.version + 1} instead.`);
  return digest;
}

export async function addDigestPoint(db: Db, actor: Actor, input: DigestPointInput): Promise<{ id: string }> {
  return db.transaction(async (tx) => {
    const digest = await draftFor(tx, actor, input.digestId);
    const ids = await checkSources(tx, digest.paperId, digest.paper.theme.id, input);
    const [{ next } = { next: 0 }] = await tx.select({ next: sql<number>`coalesce(${max(digestPoints.position)}, -1)::int + 1` }).from(digestPoints).where(eq(digestPoints.digestId, digest.id));
    const [point] = await tx
      .insert(digestPoints)
      .values({ digestId: digest.id, section: input.section, position: next, body: input.body, evidenceStatementId: input.evidenceStatementId })
      .returning({ id: digestPoints.id });
    await tx.insert(digestCitations).values(ids.map((commentId) => ({ pointId: point!.id, commentId })));
    return point!;
  });
}

async function pointOf(tx: Tx, pointId: string) {
  if (!isUuid(pointId)) throw notFound("digest", "That point could not be found.");
  const [row] = await tx.select({ id: digestPoints.id, digestId: digestPoints.digestId }).from(digestPoints).where(eq(digestPoints.id, pointId));
  if (!row) throw notFound("digest", "That point could not be found.");
  return row;
}

/** Rewrites a point and its sources; citations kept keep their date, new ones are dated now. */
export async function editDigestPoint(db: Db, actor: Actor, input: EditDigestPointInput): Promise<void> {
  await db.transaction(async (tx) => {
    const point = await pointOf(tx, input.pointId);
    const digest = await draftFor(tx, actor, point.digestId);
    const ids = await checkSources(tx, digest.paperId, digest.paper.theme.id, input);
    await tx.update(digestPoints).set({ section: input.section, body: input.body, evidenceStatementId: input.evidenceStatementId }).where(eq(digestPoints.id, point.id));
    const kept = await tx.select({ commentId: digestCitations.commentId }).from(digestCitations).where(eq(digestCitations.pointId, point.id));
    const keep = new Set(kept.map((k) => k.commentId));
    const gone = [...keep].filter((id) => !ids.includes(id));
    if (gone.length) await tx.delete(digestCitations).where(and(eq(digestCitations.pointId, point.id), inArray(digestCitations.commentId, gone)));
    const added = ids.filter((id) => !keep.has(id));
    if (added.length) await tx.insert(digestCitations).values(added.map((commentId) => ({ pointId: point.id, commentId })));
  });
}

export async function removeDigestPoint(db: Db, actor: Actor, pointId: string): Promise<void> {
  await db.transaction(async (tx) => {
    const point = await pointOf(tx, pointId);
    await draftFor(tx, actor, point.digestId);
    await tx.delete(digestPoints).where(eq(digestPoints.id, point.id));
  });
}

/** Publishes the draft as Digest vN and tells the paper's followers. A digest needs at least one point. */
export async function publishDigest(db: Db, actor: Actor, digestId: string): Promise<{ version: number; paperId: string }> {
  return db.transaction(async (tx) => {
    const digest = await draftFor(tx, actor, digestId);
    const [{ n } = { n: 0 }] = await tx.select({ n: sql<number>`count(*)::int` }).from(digestPoints).where(eq(digestPoints.digestId, digest.id));
    if (n === 0) throw new AppError("invalid:digest", "Add at least one point before publishing.");
    await tx.update(digests).set({ status: "published", publishedAt: new Date(), authorId: actor.id }).where(eq(digests.id, digest.id));
    const [paper] = await tx.select({ title: papers.title }).from(papers).where(eq(papers.id, digest.paperId));
    await notify(
      tx,
      await followersOf(tx, "paper", digest.paperId, actor.id),
      {
        kind: "digest_published",
        title: `Digest v${digest.version} of the discussion of “${paper!.title}”`,
        url: `/papers/${digest.paperId}/digests/${digest.version}`,
        text: "A curator has summed up the discussion so far: what it agrees on, where it divides, and the open questions.",
      },
      { actorId: actor.id },
    );
    return { version: digest.version, paperId: digest.paperId };
  });
}
