/** The rules of moderator elections, decisions, governance settings and council appointments (issue 11). Composed into the one table in ../permissions.ts. */
import { type Actor, type MemberResource, type RuleTable, type ThemeResource, isAdmin, isCouncil, isVerified, themeOpen } from "../core";

/** Where an election is: computed from its times and status when it is loaded. */
export type ElectionPhase = "nominating" | "voting" | "counting" | "counted" | "cancelled";
export interface ElectionResource {
  id: string;
  phase: ElectionPhase;
}
export interface NominationResource {
  id: string;
  nomineeId: string;
  status: "pending" | "accepted" | "declined";
  election: ElectionResource;
}
/** A member being nominated: only verified members in good standing can stand. */
export interface NomineeResource {
  election: ElectionResource;
  nominee: { id: string; verified: boolean };
}
export interface DecisionResource {
  id: string;
  status: "seeking_seconds" | "open" | "closed";
  closesAt: Date;
  electorate: "members" | "theme" | "council";
  themeId: string | null;
  openedBy: string | null;
  /** For a theme's decision: whether the actor it was loaded for takes part in the theme. */
  actorIsParticipant: boolean;
}
export interface DecisionDraftResource {
  electorate: "members" | "theme" | "council";
  theme: ThemeResource | null;
}

export interface GovernanceResources {
  "governance.settings": null;
  "governance.appointFactEditor": MemberResource;
  "election.create": null;
  "election.nominate": NomineeResource;
  "election.respond": NominationResource;
  "election.vote": ElectionResource;
  "decision.open": DecisionDraftResource;
  "decision.second": DecisionResource;
  "decision.vote": DecisionResource;
}

const inElectorate = (a: Actor, d: DecisionResource) =>
  d.electorate === "council" ? isCouncil(a) && isVerified(a) : d.electorate === "members" ? isVerified(a) : isVerified(a) && d.actorIsParticipant;

export const governanceRules: RuleTable<GovernanceResources> = {
  // The settings say when admins stop appointing; they are the operators' and every change is logged.
  "governance.settings": (a) => isAdmin(a),
  // The brief: fact editors are appointed by the council. Nobody appoints themself.
  "governance.appointFactEditor": (a, target) => isCouncil(a) && isVerified(a) && target.id !== a.id,
  // Calling an election sets its dates; the admins or the council may, the count decides who wins.
  "election.create": (a) => isAdmin(a) || (isCouncil(a) && isVerified(a)),
  // Any verified member may nominate a verified member (themself included) while nominations are open.
  "election.nominate": (a, r) => isVerified(a) && r.election.phase === "nominating" && r.nominee.verified,
  // Only the nominee accepts or declines, while nominations are open.
  "election.respond": (a, n) => isVerified(a) && a.id === n.nomineeId && n.status === "pending" && n.election.phase === "nominating",
  "election.vote": (a, e) => isVerified(a) && e.phase === "voting",
  // Council members open any decision; curators one for their theme; any member one for a theme, which then needs seconds.
  "decision.open": (a, d) =>
    isVerified(a) && (isCouncil(a) || (d.electorate === "theme" && d.theme !== null && themeOpen(d.theme))),
  "decision.second": (a, d) => isVerified(a) && d.status === "seeking_seconds" && d.openedBy !== a.id && (d.electorate !== "theme" || d.actorIsParticipant),
  "decision.vote": (a, d) => d.status === "open" && inElectorate(a, d),
};
