/**
 * The authorisation matrix: every action that exists, run for real against the database by
 * every kind of person, asserting allow or deny. A new action must be added here, or the
 * completeness check at the end fails. The table is written to test-results/ for review.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { afterAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { closeDb, getDb, type Db } from "@/db";
import { callsForPapers, notifications, papers } from "@/db/schema";
import { loadActor } from "@/lib/auth/actor";
import { ACTIONS, VISITOR, can, type Action, type Actor } from "@/lib/auth/permissions";
import { listAuditLog } from "@/lib/audit/queries";
import { follow, openNotification, updateNotificationSettings } from "@/lib/following/commands";
import { notify } from "@/lib/following/notify";
import { acceptFact, amendFact, commentOnDispute, confirmFact, disputeFact, editProposedFact, proposeFact, resolveDispute, retractFact } from "@/lib/facts/commands";
import { getDispute, getFactDetail, listReviewQueue as listFactReviewQueue } from "@/lib/facts/queries";
import { createTestDispute, createTestFact, factInput } from "@/lib/facts/test-factory";
import { ensureResponse, ensureSynthesis, getResponseForReaders, getSynthesisForReaders, issueCollabToken } from "@/lib/collab/documents";
import { isAppError } from "@/lib/errors";
import { createSuggestion } from "@/lib/synthesis/suggestions";
import { listOutbox } from "@/lib/mail/queries";
import { grantRole, reinstateMember, revokeRole, suspendMember, updateProfile } from "@/lib/members/commands";
import { listMembers } from "@/lib/members/queries";
import { claimMembership, importRoll, verifyByHand } from "@/lib/membership/commands";
import { closeCall, createCall, reviewPaper, saveDraft, setPaperHidden, submitPaper } from "@/lib/papers/commands";
import { getPaperForReading, getWorkingCopy, listReviewQueue } from "@/lib/papers/queries";
import { deleteComment, editComment, postComment, setCommentHidden, setUsefulVote } from "@/lib/discussion/commands";
import { getThread } from "@/lib/discussion/queries";
import { loadCommentResource, loadPaperResource } from "@/lib/papers/resource";
import { createPerson, createRollEntry, createTestComment, createTestPaper, createTestTheme, uniqueSuffix, type PersonSpec } from "@/lib/testing/factories";
import { createTheme, moveTheme, setCurators, setThemeArchived, updateTheme } from "@/lib/themes/commands";
import { getThemeBySlug } from "@/lib/themes/queries";

const db = getDb();
afterAll(() => closeDb());

const ROLES = ["visitor", "registered", "member", "curator", "moderator", "fact_editor", "council", "admin", "suspended admin"] as const;
type Role = (typeof ROLES)[number];

interface Cell {
  actor: Actor;
  /** A theme the actor curates when the role is curator. */
  themeId: string;
}

async function makeActor(role: Role): Promise<Cell> {
  const theme = await createTestTheme(db);
  if (role === "visitor") return { actor: VISITOR, themeId: theme.id };
  const spec: PersonSpec = {
    registered: { standing: "registered" },
    member: {},
    curator: { curates: [theme.id] },
    moderator: { roles: ["moderator"] },
    fact_editor: { roles: ["fact_editor"] },
    council: { roles: ["council"] },
    admin: { roles: ["admin"] },
    "suspended admin": { roles: ["admin"], standing: "suspended" },
  }[role] as PersonSpec;
  const person = await createPerson(db, spec);
  return { actor: await loadActor(db, person.id), themeId: theme.id };
}

const themeInput = () => ({ title: "Matrix", slug: `m-${uniqueSuffix()}`, description: "", colour: "#000000", discussionPublic: true });
const plainMember = async () => (await createPerson(db)).id;

