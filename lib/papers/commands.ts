import { afterCommit, cacheTags } from "@/lib/cache/tags";
import { and, eq, gt, isNull } from "drizzle-orm";
import type { Db, Tx } from "@/db";
import { callsForPapers, paperReviews, paperVersions, papers, themes } from "@/db/schema";
import { assertCan } from "@/lib/auth/actor";
import type { Actor, ThemeResource } from "@/lib/auth/permissions";
import { recordAudit } from "@/lib/audit/record";
import { AppError, notFound } from "@/lib/errors";
import { notifyModeration, notifyPaperDecision, notifyPaperPublished, paperUrl } from "@/lib/following/notify";
import type { CallInput, ReviewInput, SaveDraftInput } from "@/lib/validation/papers";
import { renderPaper } from "./render";
import { recordCitations } from "@/lib/facts/cite";
import { isUuid, loadPaperResource } from "./resource";
import { themeResourceColumns } from "@/lib/themes/resource";
import { ensureResponse } from "@/lib/collab/documents";

/** Reads and locks the paper row so two decisions or saves cannot interleave. */
async function lockPaper(tx: Tx, paperId: string) {
  if (!isUuid(paperId)) throw notFound("paper", "That paper could not be found.");
  const [row] = await tx.select().from(papers).where(eq(papers.id, paperId)).for("update");
  if (!row) throw notFound("paper", "That paper could not be found.");
  return { row, resource: await loadPaperResource(tx, paperId) };
}

async function themeResource(tx: Tx, where: { id?: string; slug?: string }) {
  const cond = where.id ? (isUuid(where.id) ? eq(themes.id, where.id) : undefined) : where.slug ? eq(themes.slug, where.slug) : undefined;
  const [theme] = cond
    ? await tx.select({ ...themeResourceColumns, title: themes.title, slug: themes.slug }).from(themes).where(cond)
    : [];
  if (!theme) throw new AppError("not_found:theme", "Choose the theme this paper belongs to.", "themeSlug");
  return theme;
}

/**
 * Saves the author's working copy (autosave and explicit save). The first save creates the paper.
 * Editing a published paper starts a revision: readers keep the published version until the
 * council accepts the next one.
 */
export async function saveDraft(db: Db, actor: Actor, input: SaveDraftInput): Promise<{ id: string; savedAt: Date; created: boolean }> {
  return db.transaction(async (tx) => {
    const now = new Date();
    if (!input.paperId) {
      const theme = await themeResource(tx, { slug: input.themeSlug });
      assertCan(actor, "paper.create", theme as ThemeResource);
      if (input.callId) await assertCallOpen(tx, input.callId, theme.id);
      const [paper] = await tx
        .insert(papers)
        .values({ themeId: theme.id, authorId: actor.id, callId: input.callId ?? null, title: input.title, summary: input.summary, content: input.content, status: "draft", updatedAt: now })
        .returning({ id: papers.id });
      return { id: paper!.id, savedAt: now, created: true };
    }
    const { row, resource } = await lockPaper(tx, input.paperId);
    assertCan(actor, "paper.edit", resource);
    await tx
      .update(papers)
      .set({ title: input.title, summary: input.summary, content: input.content, updatedAt: now, ...(row.status === "published" ? { status: "draft" as const } : {}) })
      .where(eq(papers.id, row.id));
    return { id: row.id, savedAt: now, created: false };
  });
}

async function assertCallOpen(tx: Tx, callId: string, themeId: string) {
  const [call] = await tx
    .select({ id: callsForPapers.id })
    .from(callsForPapers)
    .where(and(eq(callsForPapers.id, callId), eq(callsForPapers.themeId, themeId), isNull(callsForPapers.closedAt), gt(callsForPapers.deadline, new Date())));
  if (!call) throw new AppError("invalid:call", "That call for papers is closed or belongs to another theme.", "callId");
}

const MIN_WORDS_TO_SUBMIT = 30;

/** The author sends the working copy to the council. */
export async function submitPaper(db: Db, actor: Actor, paperId: string): Promise<void> {
  await db.transaction(async (tx) => {
    const { row, resource } = await lockPaper(tx, paperId);
    assertCan(actor, "paper.submit", resource);
    if (row.title.trim().length < 5) throw new AppError("invalid:title", "Give the paper a title of at least 5 characters before you submit it.", "title");
    const { wordCount } = renderPaper(row.content);
    if (wordCount < MIN_WORDS_TO_SUBMIT) throw new AppError("invalid:content", `A paper needs at least ${MIN_WORDS_TO_SUBMIT} words before it goes to the council.`, "content");
    await tx.update(papers).set({ status: "submitted", submittedAt: new Date() }).where(eq(papers.id, row.id));
  });
}

/**
 * The council's decision. Accepting freezes the working copy as the next numbered version, so
 * readers move from version N to N+1 at this moment and not before.
 */
