import fc from "fast-check";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeDb, getDb } from "@/db";
import { directoryProfiles, helpInvitations, helpRequests, messages, skills, type Visibility } from "@/db/schema";
import { loadActor } from "@/lib/auth/actor";
import { leaveDirectory, saveProfile } from "@/lib/directory/commands";
import { getThread, listThreads } from "@/lib/directory/messages";
import { profileSchema } from "@/lib/directory/validation";
import { isAppError } from "@/lib/errors";
import { createPerson } from "@/lib/testing/factories";
import { answerInvitation, closeHelpRequest, closeOverdueHelpRequests, createHelpRequest, inviteToHelp } from "./commands";
import { findMatches, getHelpRequest, matchMembers } from "./queries";

const db = getDb();
afterAll(() => closeDb());

const S = ["help-law", "help-design", "help-print"];
beforeAll(async () => {
  await db.insert(skills).values(S.map((slug) => ({ slug, label: slug }))).onConflictDoNothing();
});

const actorFor = async (spec: Parameters<typeof createPerson>[1] = {}) => loadActor(db, (await createPerson(db, spec)).id);
const levels = (v: Visibility) =>
  Object.fromEntries(["name", "skills", "tags", "interests", "hours", "region", "languages", "contact", "bio"].map((f) => [`${f}Visibility`, v]));

async function profile(values: { skills: string[]; region?: string; hours?: number; contact?: string; visibility?: Visibility; skillsVisibility?: Visibility }) {
  const actor = await actorFor();
  const parsed = profileSchema.parse({
    ...levels(values.visibility ?? "members"),
    ...(values.skillsVisibility ? { skillsVisibility: values.skillsVisibility } : {}),
    ...Object.fromEntries(values.skills.map((s) => [`skill.${s}`, "true"])),
    region: values.region,
    hoursPerMonth: values.hours === undefined ? undefined : String(values.hours),
    contactPreference: values.contact,
  });
  await saveProfile(db, actor, parsed);
  return actor;
}

const tomorrow = () => new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
const requestInput = (skillsWanted: string[], place = "Wales") => ({ title: "Help with a leaflet", description: "We need a leaflet designed and printed for the spring campaign.", hoursNeeded: 6, place, deadline: tomorrow(), themeId: null, skills: skillsWanted });