const paperOf = async (d: Db, opts: Parameters<typeof createTestPaper>[1] = {}) => loadPaperResource(d, (await createTestPaper(d, opts)).id);
const commentOf = async (d: Db, paperOpts: Parameters<typeof createTestPaper>[1], commentOpts: { own?: boolean; actorId: string | null; hidden?: boolean }) => {
  const paper = await createTestPaper(d, paperOpts);
  const comment = await createTestComment(d, { paperId: paper.id, authorId: commentOpts.own ? commentOpts.actorId : undefined, hidden: commentOpts.hidden });
  return loadCommentResource(d, comment.id);
};
const matrixDoc = { type: "doc" as const, content: [{ type: "paragraph", content: [{ type: "text", text: Array.from({ length: 40 }, (_, i) => `word${i}`).join(" ") }] }] };
const openTheme = async (d: Db) => ({ ...(await createTestTheme(d)) });

/** How each action is exercised: through the command or query that pages and actions call. */
const RUN: Record<Action, (db: Db, cell: Cell) => Promise<unknown>> = {
  "theme.view": async (d, { actor }) => {
    const theme = await createTestTheme(d, { archivedAt: new Date() });
    return getThemeBySlug(d, actor, theme.slug);
  },
  // No command reads discussion yet (papers come next); the rule itself is what pages will call.
  "theme.viewDiscussion": async (_d, { actor }) => {
    if (!can(actor, "theme.viewDiscussion", { id: "x", archivedAt: null, discussionPublic: false })) throw new Error("denied");
  },
  "theme.create": (d, { actor }) => createTheme(d, actor, themeInput()),
  "theme.update": async (d, { actor }) => updateTheme(d, actor, (await createTestTheme(d)).id, themeInput()),
  "theme.archive": async (d, { actor }) => setThemeArchived(d, actor, (await createTestTheme(d)).id, true),
  "theme.reorder": async (d, { actor }) => moveTheme(d, actor, (await createTestTheme(d)).id, "up"),
  "theme.setCurators": async (d, { actor }) => setCurators(d, actor, (await createTestTheme(d)).id, []),
  "roll.import": (d, { actor }) => importRoll(d, actor, { filename: "m.csv", text: `member_number,postcode\nMX${uniqueSuffix()},SW1A 1AA\n` }),
  "member.list": (d, { actor }) => listMembers(d, actor, { q: "", page: 1 }),
  "member.verify": async (d, { actor }) => verifyByHand(d, actor, { userId: (await createPerson(d, { standing: "registered" })).id, reason: "Card checked" }),
  "member.suspend": async (d, { actor }) => suspendMember(d, actor, { userId: await plainMember(), reason: "Matrix test" }),
  "member.reinstate": async (d, { actor }) => reinstateMember(d, actor, { userId: (await createPerson(d, { standing: "suspended" })).id, reason: "Matrix test" }),
  "role.grant": async (d, { actor }) => grantRole(d, actor, { userId: await plainMember(), role: "council", reason: "Matrix test" }),
  "role.revoke": async (d, { actor }) => revokeRole(d, actor, { userId: (await createPerson(d, { roles: ["council"] })).id, role: "council", reason: "Matrix test" }),
  "profile.update": (d, { actor }) => updateProfile(d, actor, { displayName: "Renamed", usePseudonym: false }),
  "membership.claim": async (d, { actor }) => {
    const roll = await createRollEntry(d);
    return claimMembership(d, actor, roll);
  },
  "outbox.read": (d, { actor }) => listOutbox(d, actor, { developmentMode: false }),
  "auditLog.view": (d, { actor }) => listAuditLog(d, actor, { page: 1 }),
  "paper.create": async (d, { actor }) => saveDraft(d, actor, { themeSlug: (await openTheme(d)).slug, title: "Matrix", summary: "", content: matrixDoc }),
  "paper.view": async (d, { actor }) => {
    // Everyone else gets the placeholder that says a moderator hid it, not the paper.
    const reading = await getPaperForReading(d, actor, (await createTestPaper(d, { hidden: true })).id);
    if (reading.kind === "hidden") throw new Error("denied");
  },
  "paper.viewDraft": async (d, { actor }) => getWorkingCopy(d, actor, (await createTestPaper(d, { status: "submitted" })).id),
  "paper.edit": async (d, { actor }) =>
    saveDraft(d, actor, { paperId: (await createTestPaper(d, { status: "returned", authorId: actor.id })).id, title: "Matrix", summary: "", content: matrixDoc }),
  "paper.submit": async (d, { actor }) => {
    const paper = await createTestPaper(d, { status: "draft", authorId: actor.id });
    await d.update(papers).set({ content: matrixDoc }).where(eq(papers.id, paper.id));
    return submitPaper(d, actor, paper.id);
  },
  "paper.review": async (d, { actor }) =>
    reviewPaper(d, actor, { paperId: (await createTestPaper(d, { status: "submitted" })).id, decision: "return", reason: "Matrix test: please revise." }),
  "paper.reviewQueue": (d, { actor }) => listReviewQueue(d, actor),
  "paper.hide": async (d, { actor }) => setPaperHidden(d, actor, (await createTestPaper(d)).id, true, "Matrix test"),
  "paper.restore": async (d, { actor }) => setPaperHidden(d, actor, (await createTestPaper(d, { hidden: true })).id, false, "Matrix test"),
  "call.create": async (d, { actor }) => createCall(d, actor, { themeId: (await openTheme(d)).id, title: "Matrix call", description: "", deadline: new Date(Date.now() + 86_400_000) }),
  "call.close": async (d, { actor }) => {
    const [call] = await d
      .insert(callsForPapers)
      .values({ themeId: (await openTheme(d)).id, title: "Matrix call", deadline: new Date(Date.now() + 86_400_000) })
      .returning({ id: callsForPapers.id });
    return closeCall(d, actor, call!.id);
  },
  "comment.view": async (d, { actor }) => getThread(d, actor, (await paperOf(d, { themeId: (await createTestTheme(d, { discussionPublic: false })).id })).id),
  "comment.create": async (d, { actor }) => postComment(d, actor, { paperId: (await createTestPaper(d)).id, parentId: null, body: "Matrix comment", quote: null }),
  "comment.vote": async (d, { actor }) => setUsefulVote(d, actor, (await commentOf(d, {}, { actorId: actor.id })).id, true),
  "comment.edit": async (d, { actor }) => editComment(d, actor, { commentId: (await commentOf(d, {}, { own: true, actorId: actor.id })).id, body: "Edited in the matrix" }),
  "comment.delete": async (d, { actor }) => deleteComment(d, actor, (await commentOf(d, {}, { own: true, actorId: actor.id })).id),
  "comment.hide": async (d, { actor }) => setCommentHidden(d, actor, { commentId: (await commentOf(d, {}, { actorId: actor.id })).id, reason: "Matrix test" }, true),
  "comment.restore": async (d, { actor }) => setCommentHidden(d, actor, { commentId: (await commentOf(d, {}, { actorId: actor.id, hidden: true })).id, reason: "Matrix test" }, false),
  // Hidden text reaches only those the rule allows: the thread query leaves it out for everyone else.
  "comment.viewHidden": async (d, { actor }) => {
    const hidden = await commentOf(d, {}, { actorId: actor.id, hidden: true });
    const thread = await getThread(d, actor, hidden.paper.id);
    if (!thread.roots.find((c) => c.id === hidden.id)?.bodyHtml) throw new Error("denied");
  },
  "follow.manage": (d, { actor, themeId }) => follow(d, actor, { targetType: "theme", targetId: themeId }),
  // Opening one's own notification (marks it read); a visitor tries someone else's.
  "notification.read": async (d, { actor }) => {
    const owner = actor.id ?? (await plainMember());
    await notify(d, [owner], { kind: "paper_published", title: "Matrix", url: "/", text: "Matrix" });
    const [mine] = await d.select({ id: notifications.id }).from(notifications).where(eq(notifications.userId, owner)).limit(1);
    return openNotification(d, actor, mine!.id);
  },
  "notification.settings": (d, { actor }) =>
    updateNotificationSettings(d, actor, { emailPaperPublished: false, emailCommentReply: true, emailPaperDecision: true, emailModeration: true }),
  "fact.view": async (d, { actor }) => getFactDetail(d, actor, (await createTestFact(d, { status: "proposed" })).id),
  "fact.propose": async (d, { actor, themeId }) => proposeFact(d, actor, factInput({ themeIds: [themeId] })),
  "fact.edit": async (d, { actor, themeId }) => editProposedFact(d, actor, (await createTestFact(d, { status: "proposed", proposedBy: actor.id })).id, factInput({ themeIds: [themeId] })),
  "fact.review": async (d, { actor }) => acceptFact(d, actor, (await createTestFact(d, { status: "proposed" })).id, null),
  "fact.amend": async (d, { actor, themeId }) => amendFact(d, actor, (await createTestFact(d)).id, factInput({ themeIds: [themeId] }), "Matrix test"),
  "fact.retract": async (d, { actor }) => retractFact(d, actor, (await createTestFact(d)).id, "Matrix test"),
  "fact.reviewQueue": (d, { actor }) => listFactReviewQueue(d, actor),
  "fact.confirm": async (d, { actor }) => confirmFact(d, actor, (await createTestFact(d)).id, null),
  "fact.dispute": async (d, { actor }) => disputeFact(d, actor, (await createTestFact(d)).id, { reason: "Matrix test dispute", counterSourceUrl: null, counterSourceTitle: null }),
  // A dispute on a fact the public cannot see (its fact went back to review) is as hidden as the fact.
  "dispute.view": async (d, { actor }) => getDispute(d, actor, (await createTestDispute(d, { factId: (await createTestFact(d, { status: "proposed" })).id })).id),
  "dispute.comment": async (d, { actor }) => commentOnDispute(d, actor, (await createTestDispute(d)).id, { body: "Matrix test" }),
  "dispute.resolve": async (d, { actor }) => resolveDispute(d, actor, (await createTestDispute(d)).id, { outcome: "upheld", reason: "Matrix test" }),
  "response.view": async (d, { actor }) => {
    const paper = await createTestPaper(d, { hidden: true });
    await ensureResponse(d, paper.id);
    return getResponseForReaders(d, actor, paper.id);
  },
  "response.edit": async (d, { actor }) => issueCollabToken(d, actor, `response.${await ensureResponse(d, (await createTestPaper(d)).id)}`, "write"),
  "synthesis.view": async (d, { actor }) => getSynthesisForReaders(d, actor, (await createTestTheme(d, { archivedAt: new Date() })).id),
  "synthesis.edit": async (d, { actor, themeId }) => issueCollabToken(d, actor, `synthesis.${await ensureSynthesis(d, themeId)}`, "write"),
  "synthesis.suggest": async (d, { actor }) => createSuggestion(d, actor, { themeId: (await createTestTheme(d)).id, body: "Matrix suggestion" }),
  // Entering /admin is a navigation rule only; each admin page and command checks its own action.
  "admin.enter": async (_d, { actor }) => {
    if (!can(actor, "admin.enter", null)) throw new Error("denied");
  },
};

