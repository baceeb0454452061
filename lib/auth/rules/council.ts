/** The rules of the council drawn by lot, recall petitions and appeals (issue 11). Composed into the one table in ../permissions.ts. */
import { type RuleTable, isAdmin, isCouncil, isVerified } from "../core";

/** A draw as the rules see it. */
export interface DrawResource {
  id: string;
  status: "announced" | "drawn" | "cancelled";
  /** the time the seed was committed to has come */
  due: boolean;
}
/** A role held by a member, as a recall petition names it. */
export interface RecallTargetResource {
  userId: string;
  role: "moderator" | "council" | "fact_editor" | "curator";
}
export interface PetitionResource {
  id: string;
  status: "open" | "succeeded" | "expired";
  targetUserId: string;
}
/** A moderation act as an appeal sees it: who it hit and who did it. */
export interface AppealableResource {
  affectedUserId: string | null;
  moderatorId: string | null;
}
export interface AppealResource {
  id: string;
  status: "awaiting_panel" | "panel_drawn" | "decided";
  appellantId: string;
  moderatorId: string | null;
  panel: ReadonlySet<string>;
}

export interface CouncilResources {
  "council.volunteer": { userId: string };
  "council.settings": null;
  "draw.announce": null;
  "draw.run": DrawResource;
  "recall.open": RecallTargetResource;
  "recall.sign": PetitionResource;
  "appeal.file": AppealableResource;
  "appeal.view": AppealResource;
  "appeal.drawPanel": AppealResource;
  "appeal.decide": AppealResource;
}

const involved = (id: string | null, a: AppealResource) => id !== null && (id === a.appellantId || id === a.moderatorId);

export const councilRules: RuleTable<CouncilResources> = {
  // Only verified members stand for the council, and only for themselves.
  "council.volunteer": (a, owner) => isVerified(a) && a.id === owner.userId,
  "council.settings": (a) => isAdmin(a),
  // The council and admins set a draw going; the lot, not they, picks who sits.
  "draw.announce": (a) => isAdmin(a) || isCouncil(a),
  "draw.run": (a, d) => (isAdmin(a) || isCouncil(a)) && d.status === "announced" && d.due,
  // Any verified member may petition against a role-holder, never against themself.
  "recall.open": (a, t) => isVerified(a) && a.id !== t.userId,
  "recall.sign": (a, p) => isVerified(a) && p.status === "open" && a.id !== p.targetUserId,
  // Only the person a moderation act hit appeals it; a suspended member still may (DSA art. 20).
  "appeal.file": (a, act) => a.id !== null && act.affectedUserId === a.id && (a.standing === "member" || a.standing === "suspended" || a.standing === "registered"),
  // The appellant, the moderator who acted, the council and admins read an appeal in full.
  "appeal.view": (a, ap) => a.id !== null && (involved(a.id, ap) || isCouncil(a) || isAdmin(a)),
  "appeal.drawPanel": (a, ap) => ap.status === "awaiting_panel" && (isCouncil(a) || isAdmin(a)) && !involved(a.id, ap),
  // Panellists decide; nobody involved in the act sits on its panel.
  "appeal.decide": (a, ap) => ap.status === "panel_drawn" && isCouncil(a) && a.id !== null && ap.panel.has(a.id) && !involved(a.id, ap),
};
