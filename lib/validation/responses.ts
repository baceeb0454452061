import { z } from "zod";
import { CollabTokenInput } from "./collab";

const uuid = z.string().uuid("Unknown item.");

/** Restoring a named revision of a co-edited document (the editor applies it). */
export const RestoreRevisionInput = z.object({ doc: CollabTokenInput.shape.doc, revisionId: uuid });
export type RestoreRevisionInput = z.infer<typeof RestoreRevisionInput>;

/** "Add to response": the comment that was quoted. */
export const QuoteUseInput = z.object({ commentId: uuid });
export type QuoteUseInput = z.infer<typeof QuoteUseInput>;
