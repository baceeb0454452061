import { afterAll, describe, expect, it } from "vitest";
import { closeDb, getDb } from "@/db";
import { auditLog } from "@/db/schema";
import { VISITOR } from "@/lib/auth/permissions";
import { createPerson, createTestComment, createTestPaper, uniqueSuffix } from "@/lib/testing/factories";
import { recordAudit } from "./record";
import { listAuditLog } from "./queries";

const db = getDb();
afterAll(() => closeDb());

describe("moderation log", () => {
  it("filters by paper, comment and call, and links each entry to its target", async () => {
    const moderator = await createPerson(db, { roles: ["moderator"] });
    const paper = await createTestPaper(db);
    const comment = await createTestComment(db, { paperId: paper.id });
    const other = await createTestComment(db, { paperId: paper.id });
    const reason = `Reason ${uniqueSuffix()}`;
    await recordAudit(db, { actorId: moderator.id, action: "paper.hide", targetType: "paper", targetId: paper.id, reason, details: { title: paper.title } });
    // One comment entry carries its paper in details (as the discussion commands write it), one does not.
    await recordAudit(db, { actorId: moderator.id, action: "comment.hide", targetType: "comment", targetId: comment.id, reason, details: { paperId: paper.id, title: "a comment" } });
    await recordAudit(db, { actorId: moderator.id, action: "comment.restore", targetType: "comment", targetId: other.id, reason });
    await recordAudit(db, { actorId: moderator.id, action: "call.create", targetType: "call", targetId: paper.themeId, reason, details: { title: "Call", themeSlug: "health" } });

    const comments = await listAuditLog(db, VISITOR, { kind: "comment", page: 1 });
    expect(comments.rows.every((r) => r.action.startsWith("comment."))).toBe(true);
    const mine = comments.rows.filter((r) => r.reason === reason);
    expect(mine.map((r) => [r.action, r.targetHref])).toEqual([
      ["comment.restore", `/papers/${paper.id}/c/${other.id}`],
      ["comment.hide", `/papers/${paper.id}/c/${comment.id}`],
    ]);
    expect(mine[0]!.actorName).toBe(moderator.displayName);

    const papers = await listAuditLog(db, VISITOR, { kind: "paper", page: 1 });
    expect(papers.rows.find((r) => r.reason === reason)?.targetHref).toBe(`/papers/${paper.id}`);
    const calls = await listAuditLog(db, VISITOR, { kind: "call", page: 1 });
    expect(calls.rows.find((r) => r.reason === reason)).toMatchObject({ action: "call.create", targetHref: "/themes/health" });
  });

  it("filters by a range of days and survives target ids that are not uuids", async () => {
    // A day no other test writes to: the rows of that day are this test's own.
    const tag = uniqueSuffix();
    await db.insert(auditLog).values({ action: "roll.import", targetType: "roll", targetId: `roll-${tag}`, createdAt: new Date("2003-03-04T12:00:00Z") });
    await db.insert(auditLog).values({ action: "comment.hide", targetType: "comment", targetId: `not-a-uuid-${tag}`, createdAt: new Date("2003-03-05T23:59:00Z") });
    const day = await listAuditLog(db, VISITOR, { from: new Date("2003-03-04T00:00:00Z"), to: new Date("2003-03-04T00:00:00Z"), page: 1 });
    expect(day.rows.filter((r) => r.targetId?.endsWith(tag)).map((r) => r.targetId)).toEqual([`roll-${tag}`]);
    const both = await listAuditLog(db, VISITOR, { from: new Date("2003-03-04T00:00:00Z"), to: new Date("2003-03-05T00:00:00Z"), page: 1 });
    expect(both.rows.filter((r) => r.targetId?.endsWith(tag))).toHaveLength(2);
    expect(both.rows.find((r) => r.targetId === `not-a-uuid-${tag}`)?.targetHref).toBeNull();
  });

  it("filters the council's acts, links draws and petitions, and names the rules as the actor of a process act", async () => {
    const admin = await createPerson(db, { roles: ["admin"] });
    const drawId = crypto.randomUUID();
    const petitionId = crypto.randomUUID();
    const reason = `Reason ${uniqueSuffix()}`;
    await recordAudit(db, { actorId: admin.id, action: "draw.run", targetType: "draw", targetId: drawId, reason, details: { title: "Council" } });
    await recordAudit(db, { actorId: null, action: "recall.threshold", targetType: "petition", targetId: petitionId, reason, details: { signatures: 3, threshold: 3 } });
    await recordAudit(db, { actorId: admin.id, action: "recall.open", targetType: "petition", targetId: petitionId, reason });
    const draws = await listAuditLog(db, VISITOR, { kind: "draw", page: 1 });
    expect(draws.rows.every((r) => r.action.startsWith("draw."))).toBe(true);
    expect(draws.rows.find((r) => r.reason === reason)).toMatchObject({ actorName: admin.displayName, targetHref: `/governance/council/draws/${drawId}` });
    const recalls = (await listAuditLog(db, VISITOR, { kind: "recall", page: 1 })).rows.filter((r) => r.reason === reason);
    expect(recalls.map((r) => [r.action, r.actorName, r.targetHref])).toEqual([
      ["recall.open", admin.displayName, `/governance/recall?show=open#petition-${petitionId}`],
      ["recall.threshold", "The site, by its rules,", `/governance/recall?show=closed#petition-${petitionId}`],
    ]);
  });
});
