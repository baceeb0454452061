/** Matrix cells for the actions of ../rules/convergence.ts: one entry per action (the type makes a missing one a compile error). */
import type { Db } from "@/db";
import { contactRequests } from "@/db/schema";
import type { ConvergenceResources } from "@/lib/auth/rules/convergence";
import { contactHandle, requestContact, respondToContact, setFindable } from "@/lib/map/contacts";
import { polisExport } from "@/lib/map/export";
import { getMapPage } from "@/lib/map/queries";
import { createStatement, setStatementHidden, voteOnStatement } from "@/lib/map/statements";
import { loadActor } from "@/lib/auth/actor";
import { addDigestPoint, publishDigest, startDigest } from "@/lib/digests/commands";
import { getDigestPage } from "@/lib/digests/queries";
import { createPerson, createTestComment, createTestPaper, createTestTheme } from "@/lib/testing/factories";
import { NOBODY, VERIFIED, only, type MatrixCells, type Subject } from "./harness";

const member = async (d: Db) => loadActor(d, (await createPerson(d)).id);
const moderator = async (d: Db) => loadActor(d, (await createPerson(d, { roles: ["moderator"] })).id);
/** A statement on a fresh theme, hidden by a moderator when asked. */
const statement = async (d: Db, hidden = false, theme?: { id: string }) => {
  const t = theme ?? (await createTestTheme(d));
  const { id } = await createStatement(d, await member(d), { themeId: t.id, body: `Matrix statement ${Math.random().toString(36).slice(2, 8)}` });
  if (hidden) await setStatementHidden(d, await moderator(d), { statementId: id, reason: "Matrix test reason" }, true);
  return id;
};
const READERS_OF_MEMBERS_ONLY = only("member", "curator", "moderator", "fact_editor", "council", "admin", "suspended admin");
const slugOf = async (d: Db, discussionPublic: boolean) => (await createTestTheme(d, { discussionPublic })).slug;
/** A pending request from a findable member to the actor (or to a stranger, for a visitor). */
const requestTo = async (d: Db, s: Subject, answered = false) => {
  const theme = await createTestTheme(d);
  const to = s.actor.id ?? (await createPerson(d)).id;
  const [row] = await d
    .insert(contactRequests)
    .values({ themeId: theme.id, fromId: (await createPerson(d)).id, toId: to, status: answered ? "declined" : "pending" })
    .returning({ id: contactRequests.id });
  return row!.id;
};
/** Asks a member to be in touch, who opted in to be findable on the theme or not. */
const askFindable = async (d: Db, s: Subject, findable: boolean) => {
  const theme = await createTestTheme(d);
  const target = await member(d);
  if (findable) await setFindable(d, target, theme.id, true);
  return requestContact(d, s.actor, { themeId: theme.id, handle: contactHandle(theme.id, target.id!) });
};

/** A paper of a theme with Digest v1 published by the theme's curator. */
const publishedDigest = async (d: Db, discussionPublic: boolean) => {
  const theme = await createTestTheme(d, { discussionPublic });
  const paper = await createTestPaper(d, { themeId: theme.id });
  const comment = await createTestComment(d, { paperId: paper.id });
  const curator = await loadActor(d, (await createPerson(d, { curates: [theme.id] })).id);
  const { id } = await startDigest(d, curator, paper.id);
  await addDigestPoint(d, curator, { digestId: id, section: "consensus", body: "Matrix point", commentIds: [comment.id], evidenceStatementId: null });
  await publishDigest(d, curator, id);
  return paper.id;
};