export async function reviewPaper(db: Db, actor: Actor, input: ReviewInput): Promise<{ version?: number }> {
  return afterCommit(db.transaction(async (tx) => {
    const { row, resource } = await lockPaper(tx, input.paperId);
    assertCan(actor, "paper.review", resource);
    const reason = input.reason.trim();
    if (input.decision !== "accept" && reason.length < 10) throw new AppError("invalid:reason", "Give the author a reason of at least 10 characters.", "reason");
    await tx.insert(paperReviews).values({ paperId: row.id, reviewerId: actor.id, decision: input.decision, reason });
    let version: number | undefined;
    if (input.decision === "accept") {
      version = row.publishedVersion + 1;
      const rendered = renderPaper(row.content);
      const now = new Date();
      await tx.insert(paperVersions).values({
        paperId: row.id,
        number: version,
        title: row.title,
        summary: row.summary,
        content: row.content,
        html: rendered.html,
        plainText: rendered.plainText,
        wordCount: rendered.wordCount,
        publishedBy: actor.id,
        createdAt: now,
      });
      await tx.update(papers).set({ status: "published", publishedVersion: version, publishedAt: now }).where(eq(papers.id, row.id));
      // Every published paper has its Response from the start, so reads never have to make one.
      await ensureResponse(tx, row.id);
      // The fact base lists where each fact is cited: the published text is what counts.
      await recordCitations(tx, { type: "paper", id: row.id }, { doc: row.content });
    } else {
      await tx.update(papers).set({ status: input.decision === "return" ? "returned" : "rejected" }).where(eq(papers.id, row.id));
    }
    await recordAudit(tx, {
      actorId: actor.id,
      action: `paper.${input.decision}`,
      targetType: "paper",
      targetId: row.id,
      reason: reason || null,
      details: { title: row.title, ...(version ? { version } : {}) },
    });
    await notifyPaperDecision(tx, { id: row.id, title: row.title, authorId: row.authorId }, input.decision, reason || "No note was given.", actor.id);
    if (version) {
      const [theme] = await tx.select({ title: themes.title }).from(themes).where(eq(themes.id, row.themeId));
      await notifyPaperPublished(tx, { id: row.id, title: row.title, themeId: row.themeId, themeTitle: theme!.title, authorId: row.authorId, version }, actor.id);
    }
    return { version };
  }), () => [cacheTags.paper(input.paperId), cacheTags.themeListings]);
}

/** A moderator hides or restores a paper; the reason is public in the moderation log and sent to the author. */
export async function setPaperHidden(db: Db, actor: Actor, paperId: string, hidden: boolean, reason: string): Promise<void> {
  await afterCommit(db.transaction(async (tx) => {
    const { row, resource } = await lockPaper(tx, paperId);
    assertCan(actor, hidden ? "paper.hide" : "paper.restore", resource);
    await tx
      .update(papers)
      .set(hidden ? { hiddenAt: new Date(), hiddenReason: reason } : { hiddenAt: null, hiddenReason: null })
      .where(eq(papers.id, row.id));
    await recordAudit(tx, { actorId: actor.id, action: hidden ? "paper.hide" : "paper.restore", targetType: "paper", targetId: row.id, reason, details: { title: row.title } });
    await notifyModeration(tx, { authorId: row.authorId, hidden, what: "paper", title: row.title, url: paperUrl(row.id), reason }, actor.id);
  }), () => [cacheTags.paper(paperId), cacheTags.themeListings]);
}

export async function createCall(db: Db, actor: Actor, input: CallInput): Promise<{ id: string }> {
  return db.transaction(async (tx) => {
    const theme = await themeResource(tx, { id: input.themeId }).catch(() => {
      throw new AppError("not_found:theme", "Choose a theme.", "themeId");
    });
    assertCan(actor, "call.create", theme);
    const [call] = await tx
      .insert(callsForPapers)
      .values({ themeId: theme.id, title: input.title, description: input.description, deadline: input.deadline, createdBy: actor.id })
      .returning({ id: callsForPapers.id });
    await recordAudit(tx, { actorId: actor.id, action: "call.create", targetType: "call", targetId: call!.id, details: { title: input.title, theme: theme.title, deadline: input.deadline.toISOString() } });
    return call!;
  });
}

export async function closeCall(db: Db, actor: Actor, callId: string, reason = ""): Promise<void> {
  await db.transaction(async (tx) => {
    if (!isUuid(callId)) throw notFound("call", "That call could not be found.");
    const [call] = await tx.select().from(callsForPapers).where(eq(callsForPapers.id, callId)).for("update");
    if (!call) throw notFound("call", "That call could not be found.");
    const theme = await themeResource(tx, { id: call.themeId });
    assertCan(actor, "call.close", theme);
    if (call.closedAt) return;
    await tx.update(callsForPapers).set({ closedAt: new Date() }).where(eq(callsForPapers.id, callId));
    await recordAudit(tx, { actorId: actor.id, action: "call.close", targetType: "call", targetId: callId, reason: reason || null, details: { title: call.title, theme: theme.title } });
  });
}
