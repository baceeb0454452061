"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { formAction } from "@/lib/actions";
import { markAllNotificationsRead } from "@/lib/following/commands";

export const markAllReadAction = formAction(z.object({}), async (_input, { db, actor }) => {
  const count = await markAllNotificationsRead(db, actor);
  revalidatePath("/", "layout");
  return { ok: true, message: count === 0 ? "Nothing was unread." : `Marked ${count} notification${count === 1 ? "" : "s"} as read.` };
});
