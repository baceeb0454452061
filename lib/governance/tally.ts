/**
 * The results of a decision, a pure function of its kind, options and votes. Ranked decisions use
 * the same count as elections (./stv.ts): IRV for one winner, Scottish STV for several.
 */
import type { DecisionChoice } from "@/db/schema";
import { countStv, type StvResult } from "./stv";

export type DecisionKind = "consent" | "approval" | "ranked" | "score";
export const CONSENT_CHOICES = ["agree", "abstain", "disagree", "block"] as const;
export type ConsentChoice = (typeof CONSENT_CHOICES)[number];
export const SCORE_MAX = 5;

export interface Option {
  id: string;
  label: string;
}

export type Tally =
  | { kind: "consent"; voters: number; counts: Record<ConsentChoice, number>; blocks: string[]; outcome: string }
  | { kind: "approval"; voters: number; counts: { optionId: string; label: string; votes: number }[]; winners: string[]; outcome: string }
  | { kind: "score"; voters: number; scores: { optionId: string; label: string; total: number; voters: number; mean: number }[]; winners: string[]; outcome: string }
  | { kind: "ranked"; voters: number; stv: StvResult | null; winners: string[]; outcome: string };

/** Checks a choice against the decision; returns the message to show, or null. */
export function choiceProblem(kind: DecisionKind, options: readonly Option[], choice: DecisionChoice): string | null {
  const ids = new Set(options.map((o) => o.id));
  if (kind === "consent") {
    if (!("consent" in choice) || !CONSENT_CHOICES.includes(choice.consent)) return "Choose agree, abstain, disagree or block.";
    if (choice.consent === "block" && !choice.reason?.trim()) return "A block needs a reason: say what would have to change.";
    return null;
  }
  if (kind === "approval") {
    if (!("approve" in choice)) return "Choose the options you approve of.";
    if (choice.approve.some((id) => !ids.has(id))) return "That option is not on this decision.";
    if (new Set(choice.approve).size !== choice.approve.length) return "Each option can be chosen only once.";
    return null;
  }
  if (kind === "ranked") {
    if (!("ranking" in choice)) return "Rank the options.";
    if (choice.ranking.length === 0) return "Rank at least one option.";
    if (choice.ranking.some((id) => !ids.has(id))) return "That option is not on this decision.";
    if (new Set(choice.ranking).size !== choice.ranking.length) return "Each option can be ranked only once.";
    return null;
  }
  if (!("scores" in choice)) return "Score the options.";
  const entries = Object.entries(choice.scores);
  if (entries.length === 0) return "Score at least one option.";
  for (const [id, s] of entries) {
    if (!ids.has(id)) return "That option is not on this decision.";
    if (!Number.isInteger(s) || s < 0 || s > SCORE_MAX) return `Scores are whole numbers from 0 to ${SCORE_MAX}.`;
  }
  return null;
}

const list = (xs: string[]) => (xs.length <= 1 ? (xs[0] ?? "") : `${xs.slice(0, -1).join(", ")} and ${xs.at(-1)}`);

export function tallyDecision(input: { kind: DecisionKind; options: readonly Option[]; votes: readonly DecisionChoice[]; seats: number; seed: string }): Tally {
  const { kind, options, votes } = input;
  const voters = votes.length;
  if (kind === "consent") {
    const counts: Record<ConsentChoice, number> = { agree: 0, abstain: 0, disagree: 0, block: 0 };
    const blocks: string[] = [];
    for (const v of votes) {
      if (!("consent" in v)) continue;
      counts[v.consent]++;
      if (v.consent === "block" && v.reason) blocks.push(v.reason);
    }
    const outcome =
      voters === 0 ? "No one voted." : counts.block > 0 ? `Blocked: ${counts.block} block${counts.block > 1 ? "s" : ""}.` : counts.agree > counts.disagree ? "Agreed: more agree than disagree, and no one blocked." : "Not agreed: no more agree than disagree.";
    return { kind, voters, counts, blocks, outcome };
  }
  if (kind === "approval") {
    const counts = options.map((o) => ({ optionId: o.id, label: o.label, votes: votes.filter((v) => "approve" in v && v.approve.includes(o.id)).length }));
    const top = Math.max(0, ...counts.map((c) => c.votes));
    const winners = top === 0 ? [] : counts.filter((c) => c.votes === top).map((c) => c.label);
    const outcome = winners.length === 0 ? "No option was approved." : winners.length === 1 ? `${winners[0]} is approved by most (${top}).` : `A tie between ${list(winners)} (${top} each).`;
    return { kind, voters, counts, winners, outcome };
  }
  if (kind === "score") {
    const scores = options.map((o) => {
      const given = votes.flatMap((v) => ("scores" in v && v.scores[o.id] !== undefined ? [v.scores[o.id]!] : []));
      const total = given.reduce((a, b) => a + b, 0);
      return { optionId: o.id, label: o.label, total, voters: given.length, mean: given.length ? total / given.length : 0 };
    });
    const top = Math.max(0, ...scores.map((s) => s.mean));
    const winners = scores.some((s) => s.voters > 0) ? scores.filter((s) => s.voters > 0 && s.mean === top).map((s) => s.label) : [];
    const outcome = winners.length === 0 ? "No one scored an option." : winners.length === 1 ? `${winners[0]} has the highest average score (${top.toFixed(2)}).` : `A tie between ${list(winners)} (average ${top.toFixed(2)}).`;
    return { kind, voters, scores, winners, outcome };
  }
  const index = new Map(options.map((o, i) => [o.id, i]));
  const ballots = votes.flatMap((v) => ("ranking" in v ? [{ prefs: v.ranking.map((id) => index.get(id)!).filter((i) => i !== undefined) }] : []));
  if (ballots.length === 0) return { kind, voters, stv: null, winners: [], outcome: "No one voted." };
  const stv = countStv({ candidates: options.map((o, i) => `${i + 1}. ${o.label}`), seats: Math.min(input.seats, options.length), ballots, seed: input.seed });
  const winners = stv.elected.map((i) => options[i]!.label);
  const outcome = `${list(winners)} ${winners.length === 1 ? "wins" : "win"} (${stv.method === "irv" ? "instant-runoff" : "single transferable vote"}, ${stv.stages.length} round${stv.stages.length > 1 ? "s" : ""}).`;
  return { kind, voters, stv, winners, outcome };
}
