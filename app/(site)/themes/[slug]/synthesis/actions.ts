"use server";

import { revalidatePath } from "next/cache";
import { formAction } from "@/lib/actions";
import { loadCollabResource } from "@/lib/collab/documents";
import { restoreRevisionNow, saveRevision } from "@/lib/collab/revisions";
import { createSuggestion } from "@/lib/synthesis/suggestions";
import { SaveRevisionInput } from "@/lib/validation/collab";
import { RestoreRevisionInput } from "@/lib/validation/responses";
import { SuggestionInput } from "@/lib/validation/synthesis";
import { themes } from "@/db/schema";
import { eq } from "drizzle-orm";

export const saveSynthesisRevisionAction = formAction(SaveRevisionInput, async (input, { actor, db }) => {
  const saved = await saveRevision(db, actor, input);
  const resource = await loadCollabResource(db, input.doc);
  if (resource.kind === "synthesis") {
    const [theme] = await db.select({ slug: themes.slug }).from(themes).where(eq(themes.id, resource.resource.theme.id));
    if (theme) revalidatePath(`/themes/${theme.slug}/synthesis`);
  }
  return { ok: true, data: { id: saved.id } };
});

export const restoreSynthesisRevisionAction = formAction(RestoreRevisionInput, async (input, { actor, db }) => {
  await restoreRevisionNow(db, actor, input.doc, input.revisionId);
  return { ok: true };
});

export const suggestAction = formAction(SuggestionInput, async (input, { actor, db }) => {
  await createSuggestion(db, actor, input);
  const [theme] = await db.select({ slug: themes.slug }).from(themes).where(eq(themes.id, input.themeId));
  if (theme) revalidatePath(`/themes/${theme.slug}/synthesis`);
  return { ok: true };
});
