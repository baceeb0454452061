/** The rules of the agreement map and thread digests (issue 13). Composed into the one table in ../permissions.ts. */
import { canReadDiscussion, isActive, isAdmin, isModerator, isVerified, paperIsPublic, themeOpen, type Actor, type PaperResource, type RuleTable, type ThemeResource } from "../core";

/** A statement of a theme's agreement map. */
export interface StatementResource {
  id: string;
  authorId: string | null;
  hiddenAt: Date | null;
  theme: ThemeResource;
}

/** Someone a member asks to be put in touch with: only those who opted in on this theme can be asked. */
export interface ContactTargetResource {
  userId: string;
  findable: boolean;
  theme: ThemeResource;
}

export interface ContactRequestResource {
  id: string;
  fromId: string;
  toId: string;
  status: "pending" | "accepted" | "declined" | "withdrawn";
}

/** A digest of a paper's thread. */
export interface DigestResource {
  id: string;
  status: "draft" | "published";
  paper: PaperResource;
}

export interface ConvergenceResources {
  "statement.create": ThemeResource;
  "statement.vote": StatementResource;
  "statement.hide": StatementResource;
  "statement.restore": StatementResource;
  "map.view": ThemeResource;
  "map.export": ThemeResource;
  "map.setFindable": ThemeResource;
  "contact.request": ContactTargetResource;
  "contact.respond": ContactRequestResource;
  "digest.view": DigestResource;
  "digest.edit": PaperResource;
}

/** A theme's curators fold its threads into digests; admins may step in, as with the synthesis. */
const curates = (a: Actor, theme: ThemeResource) => isActive(a) && (a.curatorOf.has(theme.id) || isAdmin(a));

export const convergenceRules: RuleTable<ConvergenceResources> = {
  // Writing and voting on statements is taking part in the discussion: verified members, open themes.
  "statement.create": (a, t) => isVerified(a) && themeOpen(t) && canReadDiscussion(a, t),
  "statement.vote": (a, s) => isVerified(a) && s.hiddenAt === null && themeOpen(s.theme) && canReadDiscussion(a, s.theme),
  // Statements are moderated like comments, by elected moderators.
  "statement.hide": (a, s) => isModerator(a) && s.hiddenAt === null,
  "statement.restore": (a, s) => isModerator(a) && s.hiddenAt !== null,
  // The map shows no names: whoever may read the theme's discussion may see it.
  "map.view": (a, t) => themeOpen(t) && canReadDiscussion(a, t),
  // Polis's CSVs carry per-participant votes under numeric ids only, so they follow the map.
  "map.export": (a, t) => themeOpen(t) && canReadDiscussion(a, t),
  "map.setFindable": (a, t) => isVerified(a) && themeOpen(t),
  // Members only, never visitors, and never someone who has not opted in, nor oneself.
  "contact.request": (a, target) => isVerified(a) && target.findable && target.userId !== a.id && themeOpen(target.theme),
  "contact.respond": (a, r) => isVerified(a) && r.toId === a.id && r.status === "pending",
  // A published digest reads like the thread it digests; a draft only for its theme's curators.
  "digest.view": (a, d) => (d.status === "published" ? paperIsPublic(d.paper) && canReadDiscussion(a, d.paper.theme) : paperIsPublic(d.paper) && curates(a, d.paper.theme)),
  "digest.edit": (a, p) => paperIsPublic(p) && curates(a, p.theme),
};
