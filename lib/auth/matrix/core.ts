/** Matrix cells for the core actions of `../permissions.ts` (themes, papers, discussion, facts, co-editing, accounts). */
import { eq } from "drizzle-orm";
import type { Db } from "@/db";
import { callsForPapers, disputes, notifications, papers, themes } from "@/db/schema";
import { enterAdminArea } from "@/lib/auth/actor";
import type { CoreResources } from "@/lib/auth/permissions";
import { listAuditLog } from "@/lib/audit/queries";
import { ensureResponse, ensureSynthesis, getResponseForReaders, getSynthesisForReaders, issueCollabToken } from "@/lib/collab/documents";
import { deleteComment, editComment, postComment, setCommentHidden, setUsefulVote } from "@/lib/discussion/commands";
import { getThread } from "@/lib/discussion/queries";
import { acceptFact, amendFact, commentOnDispute, confirmFact, disputeFact, editProposedFact, proposeFact, resolveDispute, retractFact } from "@/lib/facts/commands";
import { getDispute, getFactDetail, listReviewQueue as listFactReviewQueue } from "@/lib/facts/queries";
import { createTestDispute, createTestFact, factInput } from "@/lib/facts/test-factory";
import { follow, openNotification, updateNotificationSettings } from "@/lib/following/commands";
import { notify } from "@/lib/following/notify";
import { listOutbox } from "@/lib/mail/queries";
import { grantRole, reinstateMember, revokeRole, suspendMember, updateProfile } from "@/lib/members/commands";
import { listMembers } from "@/lib/members/queries";
import { claimMembership, importRoll, verifyByHand } from "@/lib/membership/commands";
import { closeCall, createCall, reviewPaper, saveDraft, setPaperHidden, submitPaper } from "@/lib/papers/commands";
import { getPaperForReading, getWorkingCopy, listReviewQueue } from "@/lib/papers/queries";
import { createSuggestion, listSuggestions } from "@/lib/synthesis/suggestions";
import { createPerson, createRollEntry, createTestComment, createTestPaper, createTestTheme, uniqueSuffix } from "@/lib/testing/factories";
import { createTheme, moveTheme, setCurators, setThemeArchived, updateTheme } from "@/lib/themes/commands";
import { getThemeBySlug } from "@/lib/themes/queries";
import { ACTIVE, ADMIN, ALL, NOBODY, SIGNED_IN, VERIFIED, omitted, only, type MatrixCells, type Subject } from "./harness";

const themeInput = () => ({ title: "Matrix", slug: `m-${uniqueSuffix()}`, description: "", colour: "#000000", discussionPublic: true });
const plainMember = async (d: Db) => (await createPerson(d)).id;
/** The actor's own id, or a stranger's for a visitor (who owns nothing). */
const selfOrStranger = async (d: Db, s: Subject) => s.actor.id ?? plainMember(d);
const archivedTheme = (d: Db) => createTestTheme(d, { archivedAt: new Date() });
const matrixDoc = { type: "doc" as const, content: [{ type: "paragraph", content: [{ type: "text", text: Array.from({ length: 40 }, (_, i) => `word${i}`).join(" ") }] }] };
const comment = async (d: Db, opts: { authorId?: string | null; hidden?: boolean; deleted?: boolean }) =>
  createTestComment(d, { paperId: (await createTestPaper(d)).id, ...opts });
