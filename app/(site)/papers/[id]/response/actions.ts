"use server";

import { revalidatePath } from "next/cache";
import { formAction } from "@/lib/actions";
import { parseDocName } from "@/lib/collab/protocol";
import { restoreRevisionNow, saveRevision } from "@/lib/collab/revisions";
import { addQuoteToResponse } from "@/lib/responses/quotes";
import { SaveRevisionInput } from "@/lib/validation/collab";
import { AddQuoteInput, RestoreRevisionInput } from "@/lib/validation/responses";
import { loadCollabResource } from "@/lib/collab/documents";

/** The page that shows a document's revisions, to refresh after a change. */
async function pageOf(db: Parameters<typeof loadCollabResource>[0], doc: string): Promise<string | null> {
  if (parseDocName(doc)?.kind !== "response") return null;
  const resource = await loadCollabResource(db, doc);
  return resource.kind === "response" ? `/papers/${resource.resource.paper.id}/response` : null;
}

export const saveResponseRevisionAction = formAction(SaveRevisionInput, async (input, { actor, db }) => {
  const saved = await saveRevision(db, actor, input);
  const page = await pageOf(db, input.doc);
  if (page) revalidatePath(page);
  return { ok: true, data: { id: saved.id } };
});

export const restoreResponseRevisionAction = formAction(RestoreRevisionInput, async (input, { actor, db }) => {
  await restoreRevisionNow(db, actor, input.doc, input.revisionId);
  return { ok: true };
});

export const addQuoteAction = formAction(AddQuoteInput, async (input, { actor, db }) => {
  const { added } = await addQuoteToResponse(db, actor, input.paperId, input.commentId);
  revalidatePath(`/papers/${input.paperId}`);
  return { ok: true, data: { added } };
});
