import { z } from "zod";

/** A request for a collaboration token: which document, and optionally the mode wanted. */
export const CollabTokenInput = z.object({
  doc: z.string().regex(/^(response|synthesis)\.[0-9a-f-]{36}$/i, "Unknown document."),
  mode: z.enum(["read", "write"]).optional(),
});
export type CollabTokenInput = z.infer<typeof CollabTokenInput>;
