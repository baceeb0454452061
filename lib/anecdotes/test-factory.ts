/** Builders for tests: stories, help requests and profiles straight into the database. */
import { randomBytes } from "node:crypto";
import type { Db } from "@/db";
import { anecdoteConsents, anecdotes, directoryProfiles, helpInvitations, helpRequests, skills, type ConsentLevel } from "@/db/schema";
import { CONSENT_WORDING } from "./consent";

export async function createTestStory(
  db: Db,
  opts: { authorId: string | null; themeId: string; status?: "submitted" | "changes_requested" | "accepted" | "declined"; redaction?: "none" | "proposed" | "approved"; consent?: Exclude<ConsentLevel, "withdrawn"> },
) {
  const redaction = opts.redaction ?? "none";
  const [story] = await db
    .insert(anecdotes)
    .values({
      authorId: opts.authorId,
      themeId: opts.themeId,
      title: "A story made for a test",
      body: "Something that happened to me at the job centre, told in enough words for a test.",
      occurredOn: "2025-05-01",
      place: "Cardiff",
      role: "subject",
      status: opts.status ?? "submitted",
      redactionStatus: redaction,
      redactedBody: redaction === "none" ? null : "Something that happened at the job centre, redacted for a test.",
      attestToken: randomBytes(18).toString("base64url"),
    })
    .returning();
  const level = opts.consent ?? "named";
  await db.insert(anecdoteConsents).values({ anecdoteId: story!.id, memberId: opts.authorId, change: "grant", level, wordingVersion: CONSENT_WORDING[level].version, wording: CONSENT_WORDING[level].text, expiresAt: new Date(Date.now() + 365 * 86_400_000) });
  return story!;
}

export const TEST_SKILL = "matrix-skill";
export async function ensureTestSkill(db: Db) {
  await db.insert(skills).values({ slug: TEST_SKILL, label: "Matrix skill" }).onConflictDoNothing();
  return TEST_SKILL;
}

export async function createTestHelpRequest(db: Db, opts: { requesterId: string | null; status?: "open" | "closed" }) {
  await ensureTestSkill(db);
  const [r] = await db
    .insert(helpRequests)
    .values({ requesterId: opts.requesterId, title: "Help for a test", description: "A help request made for a test.", skills: [TEST_SKILL], hoursNeeded: 2, remote: true, deadline: "2099-01-01", status: opts.status ?? "open", closedAt: opts.status === "closed" ? new Date() : null })
    .returning();
  return r!;
}

/** A listed profile, every field visible to members. */
export async function createListedProfile(db: Db, userId: string) {
  await ensureTestSkill(db);
  await db
    .insert(directoryProfiles)
    .values({ userId, skills: [TEST_SKILL], nameVisibility: "members", skillsVisibility: "members", regionVisibility: "members", hoursVisibility: "members", hoursPerMonth: 10 })
    .onConflictDoNothing();
}

export async function createTestInvitation(db: Db, opts: { requestId: string; inviteeId: string }) {
  const [i] = await db.insert(helpInvitations).values({ requestId: opts.requestId, inviteeId: opts.inviteeId }).returning();
  return i!;
}
