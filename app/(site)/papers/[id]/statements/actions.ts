"use server";

import { revalidatePath } from "next/cache";
import { formAction } from "@/lib/actions";
import { createStatement, loadTheme, voteOnStatement } from "@/lib/map/statements";
import { createStatementSchema, voteStatementSchema } from "@/lib/validation/convergence";

// A statement about a paper is on its theme's map too: both pages change.
export const votePaperStatementAction = formAction(voteStatementSchema, async (input, { actor, db }) => {
  const { themeSlug } = await voteOnStatement(db, actor, input);
  revalidatePath(`/themes/${themeSlug}/map`);
  revalidatePath("/papers/[id]/statements", "page");
  return { ok: true, message: "Vote recorded. The map updates in a few seconds." };
});

export const createPaperStatementAction = formAction(createStatementSchema, async (input, { actor, db }) => {
  await createStatement(db, actor, input);
  const theme = await loadTheme(db, input.themeId);
  revalidatePath(`/themes/${theme.slug}/map`);
  if (input.paperId) revalidatePath(`/papers/${input.paperId}/statements`);
  return { ok: true, message: "Statement added. Others will be asked to vote on it." };
});
