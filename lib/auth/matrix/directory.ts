/** Matrix cells for the actions of ../rules/directory.ts: one entry per action (the type makes a missing one a compile error). */
import type { Db } from "@/db";
import { createPressPack, attestStory, changeConsent, decideRedaction, editStory, proposeRedaction, quoteStoryInResponse, reviewStory } from "@/lib/anecdotes/commands";
import { CONSENT_WORDING } from "@/lib/anecdotes/consent";
import { getStory, listCuratedStories } from "@/lib/anecdotes/queries";
import { submitStory } from "@/lib/anecdotes/commands";
import { createListedProfile, createTestHelpRequest, createTestInvitation, createTestStory, ensureTestSkill } from "@/lib/anecdotes/test-factory";
import type { DirectoryResources } from "@/lib/auth/rules/directory";
import { addSkill, saveProfile } from "@/lib/directory/commands";
import { ensureThread, getThread, sendMessage } from "@/lib/directory/messages";
import { getOwnProfile, listLookups, searchDirectory } from "@/lib/directory/queries";
import { profileSchema } from "@/lib/directory/validation";
import { answerInvitation, closeHelpRequest, createHelpRequest, inviteToHelp } from "@/lib/help/commands";
import { getHelpRequest } from "@/lib/help/queries";
import { createPerson, createTestPaper, createTestTheme, uniqueSuffix } from "@/lib/testing/factories";
import { ACTIVE, ADMIN, ALL, NOBODY, SIGNED_IN, VERIFIED, only, type MatrixCells, type Subject } from "./harness";

const stranger = async (d: Db) => (await createPerson(d)).id;
/** The actor's own id, or a stranger's for a visitor (who owns nothing). */
const selfOrStranger = async (d: Db, s: Subject) => s.actor.id ?? stranger(d);
const roleOnly = { none: "the rule reads the actor's standing and role only" };
const CURATOR = only("curator");
const profileInput = () => profileSchema.parse({ nameVisibility: "members", skillsVisibility: "members", tagsVisibility: "only_me", interestsVisibility: "only_me", hoursVisibility: "members", regionVisibility: "only_me", languagesVisibility: "only_me", contactVisibility: "only_me", bioVisibility: "only_me", hoursPerMonth: "4" });
const helpInput = () => ({ title: "Matrix help", description: "A help request the matrix makes for itself.", hoursNeeded: 2, place: "remote", deadline: "2099-01-01", themeId: null, skills: ["matrix-skill"] });
const storyOf = (d: Db, s: Subject, opts: Omit<Parameters<typeof createTestStory>[1], "themeId"> & { authorId: string | null }) => createTestStory(d, { themeId: s.themeId, ...opts });
const ownStory = async (d: Db, s: Subject, opts: Partial<Parameters<typeof createTestStory>[1]> = {}) => storyOf(d, s, { authorId: await selfOrStranger(d, s), ...opts });
const strangersStory = async (d: Db, s: Subject, opts: Partial<Parameters<typeof createTestStory>[1]> = {}) => storyOf(d, s, { authorId: await stranger(d), ...opts });
const inviteSomeone = async (d: Db, s: Subject, status: "open" | "closed") => {
  const request = await createTestHelpRequest(d, { requesterId: await selfOrStranger(d, s), status });
  const invitee = await stranger(d);
  await createListedProfile(d, invitee);
  return inviteToHelp(d, s.actor, { requestId: request.id, memberId: invitee, note: null });
};
const answerOwn = async (d: Db, s: Subject, status: "open" | "closed") => {
  const request = await createTestHelpRequest(d, { requesterId: await stranger(d), status });
  const invitation = await createTestInvitation(d, { requestId: request.id, inviteeId: await selfOrStranger(d, s) });
  return answerInvitation(d, s.actor, { invitationId: invitation.id, answer: "no" });
};
const threadWith = async (d: Db, s: Subject, mine: boolean) => ensureThread(d, mine ? await selfOrStranger(d, s) : await stranger(d), await stranger(d));
const usable = (d: Db, s: Subject) => strangersStory(d, s, { status: "accepted", redaction: "approved", consent: "named" });

