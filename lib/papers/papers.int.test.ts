import { and, eq } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";
import { closeDb, getDb } from "@/db";
import { auditLog, notifications, paperReviews, papers } from "@/db/schema";
import { loadActor } from "@/lib/auth/actor";
import { VISITOR } from "@/lib/auth/permissions";
import { isAppError } from "@/lib/errors";
import { createPerson, createTestPaper, createTestTheme } from "@/lib/testing/factories";
import type { DocJson } from "@/db/schema/papers";
import { closeCall, createCall, reviewPaper, saveDraft, setPaperHidden, submitPaper } from "./commands";
import { getPaperForReading, getWorkingCopy, listMyPapers, listOpenCalls, listReviewQueue, listThemePapers, listVersions } from "./queries";

const db = getDb();
afterAll(() => closeDb());

const body = (words: string): DocJson => ({ type: "doc", content: [{ type: "heading", attrs: { level: 2 }, content: [{ type: "text", text: "Argument" }] }, { type: "paragraph", content: [{ type: "text", text: words }] }] });
const LONG = Array.from({ length: 40 }, (_, i) => `word${i}`).join(" ");

async function errorKind(p: Promise<unknown>): Promise<string> {
  try {
    await p;
    return "ok";
  } catch (e) {
    if (isAppError(e)) return e.kind;
    throw e;
  }
}

async function setup() {
  const theme = await createTestTheme(db);
  const author = await loadActor(db, (await createPerson(db)).id);
  const council = await loadActor(db, (await createPerson(db, { roles: ["council"] })).id);
  const moderator = await loadActor(db, (await createPerson(db, { roles: ["moderator"] })).id);
  const member = await loadActor(db, (await createPerson(db)).id);
  return { theme, author, council, moderator, member };
}

describe("the life of a paper", () => {
  it("goes from draft to returned to resubmitted to published, with reasons, audit and notifications", async () => {
    const { theme, author, council, member } = await setup();
    const { id } = await saveDraft(db, author, { themeSlug: theme.slug, title: "Fund schools fairly", summary: "S", content: body(LONG) });
    expect((await getWorkingCopy(db, author, id)).status).toBe("draft");

    // Nobody but the author may submit it; the council cannot decide before submission.
    expect(await errorKind(submitPaper(db, member, id))).toBe("forbidden");
    expect(await errorKind(reviewPaper(db, council, { paperId: id, decision: "accept", reason: "" }))).toBe("forbidden");
    await submitPaper(db, author, id);
    expect((await listReviewQueue(db, council)).some((q) => q.id === id)).toBe(true);
    // While it is with the council the author cannot change it.
    expect(await errorKind(saveDraft(db, author, { paperId: id, title: "x", summary: "", content: body(LONG) }))).toBe("forbidden");

    await reviewPaper(db, council, { paperId: id, decision: "return", reason: "Please add the regional figures." });
    const returned = await getWorkingCopy(db, author, id);
    expect(returned.status).toBe("returned");
    expect(returned.reviews[0]).toMatchObject({ decision: "return", reason: "Please add the regional figures." });
    expect((await listMyPapers(db, author)).find((p) => p.id === id)?.lastDecision?.reason).toBe("Please add the regional figures.");
    const [notice] = await db.select().from(notifications).where(and(eq(notifications.userId, author.id!), eq(notifications.kind, "paper_decision")));
    expect(notice?.url).toBe(`/papers/${id}/edit`);

    await saveDraft(db, author, { paperId: id, title: "Fund schools fairly", summary: "S", content: body(`${LONG} with regional figures`) });
    await submitPaper(db, author, id);
    const { version } = await reviewPaper(db, council, { paperId: id, decision: "accept", reason: "" });
    expect(version).toBe(1);
    const reading = await getPaperForReading(db, VISITOR, id);
    expect(reading.kind === "version" && reading.html).toContain("regional figures");
    expect(reading.kind === "version" && reading.toc).toEqual([{ id: "h-argument", text: "Argument", level: 2 }]);
    expect((await listThemePapers(db, theme.id, 1)).papers.map((p) => p.id)).toEqual([id]);
    const audit = await db.select({ action: auditLog.action }).from(auditLog).where(eq(auditLog.targetId, id));
    expect(audit.map((a) => a.action).sort()).toEqual(["paper.accept", "paper.return"]);
  });

  it("keeps readers on version N while version N+1 is being revised and reviewed", async () => {
    const { theme, author, council } = await setup();
    const { id } = await saveDraft(db, author, { themeSlug: theme.slug, title: "Insulate every home", summary: "", content: body(`${LONG} first`) });
    await submitPaper(db, author, id);
    await reviewPaper(db, council, { paperId: id, decision: "accept", reason: "" });

    await saveDraft(db, author, { paperId: id, title: "Insulate every home", summary: "", content: body(`${LONG} second`) });
    expect((await getWorkingCopy(db, author, id)).status).toBe("draft");
    await submitPaper(db, author, id);
    let reading = await getPaperForReading(db, VISITOR, id);
    expect(reading.kind === "version" && reading.number).toBe(1);
    expect(reading.kind === "version" && reading.html).toContain("first");
    expect(reading.kind === "version" && reading.html).not.toContain("second");

    await reviewPaper(db, council, { paperId: id, decision: "accept", reason: "Good revision." });
    reading = await getPaperForReading(db, VISITOR, id);
    expect(reading.kind === "version" && reading.number).toBe(2);
    expect(reading.kind === "version" && reading.html).toContain("second");
    const older = await getPaperForReading(db, VISITOR, id, 1);
    expect(older.kind === "version" && older.html).toContain("first");
    expect((await listVersions(db, VISITOR, id)).versions.map((v) => v.number)).toEqual([2, 1]);
  });

  it("lets nobody decide on their own paper, and requires a reason to return or reject", async () => {
    const { theme, council } = await setup();
    const { id } = await saveDraft(db, council, { themeSlug: theme.slug, title: "The council's own paper", summary: "", content: body(LONG) });
    await submitPaper(db, council, id);
    expect(await errorKind(reviewPaper(db, council, { paperId: id, decision: "accept", reason: "" }))).toBe("forbidden");
    const other = await loadActor(db, (await createPerson(db, { roles: ["council"] })).id);
    expect(await errorKind(reviewPaper(db, other, { paperId: id, decision: "reject", reason: "no" }))).toBe("invalid");
    await reviewPaper(db, other, { paperId: id, decision: "reject", reason: "Outside the theme's remit entirely." });
    const copy = await getWorkingCopy(db, council, id);
    expect(copy.status).toBe("rejected");
    // A rejected paper cannot be edited or resubmitted.
    expect(await errorKind(submitPaper(db, council, id))).toBe("forbidden");
    const reviews = await db.select().from(paperReviews).where(eq(paperReviews.paperId, id));
    expect(reviews).toHaveLength(1);
  });

  it("refuses to submit a paper with no title or too few words", async () => {
    const { theme, author } = await setup();
    const { id } = await saveDraft(db, author, { themeSlug: theme.slug, title: "", summary: "", content: body("too short") });
    expect(await errorKind(submitPaper(db, author, id))).toBe("invalid");
    await saveDraft(db, author, { paperId: id, title: "A good title", summary: "", content: body("too short") });
    expect(await errorKind(submitPaper(db, author, id))).toBe("invalid");
  });

  it("keeps drafts private: only the author and the council see the working copy", async () => {
    const { theme, author, council, member, moderator } = await setup();
    const { id } = await saveDraft(db, author, { themeSlug: theme.slug, title: "Private draft", summary: "", content: body(LONG) });
    expect(await errorKind(getWorkingCopy(db, member, id))).toBe("not_found");
    expect(await errorKind(getWorkingCopy(db, moderator, id))).toBe("not_found");
    expect(await errorKind(getWorkingCopy(db, VISITOR, id))).toBe("not_found");
    expect((await getWorkingCopy(db, council, id)).title).toBe("Private draft");
    expect(await errorKind(getPaperForReading(db, VISITOR, id))).toBe("not_found");
    const registered = await loadActor(db, (await createPerson(db, { standing: "registered" })).id);
    expect(await errorKind(saveDraft(db, registered, { themeSlug: theme.slug, title: "x", summary: "", content: body(LONG) }))).toBe("forbidden");
  });
});

