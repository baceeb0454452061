/**
 * The permission rules of Commonplace, in one place and in plain TypeScript so that pages,
 * server actions, route handlers, scripts and the collaboration sidecar all ask the same question:
 * may this actor do this action to this resource? The actor is always loaded from the database
 * for the request at hand (see actor.ts), so a suspension or role change applies at once.
 */

import {
  type Actor,
  type CommentResource,
  type DisputeResource,
  type FactResource,
  type GlobalRole,
  type MemberResource,
  type PaperResource,
  type ResponseResource,
  type RuleTable,
  type SynthesisResource,
  type ThemeResource,
  isActive,
  isAdmin,
  isModerator,
  isCouncil,
  isVerified,
  isAuthor,
  themeOpen,
  paperIsPublic,
  isFactEditor,
  factIsPublic,
  isProposer,
  canReadDiscussion,
  themeVisible,
} from "./core";
import { convergenceRules, type ConvergenceResources } from "./rules/convergence";
import { councilRules, type CouncilResources } from "./rules/council";
import { directoryRules, type DirectoryResources } from "./rules/directory";
import { governanceRules, type GovernanceResources } from "./rules/governance";
import { openDataRules, type OpenDataResources } from "./rules/open-data";

export * from "./core";

/** The core actions; each capability adds its own in `rules/<capability>.ts`. */
export interface CoreResources {
  "theme.view": ThemeResource;
  "theme.viewDiscussion": ThemeResource;
  "theme.create": null;
  "theme.update": ThemeResource;
  "theme.archive": ThemeResource;
  "theme.reorder": null;
  "theme.setCurators": ThemeResource;
  "paper.create": ThemeResource;
  "paper.view": PaperResource;
  "paper.viewDraft": PaperResource;
  "paper.edit": PaperResource;
  "paper.submit": PaperResource;
  "paper.review": PaperResource;
  "paper.reviewQueue": null;
  "paper.hide": PaperResource;
  "paper.restore": PaperResource;
  "call.create": ThemeResource;
  "call.close": ThemeResource;
  "comment.view": PaperResource;
  "comment.create": PaperResource;
  "comment.vote": CommentResource;
  "comment.edit": CommentResource;
  "comment.delete": CommentResource;
  "comment.hide": CommentResource;
  "comment.restore": CommentResource;
  "comment.viewHidden": CommentResource;
  "response.view": ResponseResource;
  "response.edit": ResponseResource;
  "synthesis.view": SynthesisResource;
  "synthesis.edit": SynthesisResource;
  "synthesis.suggest": SynthesisResource;
  "follow.manage": { userId: string };
  "notification.read": { userId: string };
  "notification.settings": { userId: string };
  "fact.view": FactResource;
  "fact.propose": null;
  "fact.edit": FactResource;
  "fact.review": FactResource;
  "fact.amend": FactResource;
  "fact.retract": FactResource;
  "fact.reviewQueue": null;
  "fact.confirm": FactResource;
  "fact.dispute": FactResource;
  "dispute.view": DisputeResource;
  "dispute.comment": DisputeResource;
  "dispute.resolve": DisputeResource;
  "roll.import": null;
  "member.list": null;
  "member.verify": MemberResource;
  "member.suspend": MemberResource;
  "member.reinstate": MemberResource;
  "role.grant": MemberResource;
  "role.revoke": MemberResource;
  "profile.update": { userId: string };
  "membership.claim": { userId: string };
  "outbox.read": { developmentMode: boolean };
  "auditLog.view": null;
  "admin.enter": null;
}

/** Each action and the resource it is checked against. */
export interface ActionResources extends CoreResources, GovernanceResources, CouncilResources, DirectoryResources, ConvergenceResources, OpenDataResources {}
export type Action = keyof ActionResources;

