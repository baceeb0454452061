"use server";

import { revalidatePath } from "next/cache";
import { formAction } from "@/lib/actions";
import { setPaperHidden } from "@/lib/papers/commands";
import { moderationSchema } from "@/lib/validation/papers";

export const hidePaperAction = formAction(moderationSchema, async ({ paperId, reason }, { db, actor }) => {
  await setPaperHidden(db, actor, paperId, true, reason);
  revalidatePath("/", "layout");
  return { ok: true, message: "Paper hidden. The reason is in the moderation log." };
});

export const restorePaperAction = formAction(moderationSchema, async ({ paperId, reason }, { db, actor }) => {
  await setPaperHidden(db, actor, paperId, false, reason);
  revalidatePath("/", "layout");
  return { ok: true, message: "Paper restored." };
});