const draftWithContent = async (d: Db, authorId: string | null, status: "draft" | "rejected") => {
  const paper = await createTestPaper(d, { status, authorId });
  await d.update(papers).set({ content: matrixDoc }).where(eq(papers.id, paper.id));
  return paper;
};
/** A theme's suggestion list shows the suggestion, or the cell is refused. */
const seeSuggestion = async (d: Db, s: Subject, discussionPublic: boolean) => {
  const theme = await createTestTheme(d, { discussionPublic });
  const { id } = await createSuggestion(d, { id: await plainMember(d), standing: "member", roles: new Set(), curatorOf: new Set() }, { themeId: theme.id, body: "Matrix suggestion" });
  const list = await listSuggestions(d, s.actor, theme.id);
  if (!list.some((x) => x.id === id)) throw omitted("the suggestion is not listed");
};
/** A thread shows a hidden comment's text, or the cell is refused. */
const seeHiddenText = async (d: Db, s: Subject, authorId: string | null) => {
  const hidden = await comment(d, { authorId, hidden: true });
  const thread = await getThread(d, s.actor, hidden.paperId);
  if (!thread.roots.find((c) => c.id === hidden.id)?.bodyHtml) throw omitted("the hidden text is left out");
};
const notificationOf = async (d: Db, owner: string) => {
  await notify(d, [owner], { kind: "paper_published", title: "Matrix", url: "/", text: "Matrix" });
  const [row] = await d.select({ id: notifications.id }).from(notifications).where(eq(notifications.userId, owner)).limit(1);
  return row!.id;
};
const openCall = async (d: Db) => {
  const [call] = await d
    .insert(callsForPapers)
    .values({ themeId: (await createTestTheme(d)).id, title: "Matrix call", deadline: new Date(Date.now() + 86_400_000) })
    .returning({ id: callsForPapers.id });
  return call!.id;
};
const roleOnly = { none: "the rule reads the actor's role only" };

