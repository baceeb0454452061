import { z } from "zod";

export const reasonSchema = z
  .string({ error: "Give a reason; it is published in the moderation log." })
  .trim()
  .min(5, "Give a reason of at least 5 characters; it is published in the moderation log.")
  .max(1000, "Use at most 1,000 characters.");

export const memberTargetSchema = z.object({ userId: z.uuid() });
export const suspendSchema = memberTargetSchema.extend({ reason: reasonSchema });
export const roleChangeSchema = memberTargetSchema.extend({
  role: z.enum(["moderator", "fact_editor", "council", "admin"]),
  reason: reasonSchema,
});
export const memberSearchSchema = z.object({
  q: z.string().trim().max(100).optional().default(""),
  page: z.coerce.number().int().min(1).max(10_000).optional().default(1),
});
