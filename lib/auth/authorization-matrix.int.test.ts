/**
 * The authorisation matrix: every action that exists, run for real against the database by
 * every kind of person, asserting allow or deny. A new action must be added here, or the
 * completeness check at the end fails. The table is written to test-results/ for review.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { afterAll, describe, expect, it } from "vitest";
import { closeDb, getDb, type Db } from "@/db";
import { loadActor } from "@/lib/auth/actor";
import { ACTIONS, VISITOR, can, type Action, type Actor } from "@/lib/auth/permissions";
import { listAuditLog } from "@/lib/audit/queries";
import { ensureResponse, ensureSynthesis, getResponseForReaders, getSynthesisForReaders, issueCollabToken } from "@/lib/collab/documents";
import { isAppError } from "@/lib/errors";
import { listOutbox } from "@/lib/mail/queries";
import { grantRole, reinstateMember, revokeRole, suspendMember, updateProfile } from "@/lib/members/commands";
import { listMembers } from "@/lib/members/queries";
import { claimMembership, importRoll, verifyByHand } from "@/lib/membership/commands";
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

/**
 * Rule-only cells for actions whose command is still being written: they check the rule against a
 * real row. Each is replaced by the command that pages call as soon as that command exists.
 */
const rule = <A extends Action>(action: A, resource: (d: Db, cell: Cell) => Promise<Parameters<typeof can<A>>[2]>) =>
  async (d: Db, cell: Cell) => {
    if (!can(cell.actor, action, await resource(d, cell))) throw new Error("denied");
  };
const paperOf = async (d: Db, opts: Parameters<typeof createTestPaper>[1] = {}) => loadPaperResource(d, (await createTestPaper(d, opts)).id);
const commentOf = async (d: Db, paperOpts: Parameters<typeof createTestPaper>[1], commentOpts: { own?: boolean; actorId: string | null; hidden?: boolean }) => {
  const paper = await createTestPaper(d, paperOpts);
  const comment = await createTestComment(d, { paperId: paper.id, authorId: commentOpts.own ? commentOpts.actorId : undefined, hidden: commentOpts.hidden });
  return loadCommentResource(d, comment.id);
};
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
  "paper.create": rule("paper.create", openTheme),
  "paper.view": rule("paper.view", (d) => paperOf(d, { hidden: true })),
  "paper.viewDraft": rule("paper.viewDraft", (d) => paperOf(d, { status: "submitted" })),
  "paper.edit": rule("paper.edit", (d, { actor }) => paperOf(d, { status: "returned", authorId: actor.id })),
  "paper.submit": rule("paper.submit", (d, { actor }) => paperOf(d, { status: "draft", authorId: actor.id })),
  "paper.review": rule("paper.review", (d) => paperOf(d, { status: "submitted" })),
  "paper.reviewQueue": rule("paper.reviewQueue", async () => null),
  "paper.hide": rule("paper.hide", (d) => paperOf(d)),
  "paper.restore": rule("paper.restore", (d) => paperOf(d, { hidden: true })),
  "call.create": rule("call.create", openTheme),
  "call.close": rule("call.close", openTheme),
  "comment.view": rule("comment.view", async (d) => paperOf(d, { themeId: (await createTestTheme(d, { discussionPublic: false })).id })),
  "comment.create": rule("comment.create", (d) => paperOf(d)),
  "comment.vote": rule("comment.vote", (d, { actor }) => commentOf(d, {}, { actorId: actor.id })),
  "comment.edit": rule("comment.edit", (d, { actor }) => commentOf(d, {}, { own: true, actorId: actor.id })),
  "comment.delete": rule("comment.delete", (d, { actor }) => commentOf(d, {}, { own: true, actorId: actor.id })),
  "comment.hide": rule("comment.hide", (d, { actor }) => commentOf(d, {}, { actorId: actor.id })),
  "comment.restore": rule("comment.restore", (d, { actor }) => commentOf(d, {}, { actorId: actor.id, hidden: true })),
  "comment.viewHidden": rule("comment.viewHidden", (d, { actor }) => commentOf(d, {}, { actorId: actor.id, hidden: true })),
  "follow.manage": rule("follow.manage", async (_d, { actor }) => ({ userId: actor.id ?? "nobody" })),
  "notification.read": rule("notification.read", async (_d, { actor }) => ({ userId: actor.id ?? "nobody" })),
  "notification.settings": rule("notification.settings", async (_d, { actor }) => ({ userId: actor.id ?? "nobody" })),
  "response.view": async (d, { actor }) => {
    const paper = await createTestPaper(d, { hidden: true });
    await ensureResponse(d, paper.id);
    return getResponseForReaders(d, actor, paper.id);
  },
  "response.edit": async (d, { actor }) => issueCollabToken(d, actor, `response.${await ensureResponse(d, (await createTestPaper(d)).id)}`, "write"),
  "synthesis.view": async (d, { actor }) => getSynthesisForReaders(d, actor, (await createTestTheme(d, { archivedAt: new Date() })).id),
  "synthesis.edit": async (d, { actor, themeId }) => issueCollabToken(d, actor, `synthesis.${await ensureSynthesis(d, themeId)}`, "write"),
  "synthesis.suggest": rule("synthesis.suggest", async (d) => {
    const theme = await createTestTheme(d);
    return { id: await ensureSynthesis(d, theme.id), theme };
  }),
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