export const coreCells: MatrixCells<CoreResources> = {
  "theme.view": {
    allowed: { state: "active theme", who: ALL, run: async (d, s) => getThemeBySlug(d, s.actor, (await createTestTheme(d)).slug) },
    restricted: { state: "archived theme", who: ADMIN, refusal: "hidden", run: async (d, s) => getThemeBySlug(d, s.actor, (await archivedTheme(d)).slug) },
  },
  "theme.viewDiscussion": {
    allowed: { state: "public discussion", who: ALL, refusal: "omitted", run: (d, s) => seeSuggestion(d, s, true) },
    restricted: {
      state: "members-only discussion",
      // A suspended member still reads (suspension takes away writing, not reading).
      who: only("member", "curator", "moderator", "fact_editor", "council", "admin", "suspended admin"),
      refusal: "omitted",
      run: (d, s) => seeSuggestion(d, s, false),
    },
  },
  "theme.create": { allowed: { state: "no resource", who: ADMIN, run: (d, s) => createTheme(d, s.actor, themeInput()) }, restricted: { none: "there is no resource yet" } },
  "theme.update": { allowed: { state: "active theme", who: ADMIN, run: async (d, s) => updateTheme(d, s.actor, (await createTestTheme(d)).id, themeInput()) }, restricted: roleOnly },
  "theme.archive": { allowed: { state: "active theme", who: ADMIN, run: async (d, s) => setThemeArchived(d, s.actor, (await createTestTheme(d)).id, true) }, restricted: roleOnly },
  "theme.reorder": { allowed: { state: "active theme", who: ADMIN, run: async (d, s) => moveTheme(d, s.actor, (await createTestTheme(d)).id, "up") }, restricted: roleOnly },
  "theme.setCurators": { allowed: { state: "active theme", who: ADMIN, run: async (d, s) => setCurators(d, s.actor, (await createTestTheme(d)).id, []) }, restricted: roleOnly },
  "roll.import": {
    allowed: { state: "no resource", who: ADMIN, run: (d, s) => importRoll(d, s.actor, { filename: "m.csv", text: `member_number,postcode\nMX${uniqueSuffix()},SW1A 1AA\n` }) },
    restricted: roleOnly,
  },
  "member.list": { allowed: { state: "no resource", who: only("moderator", "admin"), run: (d, s) => listMembers(d, s.actor, { q: "", page: 1 }) }, restricted: roleOnly },
  "member.verify": {
    allowed: { state: "another, unverified person", who: ADMIN, run: async (d, s) => verifyByHand(d, s.actor, { userId: (await createPerson(d, { standing: "registered" })).id, reason: "Card checked" }) },
    restricted: { state: "oneself", who: NOBODY, run: async (d, s) => verifyByHand(d, s.actor, { userId: await selfOrStranger(d, s), reason: "Card checked" }) },
  },
  "member.suspend": {
    allowed: { state: "a member without a role", who: only("moderator", "admin"), run: async (d, s) => suspendMember(d, s.actor, { userId: await plainMember(d), reason: "Matrix test" }) },
    // Only an admin suspends another role-holder.
    restricted: { state: "a council member", who: ADMIN, run: async (d, s) => suspendMember(d, s.actor, { userId: (await createPerson(d, { roles: ["council"] })).id, reason: "Matrix test" }) },
  },
  "member.reinstate": {
    allowed: { state: "a suspended member without a role", who: only("moderator", "admin"), run: async (d, s) => reinstateMember(d, s.actor, { userId: (await createPerson(d, { standing: "suspended" })).id, reason: "Matrix test" }) },
    restricted: {
      state: "a suspended council member",
      who: ADMIN,
      run: async (d, s) => reinstateMember(d, s.actor, { userId: (await createPerson(d, { standing: "suspended", roles: ["council"] })).id, reason: "Matrix test" }),
    },
  },
  "role.grant": {
    allowed: { state: "another member", who: ADMIN, run: async (d, s) => grantRole(d, s.actor, { userId: await plainMember(d), role: "council", reason: "Matrix test" }) },
    restricted: { state: "oneself", who: NOBODY, run: async (d, s) => grantRole(d, s.actor, { userId: await selfOrStranger(d, s), role: "council", reason: "Matrix test" }) },
  },
  "role.revoke": {
    allowed: { state: "another member's role", who: ADMIN, run: async (d, s) => revokeRole(d, s.actor, { userId: (await createPerson(d, { roles: ["council"] })).id, role: "council", reason: "Matrix test" }) },
    restricted: { state: "one's own role", who: NOBODY, run: async (d, s) => revokeRole(d, s.actor, { userId: await selfOrStranger(d, s), role: "admin", reason: "Matrix test" }) },
  },
  "profile.update": {
    allowed: { state: "own profile", who: ACTIVE, run: (d, s) => updateProfile(d, s.actor, { displayName: "Renamed", usePseudonym: false }) },
    restricted: { none: "the command only ever changes the actor's own profile" },
  },
  "membership.claim": {
    allowed: { state: "own account", who: only("registered"), run: async (d, s) => claimMembership(d, s.actor, await createRollEntry(d)) },
    restricted: { none: "the command only ever verifies the actor's own account" },
  },
  "outbox.read": {
    allowed: { state: "development", who: ALL, run: (d, s) => listOutbox(d, s.actor, { developmentMode: true }) },
    restricted: { state: "production", who: ADMIN, run: (d, s) => listOutbox(d, s.actor, { developmentMode: false }) },
  },
  "auditLog.view": { allowed: { state: "no resource", who: ALL, run: (d, s) => listAuditLog(d, s.actor, { page: 1 }) }, restricted: { none: "the moderation log is public" } },
  "paper.create": {
    allowed: { state: "active theme", who: VERIFIED, run: async (d, s) => saveDraft(d, s.actor, { themeSlug: (await createTestTheme(d)).slug, title: "Matrix", summary: "", content: matrixDoc }) },
    restricted: { state: "archived theme", who: NOBODY, run: async (d, s) => saveDraft(d, s.actor, { themeSlug: (await archivedTheme(d)).slug, title: "Matrix", summary: "", content: matrixDoc }) },
  },
  "paper.view": {
    allowed: { state: "published paper", who: ALL, refusal: "omitted", run: async (d, s) => getPaperForReading(d, s.actor, (await createTestPaper(d)).id) },
    // Everyone else gets the placeholder that says a moderator hid it, not the paper.
    restricted: {
      state: "hidden paper",
      who: only("moderator", "council", "admin"),
      refusal: "omitted",
      run: async (d, s) => {
        const reading = await getPaperForReading(d, s.actor, (await createTestPaper(d, { hidden: true })).id);
        if (reading.kind === "hidden") throw omitted("the placeholder is shown");
      },
    },
  },
  "paper.viewDraft": {
    allowed: { state: "own paper in review", who: SIGNED_IN, refusal: "hidden", run: async (d, s) => getWorkingCopy(d, s.actor, (await createTestPaper(d, { status: "submitted", authorId: s.actor.id })).id) },
    restricted: { state: "another's paper in review", who: only("council", "admin"), refusal: "hidden", run: async (d, s) => getWorkingCopy(d, s.actor, (await createTestPaper(d, { status: "submitted" })).id) },
  },
  "paper.edit": {
    allowed: {
      state: "own returned paper",
      who: VERIFIED,
      run: async (d, s) => saveDraft(d, s.actor, { paperId: (await createTestPaper(d, { status: "returned", authorId: s.actor.id })).id, title: "Matrix", summary: "", content: matrixDoc }),
    },
    restricted: {
      state: "own paper in review",
      who: NOBODY,
      run: async (d, s) => saveDraft(d, s.actor, { paperId: (await createTestPaper(d, { status: "submitted", authorId: s.actor.id })).id, title: "Matrix", summary: "", content: matrixDoc }),
    },
  },
  "paper.submit": {
    allowed: { state: "own draft", who: VERIFIED, run: async (d, s) => submitPaper(d, s.actor, (await draftWithContent(d, s.actor.id, "draft")).id) },
    restricted: { state: "own rejected paper", who: NOBODY, run: async (d, s) => submitPaper(d, s.actor, (await draftWithContent(d, s.actor.id, "rejected")).id) },
  },
  "paper.review": {
    allowed: {
      state: "another's paper in review",
      who: only("council"),
      run: async (d, s) => reviewPaper(d, s.actor, { paperId: (await createTestPaper(d, { status: "submitted" })).id, decision: "return", reason: "Matrix test: please revise." }),
    },
    // Nobody decides on their own paper.
    restricted: {
      state: "own paper in review",
      who: NOBODY,
      run: async (d, s) =>
        reviewPaper(d, s.actor, { paperId: (await createTestPaper(d, { status: "submitted", authorId: s.actor.id })).id, decision: "return", reason: "Matrix test: please revise." }),
    },
  },
  "paper.reviewQueue": { allowed: { state: "no resource", who: only("council", "admin"), run: (d, s) => listReviewQueue(d, s.actor) }, restricted: roleOnly },
  "paper.hide": {
    allowed: { state: "visible paper", who: only("moderator"), run: async (d, s) => setPaperHidden(d, s.actor, (await createTestPaper(d)).id, true, "Matrix test") },
    restricted: { state: "already hidden paper", who: NOBODY, run: async (d, s) => setPaperHidden(d, s.actor, (await createTestPaper(d, { hidden: true })).id, true, "Matrix test") },
  },
  "paper.restore": {
    allowed: { state: "hidden paper", who: only("moderator"), run: async (d, s) => setPaperHidden(d, s.actor, (await createTestPaper(d, { hidden: true })).id, false, "Matrix test") },
    restricted: { state: "visible paper", who: NOBODY, run: async (d, s) => setPaperHidden(d, s.actor, (await createTestPaper(d)).id, false, "Matrix test") },
  },
  "call.create": {
    allowed: { state: "active theme", who: only("council"), run: async (d, s) => createCall(d, s.actor, { themeId: (await createTestTheme(d)).id, title: "Matrix call", description: "", deadline: new Date(Date.now() + 86_400_000) }) },
    restricted: { state: "archived theme", who: NOBODY, run: async (d, s) => createCall(d, s.actor, { themeId: (await archivedTheme(d)).id, title: "Matrix call", description: "", deadline: new Date(Date.now() + 86_400_000) }) },
  },
  "call.close": { allowed: { state: "open call", who: only("council"), run: async (d, s) => closeCall(d, s.actor, await openCall(d)) }, restricted: roleOnly },
  "comment.view": {
    allowed: { state: "public discussion", who: ALL, run: async (d, s) => getThread(d, s.actor, (await createTestPaper(d)).id) },
    restricted: {
      state: "members-only discussion",
      who: only("member", "curator", "moderator", "fact_editor", "council", "admin", "suspended admin"),
      run: async (d, s) => getThread(d, s.actor, (await createTestPaper(d, { themeId: (await createTestTheme(d, { discussionPublic: false })).id })).id),
    },
  },
  "comment.create": {
    allowed: { state: "published paper", who: VERIFIED, run: async (d, s) => postComment(d, s.actor, { paperId: (await createTestPaper(d)).id, parentId: null, body: "Matrix comment", quote: null }) },
    restricted: { state: "hidden paper", who: NOBODY, run: async (d, s) => postComment(d, s.actor, { paperId: (await createTestPaper(d, { hidden: true })).id, parentId: null, body: "Matrix comment", quote: null }) },
  },
  "comment.vote": {
    allowed: { state: "another's comment", who: VERIFIED, run: async (d, s) => setUsefulVote(d, s.actor, (await comment(d, {})).id, true) },
    // One's own comment is not "useful" by one's own vote.
    restricted: { state: "own comment", who: NOBODY, run: async (d, s) => setUsefulVote(d, s.actor, (await comment(d, { authorId: s.actor.id })).id, true) },
  },
  "comment.edit": {
    allowed: { state: "own comment", who: VERIFIED, run: async (d, s) => editComment(d, s.actor, { commentId: (await comment(d, { authorId: s.actor.id })).id, body: "Edited in the matrix" }) },
    restricted: { state: "another's comment", who: NOBODY, run: async (d, s) => editComment(d, s.actor, { commentId: (await comment(d, {})).id, body: "Edited in the matrix" }) },
  },
  "comment.delete": {
    allowed: { state: "own comment", who: ACTIVE, run: async (d, s) => deleteComment(d, s.actor, (await comment(d, { authorId: s.actor.id })).id) },
    restricted: { state: "another's comment", who: NOBODY, run: async (d, s) => deleteComment(d, s.actor, (await comment(d, {})).id) },
  },
  "comment.hide": {
    allowed: { state: "visible comment", who: only("moderator"), run: async (d, s) => setCommentHidden(d, s.actor, { commentId: (await comment(d, {})).id, reason: "Matrix test" }, true) },
    restricted: { state: "deleted comment", who: NOBODY, run: async (d, s) => setCommentHidden(d, s.actor, { commentId: (await comment(d, { deleted: true })).id, reason: "Matrix test" }, true) },
  },
  "comment.restore": {
    allowed: { state: "hidden comment", who: only("moderator"), run: async (d, s) => setCommentHidden(d, s.actor, { commentId: (await comment(d, { hidden: true })).id, reason: "Matrix test" }, false) },
    restricted: { state: "visible comment", who: NOBODY, run: async (d, s) => setCommentHidden(d, s.actor, { commentId: (await comment(d, {})).id, reason: "Matrix test" }, false) },
  },
  // Hidden text reaches only those the rule allows: the thread query leaves it out for everyone else.
  "comment.viewHidden": {
    allowed: { state: "own hidden comment", who: SIGNED_IN, refusal: "omitted", run: (d, s) => seeHiddenText(d, s, s.actor.id) },
    restricted: { state: "another's hidden comment", who: only("moderator", "admin"), refusal: "omitted", run: async (d, s) => seeHiddenText(d, s, await plainMember(d)) },
  },
  "follow.manage": {
    allowed: { state: "active theme", who: ACTIVE, run: (d, s) => follow(d, s.actor, { targetType: "theme", targetId: s.themeId }) },
    // An archived theme is as absent as an unknown one, except to admins.
    restricted: { state: "archived theme", who: ADMIN, refusal: "hidden", run: async (d, s) => follow(d, s.actor, { targetType: "theme", targetId: (await archivedTheme(d)).id }) },
  },
  "notification.read": {
    allowed: { state: "own notification", who: SIGNED_IN, refusal: "hidden", run: async (d, s) => openNotification(d, s.actor, await notificationOf(d, await selfOrStranger(d, s))) },
    restricted: { state: "another's notification", who: NOBODY, refusal: "hidden", run: async (d, s) => openNotification(d, s.actor, await notificationOf(d, await plainMember(d))) },
  },
  "notification.settings": {
    allowed: {
      state: "own settings",
      who: ACTIVE,
      run: (d, s) => updateNotificationSettings(d, s.actor, { emailPaperPublished: "never", emailCommentReply: "immediate", emailPaperDecision: "daily", emailModeration: "immediate", emailMention: "immediate" }),
    },
    restricted: { none: "the command only ever changes the actor's own settings" },
  },
  "fact.view": {
    allowed: { state: "accepted fact", who: ALL, run: async (d, s) => getFactDetail(d, s.actor, (await createTestFact(d)).id) },
    restricted: { state: "another's proposal", who: only("fact_editor", "admin"), refusal: "hidden", run: async (d, s) => getFactDetail(d, s.actor, (await createTestFact(d, { status: "proposed" })).id) },
  },
  "fact.propose": { allowed: { state: "no resource", who: VERIFIED, run: (d, s) => proposeFact(d, s.actor, factInput({ themeIds: [s.themeId] })) }, restricted: { none: "there is no resource yet" } },
  "fact.edit": {
    allowed: { state: "own proposal", who: VERIFIED, run: async (d, s) => editProposedFact(d, s.actor, (await createTestFact(d, { status: "proposed", proposedBy: s.actor.id })).id, factInput({ themeIds: [s.themeId] })) },
    // Once a fact editor has decided, the proposer can only dispute it.
    restricted: { state: "own accepted fact", who: NOBODY, run: async (d, s) => editProposedFact(d, s.actor, (await createTestFact(d, { proposedBy: s.actor.id })).id, factInput({ themeIds: [s.themeId] })) },
  },
  "fact.review": {
    allowed: { state: "another's proposal", who: only("fact_editor"), run: async (d, s) => acceptFact(d, s.actor, (await createTestFact(d, { status: "proposed" })).id, null) },
    restricted: { state: "own proposal", who: NOBODY, run: async (d, s) => acceptFact(d, s.actor, (await createTestFact(d, { status: "proposed", proposedBy: s.actor.id })).id, null) },
  },
  "fact.amend": {
    allowed: { state: "accepted fact", who: only("fact_editor"), run: async (d, s) => amendFact(d, s.actor, (await createTestFact(d)).id, factInput({ themeIds: [s.themeId] }), "Matrix test") },
    restricted: {
      state: "own proposal",
      who: NOBODY,
      run: async (d, s) => amendFact(d, s.actor, (await createTestFact(d, { status: "proposed", proposedBy: s.actor.id })).id, factInput({ themeIds: [s.themeId] }), "Matrix test"),
    },
  },
  "fact.retract": {
    allowed: { state: "accepted fact", who: only("fact_editor"), run: async (d, s) => retractFact(d, s.actor, (await createTestFact(d)).id, "Matrix test") },
    restricted: { state: "retracted fact", who: NOBODY, run: async (d, s) => retractFact(d, s.actor, (await createTestFact(d, { status: "retracted" })).id, "Matrix test") },
  },
  "fact.reviewQueue": { allowed: { state: "no resource", who: only("fact_editor", "admin"), run: (d, s) => listFactReviewQueue(d, s.actor) }, restricted: roleOnly },
  "fact.confirm": {
    allowed: { state: "another's accepted fact", who: VERIFIED, run: async (d, s) => confirmFact(d, s.actor, (await createTestFact(d)).id, null) },
    // A proposer confirming their own fact would count twice.
    restricted: { state: "own accepted fact", who: NOBODY, run: async (d, s) => confirmFact(d, s.actor, (await createTestFact(d, { proposedBy: s.actor.id })).id, null) },
  },
  "fact.dispute": {
    allowed: {
      state: "accepted fact",
      who: VERIFIED,
      run: async (d, s) => disputeFact(d, s.actor, (await createTestFact(d)).id, { reason: "Matrix test dispute", counterSourceUrl: null, counterSourceTitle: null }),
    },
    restricted: {
      state: "retracted fact",
      who: NOBODY,
      run: async (d, s) => disputeFact(d, s.actor, (await createTestFact(d, { status: "retracted" })).id, { reason: "Matrix test dispute", counterSourceUrl: null, counterSourceTitle: null }),
    },
  },
  "dispute.view": {
    allowed: { state: "dispute on an accepted fact", who: ALL, run: async (d, s) => getDispute(d, s.actor, (await createTestDispute(d)).id) },
    // A dispute on a fact the public cannot see (its fact went back to review) is as hidden as the fact.
    restricted: {
      state: "dispute on a proposal",
      who: only("fact_editor", "admin"),
      refusal: "hidden",
      run: async (d, s) => getDispute(d, s.actor, (await createTestDispute(d, { factId: (await createTestFact(d, { status: "proposed" })).id })).id),
    },
  },
  "dispute.comment": {
    allowed: { state: "open dispute", who: VERIFIED, run: async (d, s) => commentOnDispute(d, s.actor, (await createTestDispute(d)).id, { body: "Matrix test" }) },
    restricted: {
      state: "settled dispute",
      who: NOBODY,
      run: async (d, s) => {
        const dispute = await createTestDispute(d);
        await d.update(disputes).set({ status: "upheld", resolvedAt: new Date() }).where(eq(disputes.id, dispute.id));
        return commentOnDispute(d, s.actor, dispute.id, { body: "Matrix test" });
      },
    },
  },
  "dispute.resolve": {
    allowed: { state: "another's open dispute", who: only("fact_editor"), run: async (d, s) => resolveDispute(d, s.actor, (await createTestDispute(d)).id, { outcome: "upheld", reason: "Matrix test" }) },
    // The member who opened a dispute does not settle it.
    restricted: {
      state: "own open dispute",
      who: NOBODY,
      run: async (d, s) => resolveDispute(d, s.actor, (await createTestDispute(d, { openedBy: await selfOrStranger(d, s) })).id, { outcome: "upheld", reason: "Matrix test" }),
    },
  },
  "response.view": {
    allowed: {
      state: "published paper",
      who: ALL,
      run: async (d, s) => {
        const paper = await createTestPaper(d);
        await ensureResponse(d, paper.id);
        return getResponseForReaders(d, s.actor, paper.id);
      },
    },
    restricted: {
      state: "hidden paper",
      who: only("moderator", "council", "admin"),
      run: async (d, s) => {
        const paper = await createTestPaper(d, { hidden: true });
        await ensureResponse(d, paper.id);
        return getResponseForReaders(d, s.actor, paper.id);
      },
    },
  },
  "response.edit": {
    allowed: { state: "published paper", who: VERIFIED, run: async (d, s) => issueCollabToken(d, s.actor, `response.${await ensureResponse(d, (await createTestPaper(d)).id)}`, "write") },
    restricted: { state: "hidden paper", who: NOBODY, run: async (d, s) => issueCollabToken(d, s.actor, `response.${await ensureResponse(d, (await createTestPaper(d, { hidden: true })).id)}`, "write") },
  },
  "synthesis.view": {
    allowed: { state: "active theme", who: ALL, run: async (d, s) => getSynthesisForReaders(d, s.actor, (await createTestTheme(d)).id) },
    restricted: { state: "archived theme", who: ADMIN, run: async (d, s) => getSynthesisForReaders(d, s.actor, (await archivedTheme(d)).id) },
  },
  "synthesis.edit": {
    allowed: { state: "active theme", who: only("curator", "admin"), run: async (d, s) => issueCollabToken(d, s.actor, `synthesis.${await ensureSynthesis(d, s.themeId)}`, "write") },
    restricted: {
      state: "archived theme",
      who: NOBODY,
      run: async (d, s) => {
        await d.update(themes).set({ archivedAt: new Date() }).where(eq(themes.id, s.themeId));
        return issueCollabToken(d, s.actor, `synthesis.${await ensureSynthesis(d, s.themeId)}`, "write");
      },
    },
  },
  "synthesis.suggest": {
    allowed: { state: "active theme", who: VERIFIED, run: async (d, s) => createSuggestion(d, s.actor, { themeId: (await createTestTheme(d)).id, body: "Matrix suggestion" }) },
    restricted: { state: "archived theme", who: NOBODY, run: async (d, s) => createSuggestion(d, s.actor, { themeId: (await archivedTheme(d)).id, body: "Matrix suggestion" }) },
  },
  // Entering /admin is a navigation rule only; each admin page and command checks its own action.
  "admin.enter": { allowed: { state: "no resource", who: only("moderator", "admin"), run: async (_d, s) => enterAdminArea(s.actor) }, restricted: roleOnly },
};
