import { and, eq } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";
import { closeDb, getDb } from "@/db";
import { comments, digestPoints, follows, notifications, statementVotes } from "@/db/schema";
import { loadActor } from "@/lib/auth/actor";
import { VISITOR } from "@/lib/auth/permissions";
import { isAppError } from "@/lib/errors";
import { recomputeMap } from "@/lib/map/recompute";
import { createStatement } from "@/lib/map/statements";
import { createPerson, createTestComment, createTestPaper, createTestTheme } from "@/lib/testing/factories";
import { digestPointSchema } from "@/lib/validation/convergence";
import { addDigestPoint, editDigestPoint, publishDigest, removeDigestPoint, startDigest } from "./commands";
import { digestVersionsCiting, getDigestEditor, getDigestPage } from "./queries";

const db = getDb();
afterAll(() => closeDb());
const kindOf = (e: unknown) => (isAppError(e) ? e.kind : e);

async function setting() {
  const theme = await createTestTheme(db);
  const paper = await createTestPaper(db, { themeId: theme.id });
  const curator = await loadActor(db, (await createPerson(db, { curates: [theme.id] })).id);
  const c1 = await createTestComment(db, { paperId: paper.id, body: "We all want shorter waits." });
  const c2 = await createTestComment(db, { paperId: paper.id, body: "Private capacity is the fastest fix." });
  const c3 = await createTestComment(db, { paperId: paper.id, body: "Private capacity drains staff from the NHS." });
  return { theme, paper, curator, c1, c2, c3 };
}

