"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { formAction } from "@/lib/actions";
import { consume } from "@/lib/security/rate-limit";
import {
  acceptFact,
  amendFact,
  commentOnDispute,
  confirmFact,
  disputeFact,
  editProposedFact,
  proposeFact,
  rejectFact,
  resolveDispute,
  retractFact,
} from "@/lib/facts/commands";
import {
  acceptFactSchema,
  amendFactSchema,
  confirmFactSchema,
  disputeCommentSchema,
  disputeSchema,
  factSchema,
  rejectFactSchema,
  resolveDisputeSchema,
  retractFactSchema,
} from "@/lib/validation/facts";

// Members' writes (proposals, corrections, confirmations, disputes, posts) share the posting throttle;
// fact editors' decisions are few and each is logged, so they are not throttled.
const refresh = (factId: string) => {
  revalidatePath(`/facts/${factId}`);
  revalidatePath("/facts");
  revalidatePath("/facts/review");
};

export const proposeFactAction = formAction(factSchema, async (input, { db, actor }) => {
  await consume(["write", actor.id]);
  const { id } = await proposeFact(db, actor, input);
  refresh(id);
  redirect(`/facts/${id}?proposed=1`);
});

export const editFactAction = formAction(amendFactSchema, async ({ factId, disputeId: _d, reason: _r, ...input }, { db, actor }) => {
  await consume(["write", actor.id]);
  await editProposedFact(db, actor, factId, input);
  refresh(factId);
  redirect(`/facts/${factId}?saved=1`);
});

export const amendFactAction = formAction(amendFactSchema, async ({ factId, disputeId, reason, ...input }, { db, actor }) => {
  await amendFact(db, actor, factId, input, reason, { disputeId });
  refresh(factId);
  redirect(`/facts/${factId}?amended=1`);
});

export const acceptFactAction = formAction(acceptFactSchema, async ({ factId, reason }, { db, actor }) => {
  await acceptFact(db, actor, factId, reason);
  refresh(factId);
  return { ok: true, message: "Fact accepted." };
});

export const rejectFactAction = formAction(rejectFactSchema, async ({ factId, reason }, { db, actor }) => {
  await rejectFact(db, actor, factId, reason);
  refresh(factId);
  return { ok: true, message: "Fact rejected." };
});

export const retractFactAction = formAction(retractFactSchema, async ({ factId, reason }, { db, actor }) => {
  await retractFact(db, actor, factId, reason);
  refresh(factId);
  return { ok: true, message: "Fact retracted." };
});

export const confirmFactAction = formAction(confirmFactSchema, async ({ factId, reason }, { db, actor }) => {
  await consume(["write", actor.id]);
  await confirmFact(db, actor, factId, reason);
  refresh(factId);
  return { ok: true, message: "Thank you: your confirmation counts towards its hardness." };
});

export const disputeFactAction = formAction(disputeSchema, async ({ factId, ...input }, { db, actor }) => {
  await consume(["write", actor.id]);
  await disputeFact(db, actor, factId, input);
  refresh(factId);
  return { ok: true, message: "Dispute opened. A fact editor will settle it." };
});

export const resolveDisputeAction = formAction(resolveDisputeSchema, async ({ disputeId, outcome, reason }, { db, actor }) => {
  const { factId } = await resolveDispute(db, actor, disputeId, { outcome, reason });
  refresh(factId);
  return { ok: true, message: outcome === "upheld" ? "Dispute settled: the fact stands." : "Dispute settled: the fact is retracted." };
});

export const disputeCommentAction = formAction(disputeCommentSchema, async ({ disputeId, parentId, body }, { db, actor }) => {
  await consume(["write", actor.id]);
  await commentOnDispute(db, actor, disputeId, { body, parentId });
  revalidatePath("/facts/[id]", "page");
  return { ok: true, message: "Posted." };
});