const ALL = new Set<Role>(ROLES);
const only = (...roles: Role[]) => new Set<Role>(roles);
const ADMIN = only("admin");
/** Verified members in good standing, whatever their role. */
const VERIFIED = only("member", "curator", "moderator", "fact_editor", "council", "admin");
/** Anyone signed in and not suspended. */
const ACTIVE = only("registered", "member", "curator", "moderator", "fact_editor", "council", "admin");

/** Who may do what. Suspension overrides every role, so "suspended admin" is denied all but reading. */
const EXPECTED: Record<Action, Set<Role>> = {
  "theme.view": ADMIN,
  "theme.viewDiscussion": only("member", "curator", "moderator", "fact_editor", "council", "admin", "suspended admin"),
  "theme.create": ADMIN,
  "theme.update": ADMIN,
  "theme.archive": ADMIN,
  "theme.reorder": ADMIN,
  "theme.setCurators": ADMIN,
  "roll.import": ADMIN,
  "member.list": only("moderator", "admin"),
  "member.verify": ADMIN,
  "member.suspend": only("moderator", "admin"),
  "member.reinstate": only("moderator", "admin"),
  "role.grant": ADMIN,
  "role.revoke": ADMIN,
  "profile.update": only("registered", "member", "curator", "moderator", "fact_editor", "council", "admin"),
  "membership.claim": only("registered"),
  "outbox.read": ADMIN,
  "paper.create": VERIFIED,
  "paper.view": only("moderator", "council", "admin"),
  "paper.viewDraft": only("council", "admin"),
  "paper.edit": VERIFIED,
  "paper.submit": VERIFIED,
  "paper.review": only("council"),
  "paper.reviewQueue": only("council", "admin"),
  "paper.hide": only("moderator"),
  "paper.restore": only("moderator"),
  "call.create": only("council"),
  "call.close": only("council"),
  "comment.view": only("member", "curator", "moderator", "fact_editor", "council", "admin", "suspended admin"),
  "comment.create": VERIFIED,
  "comment.vote": VERIFIED,
  "comment.edit": VERIFIED,
  "comment.delete": ACTIVE,
  "comment.hide": only("moderator"),
  "comment.restore": only("moderator"),
  "comment.viewHidden": only("moderator", "admin"),
  "follow.manage": ACTIVE,
  "notification.read": only("registered", "member", "curator", "moderator", "fact_editor", "council", "admin", "suspended admin"),
  "notification.settings": ACTIVE,
  "fact.view": only("fact_editor", "admin"),
  "fact.propose": VERIFIED,
  "fact.edit": VERIFIED,
  "fact.review": only("fact_editor"),
  "fact.amend": only("fact_editor"),
  "fact.retract": only("fact_editor"),
  "fact.reviewQueue": only("fact_editor", "admin"),
  "fact.confirm": VERIFIED,
  "fact.dispute": VERIFIED,
  "dispute.view": only("fact_editor", "admin"),
  "dispute.comment": VERIFIED,
  "dispute.resolve": only("fact_editor"),
  "auditLog.view": ALL,
  "response.view": only("moderator", "council", "admin"),
  "response.edit": VERIFIED,
  "synthesis.view": ADMIN,
  "synthesis.edit": only("curator", "admin"),
  "synthesis.suggest": VERIFIED,
  "admin.enter": only("moderator", "admin"),
};

