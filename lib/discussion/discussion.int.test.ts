import { and, eq } from "drizzle-orm";
import { afterAll, describe, expect, it, vi } from "vitest";

// Count queries in this process (db/index.ts reads this when it makes the pool).
vi.hoisted(() => {
  process.env.SQL_QUERY_COUNT = "1";
});

import { closeDb, getDb, queryStats } from "@/db";
import { generateThread, insertThread } from "@/db/demo/discussion";
import { auditLog, commentRevisions, commentVotes, comments, notifications } from "@/db/schema";
import { loadActor } from "@/lib/auth/actor";
import { VISITOR } from "@/lib/auth/permissions";
import { findSimilar } from "@/lib/search/similar";
import { createPerson, createTestComment, createTestPaper, createTestTheme, uniqueSuffix } from "@/lib/testing/factories";
import { deleteComment, editComment, postComment, setCommentHidden, setUsefulVote } from "./commands";
import { getThread, TOP_LEVEL_PAGE_SIZE } from "./queries";
import { consumeCommentPoint, resetCommentLimit } from "./rate-limit";

const db = getDb();
afterAll(() => closeDb());

const member = async (spec: Parameters<typeof createPerson>[1] = {}) => loadActor(db, (await createPerson(db, spec)).id);
const post = (actor: Awaited<ReturnType<typeof member>>, paperId: string, body: string, parentId: string | null = null, quote: string | null = null) =>
  postComment(db, actor, { paperId, parentId, body, quote });

describe("posting", () => {
  it("nests replies three levels deep, renders Markdown, and tells the replied-to author", async () => {
    const paper = await createTestPaper(db);
    const ann = await member();
    const bob = await member();
    const top = await post(ann, paper.id, "Top *level*", null, "A paper made for a test.");
    const reply = await post(bob, paper.id, "A reply", top.id);
    const deeper = await post(ann, paper.id, "Deeper still", reply.id);
    const rows = await db.select().from(comments).where(eq(comments.paperId, paper.id));
    expect(rows.find((r) => r.id === top.id)).toMatchObject({ depth: 0, bodyHtml: "<p>Top <em>level</em></p>", quote: "A paper made for a test." });
    expect(rows.find((r) => r.id === reply.id)).toMatchObject({ depth: 1, parentId: top.id, quote: null });
    expect(rows.find((r) => r.id === deeper.id)).toMatchObject({ depth: 2, parentId: reply.id });
    const toAnn = await db.select().from(notifications).where(and(eq(notifications.userId, ann.id!), eq(notifications.kind, "comment_reply")));
    expect(toAnn).toHaveLength(1);
    expect(toAnn[0]!.url).toBe(`/papers/${paper.id}/c/${reply.id}`);
    const view = await getThread(db, VISITOR, paper.id);
    expect(view.total).toBe(3);
    expect(view.roots[0]!.replies[0]!.replies[0]!.id).toBe(deeper.id);
  });

  it("refuses visitors, unverified and suspended people, and replies across papers", async () => {
    const paper = await createTestPaper(db);
    const other = await createTestPaper(db);
    const foreign = await createTestComment(db, { paperId: other.id });
    await expect(postComment(db, VISITOR, { paperId: paper.id, parentId: null, body: "Hi", quote: null })).rejects.toMatchObject({ kind: "unauthenticated" });
    await expect(post(await member({ standing: "registered" }), paper.id, "Hi")).rejects.toMatchObject({ kind: "forbidden" });
    await expect(post(await member({ standing: "suspended" }), paper.id, "Hi")).rejects.toMatchObject({ kind: "forbidden" });
    await expect(post(await member(), paper.id, "Hi", foreign.id)).rejects.toMatchObject({ kind: "not_found" });
    const draft = await createTestPaper(db, { status: "submitted" });
    await expect(post(await member(), draft.id, "Hi")).rejects.toMatchObject({ kind: "forbidden" });
  });

  it("refuses a comment that renders to nothing", async () => {
    const paper = await createTestPaper(db);
    await expect(post(await member(), paper.id, "   ")).rejects.toMatchObject({ field: "body" });
  });

  it("limits how fast one member posts", async () => {
    const someone = `rate-${uniqueSuffix()}`;
    for (let i = 0; i < 10; i++) await consumeCommentPoint(someone);
    await expect(consumeCommentPoint(someone)).rejects.toMatchObject({ kind: "rate_limited" });
    await resetCommentLimit(someone);
    await expect(consumeCommentPoint(someone)).resolves.toBeUndefined();
  });
});