const coreRules: RuleTable<CoreResources> = {
  "theme.view": (a, theme) => themeVisible(a, theme),
  // Themes decide whether their discussion is public; members-only discussion needs a verified member.
  "theme.viewDiscussion": (a, theme) => themeVisible(a, theme) && canReadDiscussion(a, theme),
  "theme.create": (a) => isAdmin(a),
  "theme.update": (a) => isAdmin(a),
  "theme.archive": (a) => isAdmin(a),
  "theme.reorder": (a) => isAdmin(a),
  "theme.setCurators": (a) => isAdmin(a),
  "paper.create": (a, theme) => isVerified(a) && themeOpen(theme),
  // Moderators and the council see a hidden paper (to review the decision); its author sees it too.
  "paper.view": (a, p) =>
    paperIsPublic(p) || (p.publishedVersion > 0 && (isAuthor(a, p) || isModerator(a) || isCouncil(a) || isAdmin(a))),
  // The working copy (draft, in review, returned, rejected) is for its author and the council.
  "paper.viewDraft": (a, p) => (isAuthor(a, p) && a.standing !== "visitor") || isCouncil(a) || isAdmin(a),
  "paper.edit": (a, p) => isVerified(a) && isAuthor(a, p) && p.status !== "submitted" && p.status !== "rejected" && p.hiddenAt === null && themeOpen(p.theme),
  "paper.submit": (a, p) => isVerified(a) && isAuthor(a, p) && (p.status === "draft" || p.status === "returned") && p.hiddenAt === null && themeOpen(p.theme),
  // Nobody decides on their own paper.
  "paper.review": (a, p) => isCouncil(a) && !isAuthor(a, p) && p.status === "submitted",
  "paper.reviewQueue": (a) => isCouncil(a) || isAdmin(a),
  "paper.hide": (a, p) => isModerator(a) && p.hiddenAt === null,
  "paper.restore": (a, p) => isModerator(a) && p.hiddenAt !== null,
  "call.create": (a, theme) => isCouncil(a) && themeOpen(theme),
  "call.close": (a) => isCouncil(a),
  "comment.view": (a, p) => can(a, "paper.view", p) && canReadDiscussion(a, p.theme),
  "comment.create": (a, p) => isVerified(a) && paperIsPublic(p) && canReadDiscussion(a, p.theme),
  "comment.vote": (a, c) => isVerified(a) && !isAuthor(a, c) && c.deletedAt === null && c.hiddenAt === null && paperIsPublic(c.paper),
  "comment.edit": (a, c) => isVerified(a) && isAuthor(a, c) && c.deletedAt === null && c.hiddenAt === null && paperIsPublic(c.paper),
  "comment.delete": (a, c) => isActive(a) && isAuthor(a, c) && c.deletedAt === null,
  "comment.hide": (a, c) => isModerator(a) && c.hiddenAt === null && c.deletedAt === null,
  "comment.restore": (a, c) => isModerator(a) && c.hiddenAt !== null,
  // Hidden text stays readable to moderators (to review) and to its author (to appeal).
  "comment.viewHidden": (a, c) => isModerator(a) || isAdmin(a) || (isAuthor(a, c) && a.standing !== "visitor"),
  // Whoever may read the paper may read its Response.
  "response.view": (a, r) => can(a, "paper.view", r.paper),
  // Any verified member in good standing co-edits the Response of a public paper; others read it.
  "response.edit": (a, r) => isVerified(a) && paperIsPublic(r.paper),
  "synthesis.view": (a, s) => can(a, "theme.view", s.theme),
  // A theme's curators write its synthesis (admins may step in); members suggest through comments.
  "synthesis.edit": (a, s) => themeOpen(s.theme) && isActive(a) && (a.curatorOf.has(s.theme.id) || isAdmin(a)),
  "synthesis.suggest": (a, s) => isVerified(a) && themeOpen(s.theme),
  "follow.manage": (a, owner) => isActive(a) && a.id === owner.userId,
  "notification.read": (a, owner) => a.id !== null && a.id === owner.userId,
  "notification.settings": (a, owner) => isActive(a) && a.id === owner.userId,
  // Accepted and retracted facts are public (a retraction must stay visible); proposals only to their proposer and fact editors.
  "fact.view": (a, f) => factIsPublic(f) || isFactEditor(a) || isAdmin(a) || (isProposer(a, f) && a.standing !== "visitor"),
  "fact.propose": (a) => isVerified(a),
  // Once a fact editor has decided, members can no longer edit it, only dispute it.
  "fact.edit": (a, f) => isVerified(a) && isProposer(a, f) && f.status === "proposed",
  // Nobody accepts or rejects their own proposal.
  "fact.review": (a, f) => isFactEditor(a) && f.status === "proposed" && !isProposer(a, f),
  "fact.amend": (a, f) => isFactEditor(a) && (f.status === "accepted" || (f.status === "proposed" && !isProposer(a, f))),
  "fact.retract": (a, f) => isFactEditor(a) && f.status === "accepted",
  "fact.reviewQueue": (a) => isFactEditor(a) || isAdmin(a),
  // A proposer confirming their own fact would count twice.
  "fact.confirm": (a, f) => isVerified(a) && f.status === "accepted" && !isProposer(a, f),
  "fact.dispute": (a, f) => isVerified(a) && f.status === "accepted",
  "dispute.view": (a, d) => can(a, "fact.view", d.fact),
  "dispute.comment": (a, d) => isVerified(a) && d.status === "open" && factIsPublic(d.fact),
  // The member who opened a dispute does not settle it.
  "dispute.resolve": (a, d) => isFactEditor(a) && d.status === "open" && d.fact.status === "accepted" && !(a.id !== null && d.openedBy === a.id),
  "roll.import": (a) => isAdmin(a),
  "member.list": (a) => isAdmin(a) || isModerator(a),
  "member.verify": (a, target) => isAdmin(a) && target.id !== a.id,
  // Moderators suspend ordinary accounts; only an admin may suspend another role-holder. Nobody suspends themself.
  "member.suspend": (a, target) =>
    target.id !== a.id && (isAdmin(a) || (isModerator(a) && target.roles.size === 0)),
  "member.reinstate": (a, target) =>
    target.id !== a.id && (isAdmin(a) || (isModerator(a) && target.roles.size === 0)),
  "role.grant": (a, target) => isAdmin(a) && target.id !== a.id,
  "role.revoke": (a, target) => isAdmin(a) && target.id !== a.id,
  "profile.update": (a, profile) => isActive(a) && a.id === profile.userId,
  "membership.claim": (a, profile) => a.standing === "registered" && a.id === profile.userId,
  "outbox.read": (a, env) => env.developmentMode || isAdmin(a),
  "auditLog.view": () => true,
  "admin.enter": (a) => isAdmin(a) || isModerator(a),
};

const rules: RuleTable<ActionResources> = { ...coreRules, ...governanceRules, ...councilRules, ...directoryRules, ...convergenceRules, ...openDataRules };

export function can<A extends Action>(actor: Actor, action: A, resource: ActionResources[A]): boolean {
  return rules[action](actor, resource);
}

export const ACTIONS = Object.keys(rules) as Action[];

/** The label a person sees for their own standing and roles. */
export function describeActor(actor: Actor): string {
  if (actor.standing === "visitor") return "Visitor";
  const base = { registered: "Registered (not yet verified)", member: "Member", suspended: "Suspended" }[actor.standing];
  const roles = [...actor.roles].map((r) => ROLE_LABELS[r]);
  if (actor.curatorOf.size > 0) roles.push(`Curator of ${actor.curatorOf.size} theme${actor.curatorOf.size > 1 ? "s" : ""}`);
  return roles.length ? `${base} · ${roles.join(", ")}` : base;
}

export const ROLE_LABELS: Record<GlobalRole, string> = {
  moderator: "Moderator",
  fact_editor: "Fact editor",
  council: "Council",
  admin: "Admin",
};
