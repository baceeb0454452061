/**
 * What every rule file shares: who the actor is, the core resources, and the predicates the rules
 * are written in. Plain TypeScript (no Next.js), so the sidecar and scripts use it too.
 * `permissions.ts` composes the one rule table from this and the capability files in `rules/`.
 */
export type GlobalRole = "moderator" | "fact_editor" | "council" | "admin";
export type Standing = "visitor" | "registered" | "member" | "suspended";

export interface Actor {
  /** null for a visitor */
  readonly id: string | null;
  readonly standing: Standing;
  readonly roles: ReadonlySet<GlobalRole>;
  /** theme ids this actor curates */
  readonly curatorOf: ReadonlySet<string>;
}

export const VISITOR: Actor = Object.freeze({
  id: null,
  standing: "visitor",
  roles: new Set<GlobalRole>(),
  curatorOf: new Set<string>(),
});

export interface ThemeResource {
  id: string;
  archivedAt: Date | null;
  discussionPublic: boolean;
}
/** A paper as the rules see it: its author, where it is in review, and its theme. */
export interface PaperResource {
  id: string;
  authorId: string | null;
  status: "draft" | "submitted" | "returned" | "rejected" | "published";
  /** Latest published version; 0 until the council first accepts it. Readers see that version. */
  publishedVersion: number;
  hiddenAt: Date | null;
  theme: ThemeResource;
}
export interface CommentResource {
  id: string;
  authorId: string | null;
  deletedAt: Date | null;
  hiddenAt: Date | null;
  paper: PaperResource;
}
/** A fact as the rules see it: where it is in review and who proposed it. */
export interface FactResource {
  id: string;
  status: "proposed" | "accepted" | "rejected" | "retracted";
  proposedBy: string | null;
}
/** A dispute and its fact. */
export interface DisputeResource {
  id: string;
  status: "open" | "upheld" | "amended" | "retracted";
  openedBy: string | null;
  fact: FactResource;
}
/** The one co-edited Response of a published paper. */
export interface ResponseResource {
  id: string;
  paper: PaperResource;
}
/** The co-edited synthesis of a theme. */
export interface SynthesisResource {
  id: string;
  theme: ThemeResource;
}
export interface MemberResource {
  id: string;
  roles: ReadonlySet<GlobalRole>;
}

export const isSignedIn = (a: Actor) => a.id !== null;
/** A suspension removes every right but reading and one's own sign-out; roles do not override it. */
export const isActive = (a: Actor) => a.standing === "registered" || a.standing === "member";
export const hasRole = (a: Actor, role: GlobalRole) => isActive(a) && a.roles.has(role);
export const isAdmin = (a: Actor) => hasRole(a, "admin");
export const isModerator = (a: Actor) => hasRole(a, "moderator");
export const isCouncil = (a: Actor) => hasRole(a, "council");
/** Writing papers and comments, voting and following need a verified member in good standing. */
export const isVerified = (a: Actor) => a.standing === "member";
export const isAuthor = (a: Actor, thing: { authorId: string | null }) => a.id !== null && thing.authorId === a.id;
export const themeOpen = (t: ThemeResource) => t.archivedAt === null;
/**
 * The rules that lists filter by in SQL as well: each has its SQL twin in `visibility.ts`, and
 * `visibility.int.test.ts` checks the two agree on every resource state. Change them together.
 */
/** An archived theme is gone for everyone but admins. */
export const themeVisible = (a: Actor, t: ThemeResource) => themeOpen(t) || isAdmin(a);
/** What everyone may read of a paper: its published version, unless a moderator hid it. */
export const paperIsPublic = (p: Pick<PaperResource, "publishedVersion" | "hiddenAt"> & { theme: Pick<ThemeResource, "archivedAt"> }) =>
  p.publishedVersion > 0 && p.hiddenAt === null && p.theme.archivedAt === null;
/** Members-only discussion is for verified members (a suspension keeps reading) and admins. */
export const readsMembersOnlyDiscussion = (a: Actor) => isSignedIn(a) && (a.standing === "member" || a.standing === "suspended" || isAdmin(a));
export const isFactEditor = (a: Actor) => hasRole(a, "fact_editor");
export const factIsPublic = (f: FactResource) => f.status === "accepted" || f.status === "retracted";
export const isProposer = (a: Actor, f: FactResource) => a.id !== null && f.proposedBy === a.id;
export const canReadDiscussion = (a: Actor, t: Pick<ThemeResource, "discussionPublic">) => t.discussionPublic || readsMembersOnlyDiscussion(a);


/** A table of rules for a set of actions: each answers "may this actor do this to this resource?". */
export type RuleTable<R> = { [A in keyof R]: (actor: Actor, resource: R[A]) => boolean };