describe("useful votes", () => {
  it("toggles one vote per member, keeps the count exact, and reorders the thread", async () => {
    const paper = await createTestPaper(db);
    const older = await createTestComment(db, { paperId: paper.id });
    const younger = await createTestComment(db, { paperId: paper.id });
    await db.update(comments).set({ createdAt: new Date(Date.now() - 60_000) }).where(eq(comments.id, older.id));
    expect((await getThread(db, VISITOR, paper.id)).roots.map((r) => r.id)).toEqual([older.id, younger.id]);

    const voter = await member();
    expect(await setUsefulVote(db, voter, younger.id, true)).toMatchObject({ useful: true, usefulCount: 1 });
    expect(await setUsefulVote(db, voter, younger.id, true)).toMatchObject({ useful: true, usefulCount: 1 });
    const votes = await db.select().from(commentVotes).where(eq(commentVotes.commentId, younger.id));
    expect(votes).toHaveLength(1);
    const view = await getThread(db, voter, paper.id);
    expect(view.roots.map((r) => r.id)).toEqual([younger.id, older.id]);
    expect(view.roots[0]!.viewerFindsUseful).toBe(true);
    expect((await getThread(db, voter, paper.id, { sort: "newest" })).roots[0]!.id).toBe(younger.id);

    expect(await setUsefulVote(db, voter, younger.id, false)).toMatchObject({ useful: false, usefulCount: 0 });
    expect(await setUsefulVote(db, voter, younger.id, false)).toMatchObject({ useful: false, usefulCount: 0 });
  });

  it("does not let members vote for their own comments", async () => {
    const paper = await createTestPaper(db);
    const author = await member();
    const mine = await createTestComment(db, { paperId: paper.id, authorId: author.id });
    await expect(setUsefulVote(db, author, mine.id, true)).rejects.toMatchObject({ kind: "forbidden" });
    await expect(setUsefulVote(db, VISITOR, mine.id, true)).rejects.toMatchObject({ kind: "unauthenticated" });
  });
});

describe("editing and deleting", () => {
  it("keeps each earlier text as visible edit history", async () => {
    const paper = await createTestPaper(db);
    const author = await member();
    const { id } = await post(author, paper.id, "First text");
    await editComment(db, author, { commentId: id, body: "Second text" });
    await editComment(db, author, { commentId: id, body: "Third **text**" });
    const revs = await db.select().from(commentRevisions).where(eq(commentRevisions.commentId, id)).orderBy(commentRevisions.createdAt);
    expect(revs.map((r) => r.body)).toEqual(["First text", "Second text"]);
    const [node] = (await getThread(db, VISITOR, paper.id)).roots;
    expect(node!.bodyHtml).toBe("<p>Third <strong>text</strong></p>");
    expect(node!.editedAt).not.toBeNull();
    expect(node!.revisions.map((r) => r.html)).toEqual(["<p>First text</p>", "<p>Second text</p>"]);
    expect(node!.source).toBeNull();
    expect((await getThread(db, author, paper.id)).roots[0]!.source).toBe("Third **text**");
    await expect(editComment(db, await member(), { commentId: id, body: "Hijack" })).rejects.toMatchObject({ kind: "forbidden" });
  });

  it("deletes the text and its history but keeps the place and the replies", async () => {
    const paper = await createTestPaper(db);
    const author = await member();
    const { id } = await post(author, paper.id, "Regrettable");
    await editComment(db, author, { commentId: id, body: "Still regrettable" });
    const reply = await post(await member(), paper.id, "A reply that stays", id);
    await expect(deleteComment(db, await member(), id)).rejects.toMatchObject({ kind: "forbidden" });
    await deleteComment(db, author, id);
    const [row] = await db.select().from(comments).where(eq(comments.id, id));
    expect(row).toMatchObject({ body: "", bodyHtml: "" });
    expect(row!.deletedAt).not.toBeNull();
    expect(await db.select().from(commentRevisions).where(eq(commentRevisions.commentId, id))).toHaveLength(0);
    const [node] = (await getThread(db, VISITOR, paper.id)).roots;
    expect(node).toMatchObject({ id, deleted: true, bodyHtml: null, authorName: null, revisions: [] });
    expect(node!.replies.map((r) => r.id)).toEqual([reply.id]);
    expect(node!.replies[0]!.bodyHtml).toBe("<p>A reply that stays</p>");
    await expect(deleteComment(db, author, id)).rejects.toMatchObject({ kind: "forbidden" });
  });
});