export const convergenceCells: MatrixCells<ConvergenceResources> = {
  "statement.create": {
    allowed: { state: "active theme", who: VERIFIED, run: (d, s) => createStatement(d, s.actor, { themeId: s.themeId, body: "Matrix: a statement to vote on" }) },
    restricted: { state: "archived theme", who: NOBODY, run: async (d, s) => createStatement(d, s.actor, { themeId: (await createTestTheme(d, { archivedAt: new Date() })).id, body: "Matrix: a statement to vote on" }) },
  },
  "statement.vote": {
    allowed: { state: "visible statement", who: VERIFIED, run: async (d, s) => voteOnStatement(d, s.actor, { statementId: await statement(d), vote: "agree" }) },
    restricted: { state: "hidden statement", who: NOBODY, run: async (d, s) => voteOnStatement(d, s.actor, { statementId: await statement(d, true), vote: "agree" }) },
  },
  "statement.hide": {
    allowed: { state: "visible statement", who: only("moderator"), run: async (d, s) => setStatementHidden(d, s.actor, { statementId: await statement(d), reason: "Matrix test reason" }, true) },
    restricted: { state: "already hidden", who: NOBODY, run: async (d, s) => setStatementHidden(d, s.actor, { statementId: await statement(d, true), reason: "Matrix test reason" }, true) },
  },
  "statement.restore": {
    allowed: { state: "hidden statement", who: only("moderator"), run: async (d, s) => setStatementHidden(d, s.actor, { statementId: await statement(d, true), reason: "Matrix test reason" }, false) },
    restricted: { state: "visible statement", who: NOBODY, run: async (d, s) => setStatementHidden(d, s.actor, { statementId: await statement(d), reason: "Matrix test reason" }, false) },
  },
  "map.view": {
    allowed: { state: "public discussion", who: only("visitor", "registered", ...READERS_OF_MEMBERS_ONLY), run: async (d, s) => getMapPage(d, s.actor, await slugOf(d, true)) },
    restricted: { state: "members-only discussion", who: READERS_OF_MEMBERS_ONLY, run: async (d, s) => getMapPage(d, s.actor, await slugOf(d, false)) },
  },
  "map.export": {
    allowed: { state: "public discussion", who: only("visitor", "registered", ...READERS_OF_MEMBERS_ONLY), run: async (d, s) => polisExport(d, s.actor, await slugOf(d, true), "votes") },
    restricted: { state: "members-only discussion", who: READERS_OF_MEMBERS_ONLY, run: async (d, s) => polisExport(d, s.actor, await slugOf(d, false), "participant-votes") },
  },
  "map.setFindable": {
    allowed: { state: "active theme", who: VERIFIED, run: (d, s) => setFindable(d, s.actor, s.themeId, true) },
    restricted: { state: "archived theme", who: NOBODY, run: async (d, s) => setFindable(d, s.actor, (await createTestTheme(d, { archivedAt: new Date() })).id, true) },
  },
  "contact.request": {
    allowed: { state: "a member who opted in", who: VERIFIED, run: (d, s) => askFindable(d, s, true) },
    // Someone who did not opt in cannot be found at all, so the handle resolves to nobody.
    restricted: { state: "a member who did not opt in", who: NOBODY, refusal: "hidden", run: (d, s) => askFindable(d, s, false) },
  },
  "contact.respond": {
    // A request to someone else is not found for whoever is not party to it (a visitor is no party).
    allowed: { state: "a pending request to oneself", who: VERIFIED, refusal: "hidden", run: async (d, s) => respondToContact(d, s.actor, { requestId: await requestTo(d, s), accept: true }) },
    restricted: { state: "a request already declined", who: NOBODY, refusal: "hidden", run: async (d, s) => respondToContact(d, s.actor, { requestId: await requestTo(d, s, true), accept: true }) },
  },
  "digest.view": {
    allowed: { state: "published digest, public discussion", who: only("visitor", "registered", ...READERS_OF_MEMBERS_ONLY), run: async (d, s) => getDigestPage(d, s.actor, await publishedDigest(d, true)) },
    restricted: { state: "published digest, members-only discussion", who: READERS_OF_MEMBERS_ONLY, run: async (d, s) => getDigestPage(d, s.actor, await publishedDigest(d, false)) },
  },
  "digest.edit": {
    // The subject's theme is the one a curator curates.
    allowed: { state: "published paper", who: only("curator", "admin"), run: async (d, s) => startDigest(d, s.actor, (await createTestPaper(d, { themeId: s.themeId })).id) },
    restricted: { state: "unpublished paper", who: NOBODY, run: async (d, s) => startDigest(d, s.actor, (await createTestPaper(d, { themeId: s.themeId, status: "submitted" })).id) },
  },
};
