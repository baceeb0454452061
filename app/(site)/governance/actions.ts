"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import type { DecisionChoice } from "@/db/schema";
import { formAction } from "@/lib/actions";
import { setFactEditor } from "@/lib/governance/appointments";
import { castDecisionVote, openDecision, secondDecision } from "@/lib/governance/decisions";
import { castBallot, createElection, nominate, rankingFromForm, respondToNomination } from "@/lib/governance/elections";
import { findBallotByReceipt, findMemberByName } from "@/lib/governance/queries";
import { consume } from "@/lib/security/rate-limit";
import {
  ballotSchema,
  createElectionSchema,
  decisionIdSchema,
  decisionSchema,
  decisionVoteSchema,
  factEditorSchema,
  nominateSchema,
  receiptSchema,
  respondSchema,
} from "@/lib/validation/governance";

/** `prefix:<id>` fields of a form, as {id: value}. */
const fieldsWith = (input: Record<string, unknown>, prefix: string) =>
  Object.fromEntries(Object.entries(input).flatMap(([k, v]) => (k.startsWith(prefix) && typeof v === "string" ? [[k.slice(prefix.length), v]] : [])));

export const createElectionAction = formAction(createElectionSchema, async (input, { db, actor }) => {
  const id = await createElection(db, actor, input);
  revalidatePath("/governance/elections");
  redirect(`/governance/elections/${id}`);
});

export const nominateAction = formAction(nominateSchema, async (input, { db, actor }) => {
  await consume(["write", actor.id]);
  if (input.who === "other" && !input.nomineeName) return { ok: false, fieldErrors: { nomineeName: ["Write the name of the member you nominate."] } };
  const nominee = input.who === "self" ? { id: actor.id } : await findMemberByName(db, input.nomineeName, "nomineeName");
  await nominate(db, actor, { electionId: input.electionId, nomineeId: nominee.id, note: input.note, statement: input.statement });
  revalidatePath(`/governance/elections/${input.electionId}`);
  return { ok: true, message: input.who === "self" ? "You are standing. Your statement is on the candidates' list." : "Nominated. They stand once they accept." };
});

export const respondAction = formAction(respondSchema, async (input, { db, actor }) => {
  const { electionId } = await respondToNomination(db, actor, input);
  revalidatePath("/governance/elections", "layout");
  // The answer form goes with the pending nomination, so the page itself says what happened.
  redirect(`/governance/elections/${electionId}?responded=${input.accept ? "accepted" : "declined"}`);
});

export const castBallotAction = formAction(ballotSchema, async (input, { db, actor }) => {
  const parsed = rankingFromForm(fieldsWith(input, "rank:"));
  if ("error" in parsed) return { ok: false, fieldErrors: { ranking: [parsed.error] } };
  const { receipt } = await castBallot(db, actor, { electionId: input.electionId, ranking: parsed.ranking });
  // No revalidatePath: a fresh render replaces the ballot with "You have voted" and takes the
  // receipt with it, and the receipt is shown only this once (only its hash is kept).
  return { ok: true, data: { receipt, blank: parsed.ranking.length === 0 } };
});

export const findReceiptAction = formAction(
  receiptSchema,
  async (input, { db }) => {
    const found = await findBallotByReceipt(db, input.electionId, input.receipt);
    if (!found) return { ok: false, fieldErrors: { receipt: ["No ballot in the published file has this receipt. Check each character."] } };
    return { ok: true, data: found };
  },
  { public: true },
);

export const openDecisionAction = formAction(decisionSchema, async (input, { db, actor }) => {
  await consume(["write", actor.id]);
  const id = await openDecision(db, actor, input);
  revalidatePath("/governance/decisions");
  redirect(`/governance/decisions/${id}`);
});

export const secondDecisionAction = formAction(decisionIdSchema, async (input, { db, actor }) => {
  const { opened } = await secondDecision(db, actor, input.decisionId);
  revalidatePath(`/governance/decisions/${input.decisionId}`);
  return { ok: true, message: opened ? "Seconded: the decision is now open for votes." : "Seconded." };
});

export const decisionVoteAction = formAction(decisionVoteSchema, async (input, { db, actor }) => {
  const kind = String(input.kind ?? "");
  let choice: DecisionChoice;
  if (kind === "consent") {
    const consent = String(input.consent ?? "");
    if (!["agree", "abstain", "disagree", "block"].includes(consent)) return { ok: false, fieldErrors: { choice: ["Choose agree, abstain, disagree or block."] } };
    choice = { consent: consent as "agree", reason: String(input.reason ?? "").trim().slice(0, 2000) || undefined };
  } else if (kind === "approval") {
    choice = { approve: Object.keys(fieldsWith(input, "approve:")) };
  } else if (kind === "ranked") {
    const parsed = rankingFromForm(fieldsWith(input, "rank:"));
    if ("error" in parsed) return { ok: false, fieldErrors: { choice: [parsed.error.replace("Two candidates", "Two options")] } };
    choice = { ranking: parsed.ranking };
  } else {
    const scores: Record<string, number> = {};
    for (const [id, v] of Object.entries(fieldsWith(input, "score:"))) if (v !== "") scores[id] = Number(v);
    choice = { scores };
  }
  await castDecisionVote(db, actor, { decisionId: input.decisionId, choice });
  revalidatePath(`/governance/decisions/${input.decisionId}`);
  return { ok: true, message: "Your vote is saved. You can change it until the decision closes." };
});

export const factEditorAction = formAction(factEditorSchema, async (input, { db, actor }) => {
  const member = await findMemberByName(db, input.memberName, "memberName");
  await setFactEditor(db, actor, { userId: member.id, appoint: input.appoint, reason: input.reason });
  revalidatePath("/governance/fact-editors");
  revalidatePath("/moderation-log");
  return { ok: true, message: input.appoint ? `${member.name} is now a fact editor.` : `${member.name} is no longer a fact editor.` };
});
