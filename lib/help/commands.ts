import { and, eq, inArray, isNull, lt } from "drizzle-orm";
import type { Db, Tx } from "@/db";
import { directoryProfiles, helpInvitations, helpRequests, skills, themes, users } from "@/db/schema";
import { assertCan } from "@/lib/auth/actor";
import type { Actor } from "@/lib/auth/core";
import { appendMessage, ensureThread } from "@/lib/directory/messages";
import { publicNameSql } from "@/lib/directory/public-name";
import { listedMember } from "@/lib/directory/queries";
import { fieldVisibleSql } from "@/lib/directory/visibility";
import { AppError } from "@/lib/errors";
import { notify } from "@/lib/following/notify";
import { cancelDeadline, scheduleDeadline } from "@/lib/jobs/deadlines";
import { loadHelpRequestResource, loadInvitationResource } from "./resource";
import type { HelpRequestInput } from "./validation";

export async function createHelpRequest(db: Db, actor: Actor, input: HelpRequestInput): Promise<{ id: string }> {
  assertCan(actor, "help.create", null);
  return db.transaction(async (tx) => {
    const known = await tx.select({ slug: skills.slug }).from(skills).where(and(inArray(skills.slug, input.skills), isNull(skills.archivedAt)));
    if (known.length !== new Set(input.skills).size) throw new AppError("invalid:skills", "Choose skills from the list.", "skills");
    if (input.themeId) {
      const [t] = await tx.select({ id: themes.id }).from(themes).where(and(eq(themes.id, input.themeId), isNull(themes.archivedAt)));
      if (!t) throw new AppError("invalid:themeId", "Choose a theme from the list.", "themeId");
    }
    const remote = input.place === "remote";
    const [row] = await tx
      .insert(helpRequests)
      .values({
        requesterId: actor.id,
        themeId: input.themeId,
        title: input.title,
        description: input.description,
        skills: [...new Set(input.skills)],
        hoursNeeded: input.hoursNeeded,
        region: remote ? null : input.place,
        remote,
        deadline: input.deadline,
      })
      .returning({ id: helpRequests.id });
    await scheduleDeadline(tx, "help.close", row!.id, new Date(deadlineMoment(input.deadline).getTime() + 1000));
    return { id: row!.id };
  });
}

/**
 * Invites a member the requester found among the matches. The invitee must still be in the
 * directory and listed to the requester; the invitation reaches them on the site, never by address.
 */
export async function inviteToHelp(db: Db, actor: Actor, input: { requestId: string; memberId: string; note: string | null }): Promise<{ id: string }> {
  return db.transaction(async (tx) => {
    const request = await loadHelpRequestResource(tx, input.requestId);
    assertCan(actor, "help.invite", request);
    if (input.memberId === actor.id) throw new AppError("invalid:memberId", "You cannot invite yourself to your own request.", "memberId");
    const [listed] = await tx
      .select({ id: directoryProfiles.userId })
      .from(directoryProfiles)
      .innerJoin(users, eq(users.id, directoryProfiles.userId))
      .where(and(eq(directoryProfiles.userId, input.memberId), listedMember(), fieldVisibleSql("name", actor)));
    if (!listed) throw new AppError("invalid:memberId", "That member has left the directory (or is not listed to you), so they cannot be invited.", "memberId");
    const inserted = await tx
      .insert(helpInvitations)
      .values({ requestId: input.requestId, inviteeId: input.memberId, invitedBy: actor.id, note: input.note })
      .onConflictDoNothing()
      .returning({ id: helpInvitations.id });
    if (!inserted.length) throw new AppError("conflict:memberId", "You have already invited this member to this request.", "memberId");
    const [req] = await tx.select({ title: helpRequests.title }).from(helpRequests).where(eq(helpRequests.id, input.requestId));
    await notify(tx, [input.memberId], { kind: "help_invitation", title: `You are invited to help: ${req!.title}`, url: "/help/invitations", text: "A member asked for your help through the directory. Answer yes, no or ask me later on the site." }, { actorId: actor.id });
    return { id: inserted[0]!.id };
  });
}

/**
 * The invitee's answer. Only "yes" exchanges contact: a site message thread opens between the two,
 * with the contact preference the invitee wrote in their profile (never an e-mail address).
 */
