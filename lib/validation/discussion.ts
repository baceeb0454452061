import { z } from "zod";

import { COMMENT_MAX } from "@/lib/discussion/limits";

export { COMMENT_MAX };

const body = z
  .string({ error: "Write your comment first." })
  .trim()
  .min(1, "Write your comment first.")
  .max(COMMENT_MAX, `Use at most ${COMMENT_MAX.toLocaleString("en-GB")} characters.`);

const optionalUuid = (message: string) =>
  z
    .union([z.uuid(message), z.literal("")])
    .optional()
    .transform((v) => v || null);

/** The members picked in the composer's mention picker, as a comma-separated list of ids. */
const mentions = z
  .string()
  .optional()
  .transform((v) => [...new Set((v ?? "").split(",").map((s) => s.trim().toLowerCase()).filter((s) => z.uuid().safeParse(s).success))].slice(0, 20));

export const postCommentSchema = z.object({
  paperId: z.uuid("That paper could not be found."),
  mentions,
  parentId: optionalUuid("That comment could not be found."),
  body,
  quote: z
    .string()
    .trim()
    .max(2000, "Quote at most 2,000 characters of the paper.")
    .optional()
    .transform((v) => v || null),
});
/** Callers other than the form (seeds, tests) may leave out the picker's mentions. */
export type PostCommentInput = Omit<z.output<typeof postCommentSchema>, "mentions"> & { mentions?: string[] };

export const commentIdSchema = z.object({ commentId: z.uuid("That comment could not be found.") });

export const editCommentSchema = commentIdSchema.extend({ body });

export const mentionSearchSchema = z.object({
  paperId: z.uuid("That paper could not be found."),
  q: z.string().trim().max(100).optional().default(""),
});
export type EditCommentInput = z.output<typeof editCommentSchema>;

export const voteSchema = commentIdSchema.extend({ useful: z.stringbool() });

export const moderateCommentSchema = commentIdSchema.extend({
  reason: z
    .string({ error: "Give a reason: it is shown to the author and in the public moderation log." })
    .trim()
    .min(5, "Give a reason of at least 5 characters: it is shown to the author and in the public moderation log.")
    .max(1000, "Use at most 1,000 characters."),
});
export type ModerateCommentInput = z.output<typeof moderateCommentSchema>;

export const similarQuerySchema = z.object({
  q: z.string().trim().min(3, "Type at least 3 characters.").max(1000),
  scope: z.enum(["papers", "comments", "all"]).default("all"),
  paperId: z.uuid().optional(),
});
export type SimilarQuery = z.output<typeof similarQuerySchema>;
