"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { formAction } from "@/lib/actions";
import { closeCall, createCall, reviewPaper } from "@/lib/papers/commands";
import { callIdSchema, callSchema, reviewSchema } from "@/lib/validation/papers";

export const reviewPaperAction = formAction(reviewSchema, async (input, { db, actor }) => {
  await reviewPaper(db, actor, input);
  revalidatePath("/", "layout");
  redirect(`/council?decided=${input.decision}`);
});

export const createCallAction = formAction(callSchema, async (input, { db, actor }) => {
  await createCall(db, actor, input);
  revalidatePath("/", "layout");
  return { ok: true, message: "Call for papers opened." };
});

export const closeCallAction = formAction(callIdSchema, async ({ callId, reason }, { db, actor }) => {
  await closeCall(db, actor, callId, reason);
  revalidatePath("/", "layout");
  return { ok: true, message: "Call closed." };
});