export async function answerInvitation(db: Db, actor: Actor, input: { invitationId: string; answer: "yes" | "no" | "later" }): Promise<{ threadId: string | null }> {
  return db.transaction(async (tx) => {
    const invitation = await loadInvitationResource(tx, input.invitationId);
    assertCan(actor, "help.answer", invitation);
    const [req] = await tx.select({ id: helpRequests.id, title: helpRequests.title, hours: helpRequests.hoursNeeded, requesterId: helpRequests.requesterId }).from(helpRequests).where(eq(helpRequests.id, invitation.request.id));
    await tx
      .update(helpInvitations)
      .set({ status: input.answer, answeredAt: new Date(), hoursCommitted: input.answer === "yes" ? req!.hours : 0 })
      .where(eq(helpInvitations.id, invitation.id));
    let threadId: string | null = null;
    const [me] = await tx.select({ name: publicNameSql(), contact: directoryProfiles.contactPreference }).from(users).leftJoin(directoryProfiles, eq(directoryProfiles.userId, users.id)).where(eq(users.id, actor.id!));
    if (input.answer === "yes" && req!.requesterId) {
      threadId = await ensureThread(tx, actor.id!, req!.requesterId);
      const contact = me?.contact ? `How to reach ${me.name}: ${me.contact}` : `${me?.name ?? "They"} gave no contact preference; reply here to arrange things.`;
      await appendMessage(tx, threadId, null, `${me?.name ?? "A member"} said yes to “${req!.title}”. ${contact}`, req!.id);
    }
    const word = { yes: "said yes to", no: "said no to", later: "asked to be reminded later about" }[input.answer];
    await notify(tx, [req!.requesterId], { kind: "help_invitation", title: `${me?.name ?? "A member"} ${word} “${req!.title}”`, url: `/help/${req!.id}`, text: "An invitation to your help request was answered." }, { actorId: actor.id });
    return { threadId };
  });
}

export async function closeHelpRequest(db: Db, actor: Actor, input: { requestId: string; outcome: "met" | "partly_met" | "not_met" | "withdrawn"; outcomeNote: string }): Promise<void> {
  await db.transaction(async (tx) => {
    const request = await loadHelpRequestResource(tx, input.requestId);
    assertCan(actor, "help.close", request);
    await closeRequest(tx, input.requestId, input.outcome, input.outcomeNote);
    await cancelDeadline(tx, "help.close", input.requestId);
  });
}

async function closeRequest(tx: Tx, requestId: string, outcome: "met" | "partly_met" | "not_met" | "withdrawn", note: string) {
  await tx.update(helpRequests).set({ status: "closed", outcome, outcomeNote: note, closedAt: new Date() }).where(and(eq(helpRequests.id, requestId), eq(helpRequests.status, "open")));
  // Nobody is left waiting on a closed request.
  await tx.update(helpInvitations).set({ status: "withdrawn", answeredAt: new Date() }).where(and(eq(helpInvitations.requestId, requestId), inArray(helpInvitations.status, ["pending", "later"])));
}

/** A request's deadline is the end of its day (UTC): its job runs then. */
export const deadlineMoment = (deadline: string) => new Date(`${deadline}T23:59:59Z`);

/**
 * Scheduled (job "help.close" at each deadline, and the five-minute sweep): requests past their
 * deadline close themselves, saying how many said yes. Idempotent: a closed request is left alone.
 */
export async function closeOverdueHelpRequests(db: Db, now: Date = new Date(), onlyId?: string): Promise<number> {
  const today = now.toISOString().slice(0, 10);
  return db.transaction(async (tx) => {
    const due = await tx
      .select({ id: helpRequests.id, requesterId: helpRequests.requesterId, title: helpRequests.title })
      .from(helpRequests)
      .where(and(eq(helpRequests.status, "open"), lt(helpRequests.deadline, today), onlyId ? eq(helpRequests.id, onlyId) : undefined))
      .for("update", { skipLocked: true });
    for (const r of due) {
      const yes = await tx.select({ id: helpInvitations.id }).from(helpInvitations).where(and(eq(helpInvitations.requestId, r.id), eq(helpInvitations.status, "yes")));
      await closeRequest(tx, r.id, yes.length ? "partly_met" : "not_met", `Closed at its deadline; ${yes.length} member${yes.length === 1 ? "" : "s"} said yes.`);
      await notify(tx, [r.requesterId], { kind: "help_invitation", title: `Your help request “${r.title}” closed at its deadline`, url: `/help/${r.id}`, text: "Say what came of it on its page." });
    }
    return due.length;
  });
}
