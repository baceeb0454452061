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

// Both forms go from the page once they have done their work (the panel is drawn; the appeal is
// decided), so each lands back on the appeal, which says what happened.
export const drawPanelAction = formAction(appealIdSchema, async ({ appealId }, { db, actor }) => {
  await drawAppealPanel(db, actor, appealId);
  revalidatePath(`/governance/appeals/${appealId}`);
  redirect(`/governance/appeals/${appealId}?done=panel`);
});

export const voteAppealAction = formAction(appealVoteSchema, async ({ appealId, ...vote }, { db, actor }) => {
  await voteOnAppeal(db, actor, appealId, vote);
  revalidatePath(`/governance/appeals/${appealId}`);
  revalidatePath("/", "layout");
  redirect(`/governance/appeals/${appealId}?done=findings`);
});