export const directoryCells: MatrixCells<DirectoryResources> = {
  "directory.search": { allowed: { state: "any search", who: ALL, run: (d, s) => searchDirectory(d, s.actor, { skill: "matrix-skill" }) }, restricted: { none: "anyone may search; each field is limited to its audience in SQL (property test in lib/directory)" } },
  "directory.editProfile": {
    allowed: { state: "own profile", who: ACTIVE, run: (d, s) => saveProfile(d, s.actor, profileInput()) },
    restricted: { state: "another member's profile", who: NOBODY, run: async (d, s) => getOwnProfile(d, s.actor, await stranger(d)) },
  },
  "directory.viewLookups": {
    allowed: { state: "own look-ups", who: SIGNED_IN, run: async (d, s) => listLookups(d, s.actor, await selfOrStranger(d, s)) },
    restricted: { state: "another member's look-ups", who: NOBODY, run: async (d, s) => listLookups(d, s.actor, await stranger(d)) },
  },
  "skills.manage": { allowed: { state: "no resource", who: ADMIN, run: (d, s) => addSkill(d, s.actor, `Matrix ${uniqueSuffix()}`) }, restricted: roleOnly },
  "help.create": { allowed: { state: "no resource", who: VERIFIED, run: async (d, s) => (await ensureTestSkill(d), createHelpRequest(d, s.actor, helpInput())) }, restricted: roleOnly },
  "help.view": {
    allowed: { state: "another member's request", who: VERIFIED, run: async (d, s) => getHelpRequest(d, s.actor, (await createTestHelpRequest(d, { requesterId: await stranger(d) })).id) },
    restricted: { state: "own request, seen after losing verification", who: SIGNED_IN, run: async (d, s) => getHelpRequest(d, s.actor, (await createTestHelpRequest(d, { requesterId: await selfOrStranger(d, s) })).id) },
  },
  "help.invite": {
    allowed: { state: "own open request", who: VERIFIED, run: (d, s) => inviteSomeone(d, s, "open") },
    restricted: { state: "own closed request", who: NOBODY, run: (d, s) => inviteSomeone(d, s, "closed") },
  },
  "help.close": {
    allowed: { state: "own open request", who: VERIFIED, run: async (d, s) => closeHelpRequest(d, s.actor, { requestId: (await createTestHelpRequest(d, { requesterId: await selfOrStranger(d, s) })).id, outcome: "met", outcomeNote: "Done, thanks." }) },
    restricted: { state: "another member's request", who: NOBODY, run: async (d, s) => closeHelpRequest(d, s.actor, { requestId: (await createTestHelpRequest(d, { requesterId: await stranger(d) })).id, outcome: "met", outcomeNote: "Done, thanks." }) },
  },
  "help.answer": {
    allowed: { state: "invitation to an open request", who: VERIFIED, run: (d, s) => answerOwn(d, s, "open") },
    restricted: { state: "invitation to a closed request", who: NOBODY, run: (d, s) => answerOwn(d, s, "closed") },
  },
  "message.read": {
    allowed: { state: "own conversation", who: SIGNED_IN, run: async (d, s) => getThread(d, s.actor, await threadWith(d, s, true)) },
    restricted: { state: "two other members' conversation", who: NOBODY, run: async (d, s) => getThread(d, s.actor, await threadWith(d, s, false)) },
  },
  "message.send": {
    allowed: { state: "own conversation", who: ACTIVE, run: async (d, s) => sendMessage(d, s.actor, await threadWith(d, s, true), "Hello") },
    restricted: { state: "two other members' conversation", who: NOBODY, run: async (d, s) => sendMessage(d, s.actor, await threadWith(d, s, false), "Hello") },
  },
  "story.submit": {
    allowed: {
      state: "no resource",
      who: VERIFIED,
      run: (d, s) => submitStory(d, s.actor, { title: "Matrix story", body: "x".repeat(60), occurredOn: "2025-01-01", place: "Hull", themeId: s.themeId, role: "witness", consentLevel: "internal", wordingVersion: CONSENT_WORDING.internal.version, expiryMonths: 12 }),
    },
    restricted: roleOnly,
  },
  "story.view": {
    allowed: { state: "own story", who: SIGNED_IN, refusal: "hidden", run: async (d, s) => getStory(d, s.actor, (await ownStory(d, s)).id) },
    restricted: { state: "another member's story in the theme", who: CURATOR, refusal: "hidden", run: async (d, s) => getStory(d, s.actor, (await strangersStory(d, s)).id) },
  },
  "story.edit": {
    allowed: { state: "own submitted story", who: VERIFIED, run: async (d, s) => editStory(d, s.actor, { storyId: (await ownStory(d, s)).id, title: "Edited", body: "y".repeat(60), occurredOn: "2025-01-01", place: "Hull", themeId: s.themeId, role: "subject" }) },
    restricted: { state: "own accepted story", who: NOBODY, run: async (d, s) => editStory(d, s.actor, { storyId: (await ownStory(d, s, { status: "accepted" })).id, title: "Edited", body: "y".repeat(60), occurredOn: "2025-01-01", place: "Hull", themeId: s.themeId, role: "subject" }) },
  },
  "story.attest": {
    allowed: { state: "another member's story", who: VERIFIED, run: async (d, s) => attestStory(d, s.actor, { token: (await strangersStory(d, s)).attestToken, relation: "I was there too." }) },
    restricted: { state: "a declined story", who: NOBODY, run: async (d, s) => attestStory(d, s.actor, { token: (await strangersStory(d, s, { status: "declined" })).attestToken, relation: "I was there too." }) },
  },
  "story.consent": {
    allowed: { state: "own story", who: SIGNED_IN, run: async (d, s) => changeConsent(d, s.actor, { storyId: (await ownStory(d, s)).id, change: "withdraw" }) },
    restricted: { state: "another member's story", who: NOBODY, run: async (d, s) => changeConsent(d, s.actor, { storyId: (await strangersStory(d, s)).id, change: "withdraw" }) },
  },
  "story.approveRedaction": {
    allowed: { state: "own story with a redaction proposed", who: ACTIVE, run: async (d, s) => decideRedaction(d, s.actor, { storyId: (await ownStory(d, s, { status: "accepted", redaction: "proposed" })).id, decision: "approve" }) },
    restricted: { state: "own story with no redaction proposed", who: NOBODY, run: async (d, s) => decideRedaction(d, s.actor, { storyId: (await ownStory(d, s, { status: "accepted" })).id, decision: "approve" }) },
  },
  "story.review": {
    allowed: { state: "another member's submitted story in the theme", who: CURATOR, run: async (d, s) => reviewStory(d, s.actor, { storyId: (await strangersStory(d, s)).id, decision: "accept", reason: null }) },
    restricted: { state: "own story in the theme", who: NOBODY, run: async (d, s) => reviewStory(d, s.actor, { storyId: (await ownStory(d, s)).id, decision: "accept", reason: null }) },
  },
  "story.redact": {
    allowed: { state: "accepted story in the theme", who: CURATOR, run: async (d, s) => proposeRedaction(d, s.actor, { storyId: (await strangersStory(d, s, { status: "accepted" })).id, redactedBody: "A redacted text for the matrix.", note: null }) },
    restricted: { state: "story not yet accepted", who: NOBODY, run: async (d, s) => proposeRedaction(d, s.actor, { storyId: (await strangersStory(d, s)).id, redactedBody: "A redacted text for the matrix.", note: null }) },
  },
  "story.use": {
    allowed: { state: "accepted story, redaction approved", who: CURATOR, run: async (d, s) => quoteStoryInResponse(d, s.actor, { storyId: (await usable(d, s)).id, paperId: (await createTestPaper(d, { themeId: s.themeId })).id, as: "named" }) },
    restricted: {
      state: "redaction not yet approved",
      who: NOBODY,
      run: async (d, s) => quoteStoryInResponse(d, s.actor, { storyId: (await strangersStory(d, s, { status: "accepted", redaction: "proposed" })).id, paperId: (await createTestPaper(d, { themeId: s.themeId })).id, as: "named" }),
    },
  },
  "story.reviewQueue": { allowed: { state: "no resource", who: CURATOR, run: (d, s) => listCuratedStories(d, s.actor) }, restricted: roleOnly },
  "pressPack.create": {
    allowed: { state: "curated theme", who: CURATOR, run: async (d, s) => createPressPack(d, s.actor, { themeId: s.themeId, title: "Matrix pack", storyIds: [(await usable(d, s)).id] }) },
    restricted: {
      state: "another theme",
      who: NOBODY,
      run: async (d, s) => {
        const other = await createTestTheme(d);
        const story = await createTestStory(d, { authorId: await stranger(d), themeId: other.id, status: "accepted", redaction: "approved" });
        return createPressPack(d, s.actor, { themeId: other.id, title: "Matrix pack", storyIds: [story.id] });
      },
    },
  },
};
