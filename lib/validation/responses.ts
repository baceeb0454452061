import { z } from "zod";
import { CollabTokenInput } from "./collab";

const uuid = z.string().uuid("Unknown item.");

/** Restoring a named revision of a co-edited document (the server applies it). */
export const RestoreRevisionInput = z.object({ doc: CollabTokenInput.shape.doc, revisionId: uuid });
export type RestoreRevisionInput = z.infer<typeof RestoreRevisionInput>;


/** "Add to response" from the discussion: the paper and the comment to quote. */
export const AddQuoteInput = z.object({ paperId: uuid, commentId: uuid });
export type AddQuoteInput = z.infer<typeof AddQuoteInput>;
