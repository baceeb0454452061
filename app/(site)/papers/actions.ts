"use server";

import { revalidatePath } from "next/cache";
import { formAction } from "@/lib/actions";
import { saveDraft, submitPaper } from "@/lib/papers/commands";
import { paperIdSchema, saveDraftSchema } from "@/lib/validation/papers";

/** Autosave and explicit save of the working copy; the first save creates the paper. */
export const saveDraftAction = formAction(saveDraftSchema, async (input, { db, actor }) => {
  const saved = await saveDraft(db, actor, input);
  return { ok: true, data: { id: saved.id, savedAt: saved.savedAt.toISOString() } };
});

/** Saves what is on screen, then sends it to the council. */
export const submitPaperAction = formAction(saveDraftSchema.extend(paperIdSchema.shape), async (input, { db, actor }) => {
  await saveDraft(db, actor, input);
  await submitPaper(db, actor, input.paperId);
  revalidatePath("/papers/mine");
  revalidatePath("/council");
  return { ok: true, message: "Submitted to the council. You will be told of their decision." };
});
