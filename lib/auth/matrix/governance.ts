/** Matrix cells for the actions of ../rules/governance.ts: one entry per action (the type makes a missing one a compile error). */
import type { Db } from "@/db";
import type { GovernanceResources } from "@/lib/auth/rules/governance";
import { setFactEditor } from "@/lib/governance/appointments";
import { castDecisionVote, openDecision, secondDecision } from "@/lib/governance/decisions";
import { castBallot, createElection, nominate, respondToNomination } from "@/lib/governance/elections";
import { DEFAULT_GOVERNANCE_SETTINGS, updateGovernanceSettings } from "@/lib/governance/settings";
import { createTestDecision, createTestElection } from "@/lib/governance/test-factory";
import { electionNominations } from "@/db/schema";
import { createPerson } from "@/lib/testing/factories";
import { ADMIN, NOBODY, VERIFIED, only, type MatrixCells, type Subject } from "./harness";

const later = (hours: number) => new Date(Date.now() + hours * 3_600_000);
const plainMember = async (d: Db) => (await createPerson(d)).id;
/** A pending nomination of the subject (or of a stranger, for a visitor). */
const pendingNomination = async (d: Db, s: Subject, phase: "nominating" | "voting") => {
  const { election } = await createTestElection(d, { phase });
  const nomineeId = s.actor.id ?? (await plainMember(d));
  const [n] = await d.insert(electionNominations).values({ electionId: election.id, nomineeId, nominatedBy: await plainMember(d), status: "pending" }).returning();
  return n!.id;
};

export const governanceCells: MatrixCells<GovernanceResources> = {
  "governance.settings": {
    allowed: { state: "no resource", who: ADMIN, run: (d, s) => updateGovernanceSettings(d, s.actor, { ...DEFAULT_GOVERNANCE_SETTINGS, reason: "Matrix test" }) },
    restricted: { none: "the rule reads the role only" },
  },
  "governance.appointFactEditor": {
    allowed: { state: "another member", who: only("council"), run: async (d, s) => setFactEditor(d, s.actor, { userId: await plainMember(d), appoint: true, reason: "Matrix test" }) },
    restricted: { state: "oneself", who: NOBODY, run: async (d, s) => setFactEditor(d, s.actor, { userId: s.actor.id ?? (await plainMember(d)), appoint: true, reason: "Matrix test" }) },
  },
  "election.create": {
    allowed: { state: "no resource", who: only("council", "admin"), run: (d, s) => createElection(d, s.actor, { title: "Matrix election", seats: 1, nominationsCloseAt: later(1), votingClosesAt: later(2) }) },
    restricted: { none: "the rule reads the role only" },
  },
  "election.nominate": {
    allowed: { state: "nominations open", who: VERIFIED, run: async (d, s) => nominate(d, s.actor, { electionId: (await createTestElection(d)).election.id, nomineeId: await plainMember(d), note: "Matrix" }) },
    restricted: { state: "voting under way", who: NOBODY, run: async (d, s) => nominate(d, s.actor, { electionId: (await createTestElection(d, { phase: "voting" })).election.id, nomineeId: await plainMember(d) }) },
  },
  "election.respond": {
    allowed: { state: "one's own nomination, nominations open", who: VERIFIED, run: async (d, s) => respondToNomination(d, s.actor, { nominationId: await pendingNomination(d, s, "nominating"), accept: true, statement: "Matrix" }) },
    restricted: { state: "nominations closed", who: NOBODY, run: async (d, s) => respondToNomination(d, s.actor, { nominationId: await pendingNomination(d, s, "voting"), accept: true, statement: "Matrix" }) },
  },
  "election.vote": {
    allowed: { state: "voting open", who: VERIFIED, run: async (d, s) => castBallot(d, s.actor, { electionId: (await createTestElection(d, { phase: "voting", candidates: 1 })).election.id, ranking: [] }) },
    restricted: { state: "voting closed", who: NOBODY, run: async (d, s) => castBallot(d, s.actor, { electionId: (await createTestElection(d, { phase: "counting" })).election.id, ranking: [] }) },
  },
  "decision.open": {
    allowed: {
      state: "a theme's decision",
      who: VERIFIED,
      run: async (d, s) => openDecision(d, s.actor, { question: "Matrix?", kind: "consent", electorate: "theme", themeId: s.themeId, anonymous: false, closesAt: later(1) }),
    },
    restricted: { state: "a decision of all members", who: only("council"), run: (d, s) => openDecision(d, s.actor, { question: "Matrix?", kind: "consent", electorate: "members", anonymous: false, closesAt: later(1) }) },
  },
  "decision.second": {
    allowed: {
      state: "a member's theme decision seeking seconds, as a participant",
      who: only("curator"),
      run: async (d, s) => secondDecision(d, s.actor, (await createTestDecision(d, { electorate: "theme", themeId: s.themeId, status: "seeking_seconds", secondsRequired: 3, openedBy: await plainMember(d) })).decision.id),
    },
    restricted: {
      state: "already open",
      who: NOBODY,
      run: async (d, s) => secondDecision(d, s.actor, (await createTestDecision(d, { electorate: "theme", themeId: s.themeId, status: "open", openedBy: await plainMember(d) })).decision.id),
    },
  },
  "decision.vote": {
    allowed: { state: "open, all members", who: VERIFIED, run: async (d, s) => castDecisionVote(d, s.actor, { decisionId: (await createTestDecision(d)).decision.id, choice: { consent: "agree" } }) },
    restricted: { state: "open, the council", who: only("council"), run: async (d, s) => castDecisionVote(d, s.actor, { decisionId: (await createTestDecision(d, { electorate: "council" })).decision.id, choice: { consent: "agree" } }) },
  },
};