const results: Record<string, Record<string, "allow" | "deny">> = {};

describe("authorisation matrix", () => {
  for (const action of ACTIONS) {
    describe(action, () => {
      for (const role of ROLES) {
        const allowed = EXPECTED[action].has(role);
        it(`${role} is ${allowed ? "allowed" : "denied"}`, async () => {
          const cell = await makeActor(role);
          const outcome = await RUN[action](db, cell).then(
            () => "allow" as const,
            (e: unknown) => {
              // A denial is a typed error (forbidden, unauthenticated, or not_found for hidden things); anything else is a bug.
              if (isAppError(e) && ["forbidden", "unauthenticated", "not_found"].includes(e.kind)) return "deny" as const;
              if (e instanceof Error && e.message === "denied") return "deny" as const;
              throw e;
            },
          );
          (results[action] ??= {})[role] = outcome;
          expect(outcome).toBe(allowed ? "allow" : "deny");
        });
      }
    });
  }

  it("covers every action the permission rules define", () => {
    expect(Object.keys(RUN).sort()).toEqual([...ACTIONS].sort());
    expect(Object.keys(EXPECTED).sort()).toEqual([...ACTIONS].sort());
  });
});

afterAll(() => {
  const header = `| action | ${ROLES.join(" | ")} |\n|---|${ROLES.map(() => "---").join("|")}|`;
  const rows = ACTIONS.map((a) => `| ${a} | ${ROLES.map((r) => (results[a]?.[r] === "allow" ? "allow" : results[a]?.[r] === "deny" ? "·" : "?")).join(" | ")} |`);
  mkdirSync("test-results", { recursive: true });
  writeFileSync("test-results/authorization-matrix.md", `${header}\n${rows.join("\n")}\n`);
});
