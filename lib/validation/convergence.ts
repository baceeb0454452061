import { z } from "zod";

/** Polis keeps statements to a tweet; a map statement is one claim to agree or disagree with. */
export const STATEMENT_MAX = 280;
export const DIGEST_POINT_MAX = 2000;

export const createStatementSchema = z.object({
  themeId: z.uuid("That theme could not be found."),
  body: z
    .string({ error: "Write the statement first." })
    .trim()
    .min(5, "Write a statement of at least 5 characters.")
    .max(STATEMENT_MAX, `Keep a statement to ${STATEMENT_MAX} characters, one claim people can agree or disagree with.`),
});
export type CreateStatementInput = z.output<typeof createStatementSchema>;

export const voteStatementSchema = z.object({
  statementId: z.uuid("That statement could not be found."),
  vote: z.enum(["agree", "disagree", "pass"], { error: "Choose agree, disagree or pass." }),
});
export type VoteStatementInput = z.output<typeof voteStatementSchema>;

export const moderateStatementSchema = z.object({
  statementId: z.uuid("That statement could not be found."),
  reason: z
    .string({ error: "Give a reason: it is shown in the public moderation log." })
    .trim()
    .min(5, "Give a reason of at least 5 characters: it is shown in the public moderation log.")
    .max(1000, "Use at most 1,000 characters."),
});
export type ModerateStatementInput = z.output<typeof moderateStatementSchema>;

export const findableSchema = z.object({ themeId: z.uuid("That theme could not be found."), findable: z.stringbool() });

export const contactRequestSchema = z.object({
  themeId: z.uuid("That theme could not be found."),
  handle: z.string().regex(/^[0-9a-f]{32}$/, "That member could not be found."),
});
export type ContactRequestInput = z.output<typeof contactRequestSchema>;

export const contactResponseSchema = z.object({ requestId: z.uuid("That request could not be found."), accept: z.stringbool() });
export type ContactResponseInput = z.output<typeof contactResponseSchema>;
