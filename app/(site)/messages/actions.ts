"use server";

import { revalidatePath } from "next/cache";
import { formAction } from "@/lib/actions";
import { sendMessage } from "@/lib/directory/messages";
import { messageSchema } from "@/lib/help/validation";

export const sendMessageAction = formAction(messageSchema, async (input, { db, actor }) => {
  await sendMessage(db, actor, input.threadId, input.body);
  revalidatePath(`/messages/${input.threadId}`);
  revalidatePath("/messages");
  return { ok: true, message: "Message sent." };
});
