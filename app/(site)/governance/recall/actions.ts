"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { formAction } from "@/lib/actions";
import { openPetition, signPetition } from "@/lib/council/recall";
import { consume } from "@/lib/security/rate-limit";
import { petitionSchema, signSchema } from "@/lib/validation/council";

export const openPetitionAction = formAction(petitionSchema, async ({ holder, reason }, { db, actor }) => {
  await consume(["write", actor.id]);
  await openPetition(db, actor, { ...holder, reason });
  revalidatePath("/governance/recall");
  return { ok: true, message: "Your petition is open and carries your signature." };
});

export const signPetitionAction = formAction(signSchema, async ({ petitionId }, { db, actor }) => {
  await consume(["write", actor.id]);
  const out = await signPetition(db, actor, petitionId);
  revalidatePath("/governance/recall");
  revalidatePath("/", "layout");
  // The sign button goes once one has signed (and a petition at its threshold leaves the open list), so the page says what happened.
  redirect(`/governance/recall?${out.succeeded ? "show=closed&" : ""}signed=${petitionId}#petition-${petitionId}`);
});