describe("help requests", () => {
  it("ranks in SQL exactly as the pure ranking does, over what the requester may see", async () => {
    const requester = await actorFor();
    // A pool with every mix: skills, regions, hours, hidden fields, prior invitations.
    const pool = await fc.sample(
      fc.record({ skills: fc.subarray(S, { minLength: 1 }), region: fc.constantFrom("Wales", "London", undefined), hours: fc.option(fc.integer({ min: 0, max: 20 }), { nil: undefined }), hidden: fc.boolean() }),
      { numRuns: 14, seed: 12 },
    );
    const members: Awaited<ReturnType<typeof actorFor>>[] = [];
    for (const p of pool) members.push(await profile({ skills: p.skills, region: p.region, hours: p.hours, skillsVisibility: p.hidden ? "only_me" : "members" }));
    const { id } = await createHelpRequest(db, requester, requestInput(["help-law", "help-design"]));
    // Some earlier invitations, so the fairness term has something to do.
    const other = await actorFor();
    const { id: earlier } = await createHelpRequest(db, other, requestInput(["help-law"]));
    for (const m of members.slice(0, 4)) await inviteToHelp(db, other, { requestId: earlier, memberId: m.id!, note: null });

    const matches = await findMatches(db, requester, id, { limit: 500 });
    const mine = matches.filter((m) => members.some((x) => x.id === m.memberId));
    // Members whose skills are hidden from the requester are never matched.
    for (const [i, p] of pool.entries()) if (p.hidden) expect(mine.map((m) => m.memberId)).not.toContain(members[i]!.id);
    // The SQL score is the pure score, row by row, and the SQL order is the pure order.
    expect(matches.length).toBeGreaterThan(3);
    for (const m of matches) expect(m.sqlScore).toBeCloseTo(m.score, 10);
    const needs = { skills: ["help-law", "help-design"], hoursNeeded: 6, region: "Wales", remote: false };
    const again = await matchMembers(db, requester, needs, { limit: 500, excludeId: requester.id });
    const pureOrder = [...again].sort((a, b) => b.score - a.score || (a.memberId < b.memberId ? -1 : 1)).map((m) => m.memberId);
    expect(again.map((m) => m.memberId)).toEqual(pureOrder);
    const invitedOnce = matches.find((m) => m.memberId === members[0]!.id);
    if (invitedOnce) expect(invitedOnce.terms.fairness).toBeLessThan(1);
  });

  it("an accepted invitation opens a message thread with the invitee's contact preference, and no e-mail", async () => {
    const requester = await actorFor();
    const invitee = await profile({ skills: ["help-print"], region: "Wales", hours: 10, contact: "Phone 07700 900123 after 6pm" });
    const { id } = await createHelpRequest(db, requester, requestInput(["help-print"]));
    const matches = await findMatches(db, requester, id);
    expect(matches.map((m) => m.memberId)).toContain(invitee.id);
    const { id: invitationId } = await inviteToHelp(db, requester, { requestId: id, memberId: invitee.id!, note: "Could you help?" });
    // "Ask me later" exchanges nothing and can be answered again.
    expect(await answerInvitation(db, invitee, { invitationId, answer: "later" })).toEqual({ threadId: null });
    expect(await listThreads(db, requester)).toHaveLength(0);
    const { threadId } = await answerInvitation(db, invitee, { invitationId, answer: "yes" });
    const thread = await getThread(db, requester, threadId!);
    const text = thread.messages.map((m) => m.body).join("\n");
    expect(text).toContain("Phone 07700 900123 after 6pm");
    expect(text).not.toMatch(/@/);
    const [inv] = await db.select().from(helpInvitations).where(eq(helpInvitations.id, invitationId));
    expect(inv).toMatchObject({ status: "yes", hoursCommitted: 6 });
    // Hours said yes to this month come off the hours still free.
    const again = await createHelpRequest(db, await actorFor(), requestInput(["help-print"]));
    const rematch = (await findMatches(db, await loadActor(db, (await db.select({ r: helpRequests.requesterId }).from(helpRequests).where(eq(helpRequests.id, again.id)))[0]!.r!), again.id)).find((m) => m.memberId === invitee.id);
    expect(rematch?.freeHours).toBe(4);
    // A stranger cannot read the thread; the invitee cannot answer twice.
    await expect(getThread(db, await actorFor(), threadId!)).rejects.toSatisfy((e) => isAppError(e) && e.kind === "forbidden");
    await expect(answerInvitation(db, invitee, { invitationId, answer: "no" })).rejects.toSatisfy((e) => isAppError(e) && e.kind === "forbidden");
  });

  it("the two-step ranking grows its pool when the best-placed are suspended, unverified or asked too often, and still equals the full ranking", async () => {
    const skill = `help-pool-${Date.now()}`;
    await db.insert(skills).values({ slug: skill, label: skill });
    const requester = await actorFor();
    // In the request's region (the best scores), but suspended or not verified: never matched.
    const barred: string[] = [];
    for (const standing of ["suspended", "registered", "suspended", "registered"] as const) {
      const p = await createPerson(db, { standing });
      await db.insert(directoryProfiles).values({ userId: p.id, skills: [skill], region: "Wales", hoursPerMonth: 20, ...levels("members") });
      barred.push(p.id);
    }
    // In the region and eligible, but invited eight times this month: fairness 1/3.
    const busy: string[] = [];
    for (let i = 0; i < 3; i++) busy.push((await profile({ skills: [skill], region: "Wales", hours: 20 })).id!);
    const other = await actorFor();
    for (let n = 0; n < 8; n++) {
      const { id: earlier } = await createHelpRequest(db, other, requestInput([skill]));
      for (const m of busy) await inviteToHelp(db, other, { requestId: earlier, memberId: m, note: null });
    }
    // Elsewhere (0.8), eligible and never asked: they are the matches.
    const eligible: string[] = [];
    for (let i = 0; i < 4; i++) eligible.push((await profile({ skills: [skill], region: "London", hours: 20 })).id!);
    const needs = { skills: [skill], hoursNeeded: 6, region: "Wales", remote: false };
    const full = await matchMembers(db, requester, needs, { limit: 500 });
    const small = await matchMembers(db, requester, needs, { limit: 3, firstPool: 2 });
    expect(small.map((m) => m.memberId)).toEqual(full.slice(0, 3).map((m) => m.memberId));
    expect(eligible).toEqual(expect.arrayContaining(small.map((m) => m.memberId)));
    for (const id of barred) expect(full.map((m) => m.memberId)).not.toContain(id);
  });

  it("refuses an invitation to a member who left the directory, and changes nothing", async () => {
    const requester = await actorFor();
    const leaver = await profile({ skills: ["help-law"] });
    const { id } = await createHelpRequest(db, requester, requestInput(["help-law"]));
    await leaveDirectory(db, leaver);
    await expect(inviteToHelp(db, requester, { requestId: id, memberId: leaver.id!, note: null })).rejects.toSatisfy(
      (e) => isAppError(e) && e.field === "memberId" && /left the directory/.test(e.message),
    );
    expect(await db.select().from(helpInvitations).where(eq(helpInvitations.requestId, id))).toHaveLength(0);
  });

  it("only the requester invites and closes; a closed request shows what came of it", async () => {
    const requester = await actorFor();
    const helper = await profile({ skills: ["help-design"] });
    const { id } = await createHelpRequest(db, requester, requestInput(["help-design"], "remote"));
    await expect(inviteToHelp(db, await actorFor(), { requestId: id, memberId: helper.id!, note: null })).rejects.toSatisfy((e) => isAppError(e) && e.kind === "forbidden");
    const { id: invitationId } = await inviteToHelp(db, requester, { requestId: id, memberId: helper.id!, note: null });
    await closeHelpRequest(db, requester, { requestId: id, outcome: "met", outcomeNote: "The leaflet went to print." });
    const detail = await getHelpRequest(db, requester, id);
    expect(detail).toMatchObject({ status: "closed", outcome: "met", outcomeNote: "The leaflet went to print." });
    const [inv] = await db.select().from(helpInvitations).where(eq(helpInvitations.id, invitationId));
    expect(inv!.status).toBe("withdrawn");
    await expect(closeHelpRequest(db, requester, { requestId: id, outcome: "met", outcomeNote: "Again" })).rejects.toSatisfy((e) => isAppError(e) && e.kind === "forbidden");
  });

  it("closes requests past their deadline (the scheduled job)", async () => {
    const requester = await actorFor();
    const { id } = await createHelpRequest(db, requester, requestInput(["help-law"]));
    const later = new Date(Date.now() + 3 * 86_400_000);
    expect(await closeOverdueHelpRequests(db, later)).toBeGreaterThanOrEqual(1);
    const [row] = await db.select().from(helpRequests).where(eq(helpRequests.id, id));
    expect(row).toMatchObject({ status: "closed", outcome: "not_met" });
    expect(await db.select().from(messages).where(eq(messages.helpRequestId, id))).toHaveLength(0);
  });
});
