import { z } from "zod";

/** A request for a collaboration token: which document, and optionally the mode wanted. */
export const CollabTokenInput = z.object({
  doc: z.string().regex(/^(response|synthesis)\.[0-9a-f-]{36}$/i, "Unknown document."),
  mode: z.enum(["read", "write"]).optional(),
});
export type CollabTokenInput = z.infer<typeof CollabTokenInput>;

/** Saving a named revision of a co-edited document. */
export const SaveRevisionInput = z.object({
  doc: CollabTokenInput.shape.doc,
  name: z.string().trim().min(1, "Give the revision a name.").max(120, "Keep the name under 120 characters."),
});
export type SaveRevisionInput = z.infer<typeof SaveRevisionInput>;