describe("moderation", () => {
  it("hides with a reason (audited, author told), shows the text only to author and moderators, and restores", async () => {
    const paper = await createTestPaper(db);
    const author = await member();
    const moderator = await member({ roles: ["moderator"] });
    const { id } = await post(author, paper.id, "Something out of line");
    const reply = await post(await member(), paper.id, "A reply", id);
    await expect(setCommentHidden(db, await member(), { commentId: id, reason: "Not yours to hide" }, true)).rejects.toMatchObject({ kind: "forbidden" });
    await setCommentHidden(db, moderator, { commentId: id, reason: "Personal attack (rule 2)" }, true);

    const [entry] = await db.select().from(auditLog).where(and(eq(auditLog.targetId, id), eq(auditLog.action, "comment.hide")));
    expect(entry).toMatchObject({ actorId: moderator.id, targetType: "comment", reason: "Personal attack (rule 2)" });
    expect(entry!.details).toMatchObject({ title: paper.title, paperId: paper.id });
    const told = await db.select().from(notifications).where(and(eq(notifications.userId, author.id!), eq(notifications.kind, "content_hidden")));
    expect(told).toHaveLength(1);

    const asMember = (await getThread(db, await member(), paper.id)).roots[0]!;
    expect(asMember).toMatchObject({ bodyHtml: null, hidden: { reason: "Personal attack (rule 2)" } });
    expect(asMember.replies.map((r) => r.id)).toEqual([reply.id]);
    expect(asMember.may.reply).toBe(false);
    expect((await getThread(db, author, paper.id)).roots[0]!.bodyHtml).toBe("<p>Something out of line</p>");
    expect((await getThread(db, moderator, paper.id)).roots[0]!).toMatchObject({ bodyHtml: "<p>Something out of line</p>", may: { restore: true, hide: false } });

    await expect(setCommentHidden(db, moderator, { commentId: id, reason: "Again" }, true)).rejects.toMatchObject({ kind: "forbidden" });
    await setCommentHidden(db, moderator, { commentId: id, reason: "Context shows it was a quote" }, false);
    expect(await db.select().from(auditLog).where(and(eq(auditLog.targetId, id), eq(auditLog.action, "comment.restore")))).toHaveLength(1);
    expect(await db.select().from(notifications).where(and(eq(notifications.userId, author.id!), eq(notifications.kind, "content_restored")))).toHaveLength(1);
    expect((await getThread(db, VISITOR, paper.id)).roots[0]!).toMatchObject({ bodyHtml: "<p>Something out of line</p>", hidden: null });
  });
});