describe("thread digests", () => {
  it("refuses a point with no source, with a clear message, and stores nothing", async () => {
    const { paper, curator } = await setting();
    const { id } = await startDigest(db, curator, paper.id);
    const parsed = digestPointSchema.safeParse({ digestId: id, section: "consensus", body: "Everyone wants shorter waits" });
    expect(parsed.success).toBe(false);
    expect(parsed.error!.issues.find((i) => i.path[0] === "commentIds")!.message).toMatch(/Cite at least one comment/);
    const error = await addDigestPoint(db, curator, { digestId: id, section: "consensus", body: "Everyone wants shorter waits", commentIds: [], evidenceStatementId: null }).catch((e) => e);
    expect(kindOf(error)).toBe("invalid");
    expect(error.field).toBe("commentIds");
    // A comment of another thread is no source either.
    const other = await createTestComment(db, { paperId: (await createTestPaper(db)).id });
    expect(kindOf(await addDigestPoint(db, curator, { digestId: id, section: "consensus", body: "x x x", commentIds: [other.id], evidenceStatementId: null }).catch((e) => e))).toBe("invalid");
    expect(await db.select().from(digestPoints).where(eq(digestPoints.digestId, id))).toHaveLength(0);
  });

  it("gathers ticked comments from the form's cite-<id> fields", () => {
    const a = "6f0c3a5e-1d2b-4c3d-8e9f-0a1b2c3d4e5f";
    const parsed = digestPointSchema.parse({ digestId: a, section: "controversy", body: "Split on private capacity", [`cite-${a}`]: "on" });
    expect(parsed.commentIds).toEqual([a]);
  });

  it("publishes v1 and v2: v2 starts from v1, lists uncited new comments, shows the diff, notifies followers, and comments show their digest", async () => {
    const { paper, curator, c1, c2, c3 } = await setting();
    const follower = (await createPerson(db)).id;
    await db.insert(follows).values({ userId: follower, targetType: "paper", targetId: paper.id });
    expect(kindOf(await startDigest(db, await loadActor(db, (await createPerson(db)).id), paper.id).catch((e) => e))).toBe("forbidden");

    const v1 = await startDigest(db, curator, paper.id);
    expect(v1.version).toBe(1);
    expect(await startDigest(db, curator, paper.id)).toEqual(v1);
    await addDigestPoint(db, curator, { digestId: v1.id, section: "consensus", body: "Everyone wants shorter waits.", commentIds: [c1.id], evidenceStatementId: null });
    const split = await addDigestPoint(db, curator, { digestId: v1.id, section: "controversy", body: "Whether private capacity helps.", commentIds: [c2.id, c3.id], evidenceStatementId: null });
    // A draft is for curators only.
    expect((await getDigestPage(db, VISITOR, paper.id)).digest).toBeNull();
    await publishDigest(db, curator, v1.id);
    expect(kindOf(await addDigestPoint(db, curator, { digestId: v1.id, section: "consensus", body: "Late point", commentIds: [c1.id], evidenceStatementId: null }).catch((e) => e))).toBe("conflict");
    const [notice] = await db.select().from(notifications).where(and(eq(notifications.userId, follower), eq(notifications.kind, "digest_published")));
    expect(notice!.url).toBe(`/papers/${paper.id}/digests/1`);
    expect((await getDigestPage(db, VISITOR, paper.id)).digest!.version).toBe(1);
    expect((await digestVersionsCiting(db, paper.id)).get(c2.id)).toBe(1);

    const c4 = await createTestComment(db, { paperId: paper.id, body: "What about social care?" });
    const v2 = await startDigest(db, curator, paper.id);
    expect(v2.version).toBe(2);
    const editor = await getDigestEditor(db, curator, v2.id);
    expect(editor.draft.sections.flatMap((s) => s.points.map((p) => p.body))).toEqual(["Everyone wants shorter waits.", "Whether private capacity helps."]);
    expect(editor.comments.filter((c) => c.newSince).map((c) => c.id)).toEqual([c4.id]);
    const carried = editor.draft.sections.find((s) => s.section === "controversy")!.points[0]!;
    expect(carried.id).not.toBe(split.id);
    await editDigestPoint(db, curator, { pointId: carried.id, section: "controversy", body: "Whether private capacity helps or drains staff.", commentIds: [c2.id, c3.id], evidenceStatementId: null });
    const consensus = editor.draft.sections.find((s) => s.section === "consensus")!.points[0]!;
    await removeDigestPoint(db, curator, consensus.id);
    await addDigestPoint(db, curator, { digestId: v2.id, section: "open_question", body: "How social care fits in.", commentIds: [c4.id], evidenceStatementId: null });
    await publishDigest(db, curator, v2.id);

    const page = await getDigestPage(db, VISITOR, paper.id);
    expect(page.digest!.version).toBe(2);
    const points = page.digest!.sections.flatMap((s) => s.points);
    expect(points.find((p) => p.section === "open_question")!.change).toEqual({ kind: "added" });
    const changed = points.find((p) => p.section === "controversy")!.change!;
    expect(changed.kind).toBe("changed");
    expect(changed.kind === "changed" && changed.parts.some((p) => p.added && p.text.includes("drains"))).toBe(true);
    expect(page.digest!.removed).toEqual([{ section: "consensus", body: "Everyone wants shorter waits." }]);
    const cited = await digestVersionsCiting(db, paper.id);
    expect(cited.get(c2.id)).toBe(2);
    expect(cited.get(c4.id)).toBe(2);
    expect(cited.get(c1.id)).toBe(1);
  });

  it("flags a point whose cited comment is edited, hidden or deleted afterwards, for the curator", async () => {
    const { paper, curator, c1, c2, c3 } = await setting();
    const { id } = await startDigest(db, curator, paper.id);
    await addDigestPoint(db, curator, { digestId: id, section: "controversy", body: "Three views.", commentIds: [c1.id, c2.id, c3.id], evidenceStatementId: null });
    await publishDigest(db, curator, id);
    const later = new Date(Date.now() + 60_000);
    await db.update(comments).set({ editedAt: later }).where(eq(comments.id, c1.id));
    await db.update(comments).set({ hiddenAt: later, hiddenReason: "Test" }).where(eq(comments.id, c2.id));
    await db.update(comments).set({ deletedAt: later }).where(eq(comments.id, c3.id));
    const page = await getDigestPage(db, curator, paper.id);
    const flags = page.digest!.sections.flatMap((s) => s.points.flatMap((p) => p.citations.map((c) => c.flag)));
    expect(flags.sort()).toEqual(["deleted", "edited", "hidden"]);
    expect(page.digest!.flagged).toBe(3);
  });

  it("attaches map evidence to a consensus point only", async () => {
    const { theme, paper, curator, c1 } = await setting();
    const member = await loadActor(db, (await createPerson(db)).id);
    const { id: statementId } = await createStatement(db, member, { themeId: theme.id, body: "Waiting times matter most" });
    for (let i = 0; i < 3; i++) await db.insert(statementVotes).values({ statementId, userId: (await createPerson(db)).id, themeId: theme.id, value: 1 });
    await recomputeMap(db, theme.id);
    const { id } = await startDigest(db, curator, paper.id);
    expect(kindOf(await addDigestPoint(db, curator, { digestId: id, section: "controversy", body: "x y z", commentIds: [c1.id], evidenceStatementId: statementId }).catch((e) => e))).toBe("invalid");
    await addDigestPoint(db, curator, { digestId: id, section: "consensus", body: "Waits matter.", commentIds: [c1.id], evidenceStatementId: statementId });
    const editor = await getDigestEditor(db, curator, id);
    const point = editor.draft.sections.find((s) => s.section === "consensus")!.points[0]!;
    expect(point.evidence!.statement).toBe("Waiting times matter most");
  });
});
