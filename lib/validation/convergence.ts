import { z } from "zod";

/** Polis keeps statements to a tweet; a map statement is one claim to agree or disagree with. */
export const STATEMENT_MAX = 280;
export const DIGEST_POINT_MAX = 2000;

export const createStatementSchema = z.object({
  themeId: z.uuid("That theme could not be found."),
  /** Written beside a paper: the statement is about it (still on its theme's map). */
  paperId: z.union([z.uuid("That paper could not be found."), z.literal("").transform(() => undefined)]).optional(),
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

export const DIGEST_SECTIONS = ["consensus", "controversy", "open_question"] as const;
export const SECTION_LABELS: Record<(typeof DIGEST_SECTIONS)[number], string> = { consensus: "Consensus", controversy: "Controversy", open_question: "Open questions" };

const commentIds = z
  .array(z.uuid("That comment could not be found."))
  .min(1, "Cite at least one comment from the thread: every point says where it comes from.")
  .max(50, "Cite at most 50 comments.");

/**
 * The form names each comment's checkbox `cite-<comment id>` (the form wrapper keeps one value per
 * name, so a repeated name would lose all but the last tick); they are gathered into commentIds.
 */
const gatherCitations = (raw: unknown) => {
  if (!raw || typeof raw !== "object" || Array.isArray(raw)) return raw;
  const entries = Object.entries(raw as Record<string, unknown>);
  if ("commentIds" in (raw as object)) return raw;
  return { ...Object.fromEntries(entries.filter(([k]) => !k.startsWith("cite-"))), commentIds: entries.filter(([k, v]) => k.startsWith("cite-") && v).map(([k]) => k.slice(5)) };
};

const digestPointFields = z.object({
  digestId: z.uuid("That digest could not be found."),
  section: z.enum(DIGEST_SECTIONS, { error: "Choose Consensus, Controversy or Open questions." }),
  body: z.string({ error: "Write the point first." }).trim().min(3, "Write the point first.").max(DIGEST_POINT_MAX, `Keep a point to ${DIGEST_POINT_MAX.toLocaleString("en-GB")} characters.`),
  commentIds,
  evidenceStatementId: z
    .union([z.uuid("That statement could not be found."), z.literal("")])
    .optional()
    .transform((v) => v || null),
});
export const digestPointSchema = z.preprocess(gatherCitations, digestPointFields);
export type DigestPointInput = z.output<typeof digestPointFields>;
export const editDigestPointSchema = z.preprocess(gatherCitations, digestPointFields.omit({ digestId: true }).extend({ pointId: z.uuid("That point could not be found.") }));
export type EditDigestPointInput = z.output<typeof editDigestPointSchema>;

export const digestPointIdSchema = z.object({ pointId: z.uuid("That point could not be found.") });
export const digestIdSchema = z.object({ digestId: z.uuid("That digest could not be found.") });
export const startDigestSchema = z.object({ paperId: z.uuid("That paper could not be found.") });