describe("reading the thread", () => {
  it("keeps members-only discussion from visitors and unverified accounts", async () => {
    const theme = await createTestTheme(db, { discussionPublic: false });
    const paper = await createTestPaper(db, { themeId: theme.id });
    await expect(getThread(db, VISITOR, paper.id)).rejects.toMatchObject({ kind: "unauthenticated" });
    await expect(getThread(db, await member({ standing: "registered" }), paper.id)).rejects.toMatchObject({ kind: "forbidden" });
    await expect(getThread(db, await member(), paper.id)).resolves.toMatchObject({ total: 0 });
  });

  it("pages the top level, 50 comments a page", async () => {
    const paper = await createTestPaper(db);
    const authors = [(await createPerson(db)).id, (await createPerson(db)).id];
    await insertThread(db, generateThread({ paperId: paper.id, authorIds: authors, count: 60, maxDepth: 0, seed: 1, start: new Date(Date.now() - 86_400_000) }));
    const first = await getThread(db, VISITOR, paper.id);
    expect(first).toMatchObject({ total: 60, topLevelTotal: 60, page: 1 });
    expect(first.roots).toHaveLength(TOP_LEVEL_PAGE_SIZE);
    expect((await getThread(db, VISITOR, paper.id, { page: "2" })).roots).toHaveLength(10);
    expect((await getThread(db, VISITOR, paper.id, { page: "99" })).page).toBe(2);
  });

  it("opens a permalink at the comment with the path above it", async () => {
    const paper = await createTestPaper(db);
    const a = await createTestComment(db, { paperId: paper.id });
    const b = await createTestComment(db, { paperId: paper.id, parentId: a.id, depth: 1 });
    const c = await createTestComment(db, { paperId: paper.id, parentId: b.id, depth: 2 });
    await createTestComment(db, { paperId: paper.id });
    const view = await getThread(db, VISITOR, paper.id, { focusCommentId: b.id });
    expect(view.focusId).toBe(b.id);
    expect(view.ancestors.map((x) => x.id)).toEqual([a.id]);
    expect(view.roots.map((x) => x.id)).toEqual([b.id]);
    expect(view.roots[0]!.replies.map((x) => x.id)).toEqual([c.id]);
    const other = await createTestPaper(db);
    await expect(getThread(db, VISITOR, other.id, { focusCommentId: b.id })).rejects.toMatchObject({ kind: "not_found" });
  });

  it("reads a thread in the same number of queries for 10 and for 500 comments", async () => {
    const authors = await Promise.all([1, 2, 3, 4].map(async () => (await createPerson(db)).id));
    const small = await createTestPaper(db);
    const large = await createTestPaper(db);
    const start = new Date(Date.now() - 7 * 86_400_000);
    await insertThread(db, generateThread({ paperId: small.id, authorIds: authors, count: 10, maxDepth: 9, seed: 3, start }));
    await insertThread(db, generateThread({ paperId: large.id, authorIds: authors, count: 500, maxDepth: 9, seed: 4, start }));
    // Some edited comments in both, so the edit-history query runs for both.
    for (const paperId of [small.id, large.id]) {
      const [c] = await db.select().from(comments).where(eq(comments.paperId, paperId)).limit(1);
      await db.insert(commentRevisions).values({ commentId: c!.id, body: "Earlier" });
      await db.update(comments).set({ editedAt: new Date() }).where(eq(comments.id, c!.id));
    }
    const viewer = await member();
    const count = async (paperId: string) => {
      const before = queryStats.count;
      const view = await getThread(db, viewer, paperId);
      return { queries: queryStats.count - before, total: view.total };
    };
    const s = await count(small.id);
    const l = await count(large.id);
    expect(s.total).toBe(10);
    expect(l.total).toBe(500);
    expect(s.queries).toBeGreaterThan(0);
    expect(l.queries).toBe(s.queries);
    expect(l.queries).toBeLessThanOrEqual(3);
  });
});

describe("already discussed here", () => {
  it("finds a comment through a misspelt word, same paper first, never hidden or members-only ones for visitors", async () => {
    const word = `infrastructure${uniqueSuffix().replace(/[0-9]/g, "").slice(0, 3)}`;
    const paper = await createTestPaper(db);
    const elsewhere = await createTestPaper(db);
    const here = await createTestComment(db, { paperId: paper.id, body: `We need ${word} investment in every region.` });
    const there = await createTestComment(db, { paperId: elsewhere.id, body: `Regional ${word} investment has stalled.` });
    const hidden = await createTestComment(db, { paperId: paper.id, body: `${word} hidden remark`, hidden: true });
    const closedTheme = await createTestTheme(db, { discussionPublic: false });
    const closedPaper = await createTestPaper(db, { themeId: closedTheme.id });
    const membersOnly = await createTestComment(db, { paperId: closedPaper.id, body: `${word} for members only` });

    const misspelt = word.replace("structure", "stucture");
    const found = await findSimilar(db, VISITOR, { q: misspelt, scope: "comments", paperId: paper.id });
    const ids = found.map((f) => f.id);
    expect(ids[0]).toBe(here.id);
    expect(ids).toContain(there.id);
    expect(ids).not.toContain(hidden.id);
    expect(ids).not.toContain(membersOnly.id);
    expect(found[0]).toMatchObject({ kind: "comment", samePaper: true, url: `/papers/${paper.id}/c/${here.id}` });

    const asMember = await findSimilar(db, await member(), { q: misspelt, scope: "comments", paperId: paper.id });
    expect(asMember.map((f) => f.id)).toContain(membersOnly.id);
  });

  it("finds papers by title words", async () => {
    const title = `Universal childcare ${uniqueSuffix()}`;
    const paper = await createTestPaper(db, { title });
    const hiddenPaper = await createTestPaper(db, { title: `${title} hidden`, hidden: true });
    const found = await findSimilar(db, VISITOR, { q: "universal childcare", scope: "papers" });
    expect(found.map((f) => f.id)).toContain(paper.id);
    expect(found.map((f) => f.id)).not.toContain(hiddenPaper.id);
    expect(found.every((f) => f.kind === "paper")).toBe(true);
  });
});
