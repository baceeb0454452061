import { z } from "zod";
import { splitTags } from "@/lib/directory/validation";
import { EXPIRY_CHOICES } from "./consent";

const uuid = (what: string) => z.string({ error: `Choose ${what}.` }).regex(/^[0-9a-f-]{36}$/i, `Choose ${what}.`);
const expiry = z.coerce
  .number({ error: "Choose how long your consent lasts." })
  .refine((n) => EXPIRY_CHOICES.some((c) => c.months === n), "Choose how long your consent lasts.");

const storyFields = {
  title: z.string({ error: "Give the story a title." }).trim().min(3, "Give the story a title of at least 3 characters.").max(120, "Use at most 120 characters."),
  body: z.string({ error: "Tell the story." }).trim().min(50, "Tell the story in at least 50 characters.").max(6000, "Use at most 6,000 characters."),
  occurredOn: z
    .string({ error: "Say when it happened." })
    .regex(/^\d{4}-\d{2}-\d{2}$/, "Give a date such as 2025-03-31.")
    .refine((s) => !Number.isNaN(Date.parse(s)), "Give a real date.")
    .refine((s) => Date.parse(s) <= Date.now() + 86_400_000, "The date cannot be in the future."),
  place: z.string({ error: "Say where it happened." }).trim().min(2, "Say where it happened (a town or area is enough).").max(120, "Use at most 120 characters."),
  themeId: uuid("a theme"),
  role: z.enum(["subject", "witness"], { error: "Say whether it happened to you or you saw it." }),
};

export const storySchema = z.object({
  ...storyFields,
  consentLevel: z.enum(["internal", "anonymous", "named"], { error: "Choose how your story may be used." }),
  wordingVersion: z.coerce.number().int(),
  expiryMonths: expiry,
});
export type StoryInput = z.output<typeof storySchema>;

export const editStorySchema = z.object({ storyId: uuid("the story"), ...storyFields });
export type EditStoryInput = z.output<typeof editStorySchema>;

export const attestSchema = z.object({
  token: z.string().min(10).max(100),
  relation: z.string({ error: "Say how you know this happened." }).trim().min(5, "Say in a few words how you know this happened.").max(300, "Use at most 300 characters."),
});

export const consentChangeSchema = z.discriminatedUnion("change", [
  z.object({ storyId: uuid("the story"), change: z.literal("grant"), level: z.enum(["internal", "anonymous", "named"], { error: "Choose a level." }), wordingVersion: z.coerce.number().int(), expiryMonths: expiry }),
  z.object({ storyId: uuid("the story"), change: z.literal("lower"), level: z.enum(["internal", "anonymous", "named"], { error: "Choose a level." }) }),
  z.object({ storyId: uuid("the story"), change: z.literal("withdraw") }),
]);
export type ConsentChangeInput = z.output<typeof consentChangeSchema>;

export const reviewSchema = z
  .object({
    storyId: uuid("the story"),
    decision: z.enum(["accept", "changes", "decline"], { error: "Choose a decision." }),
    reason: z
      .string()
      .trim()
      .max(1000, "Use at most 1,000 characters.")
      .optional()
      .transform((s) => (s ? s : null)),
  })
  .refine((r) => r.decision === "accept" || (r.reason !== null && r.reason.length >= 5), { message: "Give the storyteller a reason (at least 5 characters).", path: ["reason"] });

export const tagsSchema = z.object({
  storyId: uuid("the story"),
  tags: z
    .string()
    .optional()
    .transform((s) => splitTags(s ?? ""))
    .refine((t) => t.length <= 12, "Give at most 12 tags.")
    .refine((t) => t.every((x) => x.length <= 40), "Keep each tag under 40 characters."),
});

export const redactionSchema = z.object({
  storyId: uuid("the story"),
  redactedBody: z.string({ error: "Write the redacted text." }).trim().min(20, "Write the redacted text (at least 20 characters).").max(6000, "Use at most 6,000 characters."),
  note: z
    .string()
    .trim()
    .max(500)
    .optional()
    .transform((s) => (s ? s : null)),
});

export const redactionDecisionSchema = z.object({
  storyId: uuid("the story"),
  decision: z.enum(["approve", "reject"], { error: "Choose approve or reject." }),
});

export const quoteSchema = z.object({
  storyId: uuid("the story"),
  paperId: uuid("a paper"),
  as: z.enum(["anonymous", "named"], { error: "Choose whether to quote with or without the name." }),
});

export const pressPackSchema = z
  .looseObject({
    themeId: uuid("a theme"),
    title: z.string({ error: "Give the press pack a title." }).trim().min(3, "Give the press pack a title.").max(120, "Use at most 120 characters."),
  })
  .transform((f) => ({ ...f, storyIds: Object.keys(f).filter((k) => k.startsWith("story.") && f[k] === "true").map((k) => k.slice(6)) }))
  .refine((f) => f.storyIds.length > 0, { message: "Choose at least one story.", path: ["stories"] });

export const takedownSchema = z.object({ useId: uuid("the use") });
