"use server";

import { revalidatePath } from "next/cache";
import { formAction } from "@/lib/actions";
import { parseDocName } from "@/lib/collab/protocol";
import { recordRestore, saveRevision } from "@/lib/collab/revisions";
import { recordCommentUse } from "@/lib/responses/quotes";
import { SaveRevisionInput } from "@/lib/validation/collab";
import { QuoteUseInput, RestoreRevisionInput } from "@/lib/validation/responses";
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
  const ticket = await recordRestore(db, actor, input.doc, input.revisionId);
  return { ok: true, data: { state: ticket.state } };
});

export const quoteUsedAction = formAction(QuoteUseInput, async (input, { actor, db }) => {
  const { responseId } = await recordCommentUse(db, actor, input.commentId);
  return { ok: true, data: { responseId } };
});
