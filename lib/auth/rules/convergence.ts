/** The rules of the agreement map and thread digests (issue 13). Composed into the one table in ../permissions.ts. */
import { canReadDiscussion, isModerator, isVerified, themeOpen, type RuleTable, type ThemeResource } from "../core";

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
}

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
};