describe("hiding a paper", () => {
  it("shows members a placeholder with the reason and the full text to its author, moderators and the council", async () => {
    const { author, council, moderator, member } = await setup();
    const paper = await createTestPaper(db, { authorId: author.id });
    expect(await errorKind(setPaperHidden(db, member, paper.id, true, "No reason"))).toBe("forbidden");
    await setPaperHidden(db, moderator, paper.id, true, "Contains personal data about a named member.");
    for (const viewer of [member, VISITOR]) {
      const r = await getPaperForReading(db, viewer, paper.id);
      expect(r).toMatchObject({ kind: "hidden", reason: "Contains personal data about a named member." });
    }
    for (const viewer of [author, moderator, council]) {
      const r = await getPaperForReading(db, viewer, paper.id);
      expect(r.kind).toBe("version");
    }
    expect((await listThemePapers(db, paper.themeId, 1)).total).toBe(0);
    const [n] = await db.select().from(notifications).where(and(eq(notifications.userId, author.id!), eq(notifications.kind, "content_hidden")));
    expect(n?.title).toContain("hidden by a moderator");
    await setPaperHidden(db, moderator, paper.id, false, "Personal data removed by the author.");
    expect((await getPaperForReading(db, member, paper.id)).kind).toBe("version");
    const actions = await db.select({ action: auditLog.action, reason: auditLog.reason }).from(auditLog).where(eq(auditLog.targetId, paper.id));
    expect(actions.map((a) => a.action).sort()).toEqual(["paper.hide", "paper.restore"]);
    const [row] = await db.select({ hiddenAt: papers.hiddenAt }).from(papers).where(eq(papers.id, paper.id));
    expect(row?.hiddenAt).toBeNull();
  });
});

describe("calls for papers", () => {
  it("the council opens and closes a call; papers can answer an open call", async () => {
    const { theme, council, author, member } = await setup();
    const deadline = new Date(Date.now() + 10 * 86_400_000);
    expect(await errorKind(createCall(db, member, { themeId: theme.id, title: "Rural transport", description: "", deadline }))).toBe("forbidden");
    const call = await createCall(db, council, { themeId: theme.id, title: "Rural transport", description: "Buses", deadline });
    expect((await listOpenCalls(db, { themeId: theme.id })).map((c) => c.id)).toEqual([call.id]);
    const { id } = await saveDraft(db, author, { themeSlug: theme.slug, callId: call.id, title: "Buses first", summary: "", content: body(LONG) });
    expect((await getWorkingCopy(db, author, id)).call?.title).toBe("Rural transport");
    expect(await errorKind(closeCall(db, member, call.id))).toBe("forbidden");
    await closeCall(db, council, call.id, "Enough papers received.");
    expect(await listOpenCalls(db, { themeId: theme.id })).toEqual([]);
    expect(await errorKind(saveDraft(db, author, { themeSlug: theme.slug, callId: call.id, title: "Late", summary: "", content: body(LONG) }))).toBe("invalid");
  });
});
