"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { formAction } from "@/lib/actions";
import { drawAppealPanel, fileAppeal, voteOnAppeal } from "@/lib/council/appeals";
import { consume } from "@/lib/security/rate-limit";
import { appealIdSchema, appealSchema, appealVoteSchema } from "@/lib/validation/council";

export const fileAppealAction = formAction(appealSchema, async (input, { db, actor }) => {
  await consume(["write", actor.id]);
  const { id } = await fileAppeal(db, actor, input);
  revalidatePath("/governance/appeals");
  redirect(`/governance/appeals/${id}?filed=1`);
});

export const drawPanelAction = formAction(appealIdSchema, async ({ appealId }, { db, actor }) => {
  await drawAppealPanel(db, actor, appealId);
  revalidatePath(`/governance/appeals/${appealId}`);
  return { ok: true, message: "The panel has been drawn and told." };
});

export const voteAppealAction = formAction(appealVoteSchema, async ({ appealId, ...vote }, { db, actor }) => {
  const { decided } = await voteOnAppeal(db, actor, appealId, vote);
  revalidatePath(`/governance/appeals/${appealId}`);
  revalidatePath("/", "layout");
  return { ok: true, message: decided ? "Your findings are recorded and the panel's majority has decided the appeal." : "Your findings are recorded. The appeal is decided when a majority of the panel agrees." };
});
