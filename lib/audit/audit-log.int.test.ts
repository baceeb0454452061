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
    await recordAudit(db, { actorId: moderator.id, action: "call.create", targetType: "call", targetId: paper.themeId, details: { title: "Call", themeSlug: "health" } });

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
    expect(calls.rows[0]).toMatchObject({ action: "call.create", targetHref: "/themes/health" });
  });

  it("filters by a range of days and survives target ids that are not uuids", async () => {
    await db.insert(auditLog).values({ action: "roll.import", targetType: "roll", targetId: "roll-2020", createdAt: new Date("2020-03-04T12:00:00Z") });
    await db.insert(auditLog).values({ action: "comment.hide", targetType: "comment", targetId: "not-a-uuid", createdAt: new Date("2020-03-05T23:59:00Z") });
    const day = await listAuditLog(db, VISITOR, { from: new Date("2020-03-04T00:00:00Z"), to: new Date("2020-03-04T00:00:00Z"), page: 1 });
    expect(day.rows.map((r) => r.targetId)).toEqual(["roll-2020"]);
    const both = await listAuditLog(db, VISITOR, { from: new Date("2020-03-04T00:00:00Z"), to: new Date("2020-03-05T00:00:00Z"), page: 1 });
    expect(both.total).toBe(2);
    expect(both.rows.find((r) => r.targetId === "not-a-uuid")?.targetHref).toBeNull();
  });
});
