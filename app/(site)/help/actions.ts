"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { answerInvitation, closeHelpRequest, createHelpRequest, inviteToHelp } from "@/lib/help/commands";
import { answerSchema, closeSchema, helpRequestSchema, inviteSchema } from "@/lib/help/validation";
import { formAction } from "@/lib/actions";

export const createHelpRequestAction = formAction(helpRequestSchema, async (input, { db, actor }) => {
  const { id } = await createHelpRequest(db, actor, input);
  revalidatePath("/help");
  redirect(`/help/${id}?posted=1`);
});

export const inviteAction = formAction(inviteSchema, async (input, { db, actor }) => {
  await inviteToHelp(db, actor, input);
  revalidatePath(`/help/${input.requestId}`);
  return { ok: true, message: "Invitation sent." };
});

export const answerAction = formAction(answerSchema, async (input, { db, actor }) => {
  const { threadId } = await answerInvitation(db, actor, input);
  revalidatePath("/help", "layout");
  revalidatePath("/messages", "layout");
  if (threadId) redirect(`/messages/${threadId}`);
  return { ok: true, message: input.answer === "no" ? "You said no. Thank you for answering." : "We will leave it with you; answer again whenever you are ready." };
});

export const closeAction = formAction(closeSchema, async (input, { db, actor }) => {
  await closeHelpRequest(db, actor, input);
  revalidatePath("/help", "layout");
  return { ok: true, message: "The request is closed." };
});
