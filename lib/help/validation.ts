import { z } from "zod";
import { chosen } from "@/lib/directory/validation";
import { REGIONS } from "@/lib/directory/reference";

const uuid = (what: string) => z.string({ error: `Choose ${what}.` }).regex(/^[0-9a-f-]{36}$/i, `Choose ${what}.`);

/** The skill checkboxes (`skill.<slug>`) are gathered first, so their error shows together with every other field's. */
export const helpRequestSchema = z.preprocess(
  (form) => ({ ...(form as Record<string, unknown>), skills: chosen(form as Record<string, unknown>, "skill") }),
  z.looseObject({
    title: z.string({ error: "Say in a few words what help is needed." }).trim().min(5, "Say in at least 5 characters what help is needed.").max(120, "Use at most 120 characters."),
    description: z.string({ error: "Describe the work." }).trim().min(20, "Describe the work in at least 20 characters.").max(3000, "Use at most 3,000 characters."),
    hoursNeeded: z.coerce.number({ error: "Give the hours needed." }).int("Give a whole number of hours.").min(1, "Give at least 1 hour.").max(200, "Give at most 200 hours."),
    place: z
      .string({ error: "Choose where the work happens." })
      .refine((s) => s === "remote" || (REGIONS as readonly string[]).includes(s), "Choose a region, or remote."),
    deadline: z
      .string({ error: "Give a deadline." })
      .regex(/^\d{4}-\d{2}-\d{2}$/, "Give a date such as 2027-01-31.")
      .refine((s) => !Number.isNaN(Date.parse(s)), "Give a real date.")
      .refine((s) => Date.parse(s) >= Date.parse(new Date().toISOString().slice(0, 10)), "The deadline cannot be in the past."),
    themeId: z
      .string()
      .optional()
      .transform((s) => (s ? s : null)),
    skills: z.array(z.string()).min(1, "Choose between 1 and 6 skills.").max(6, "Choose between 1 and 6 skills."),
  }),
);
export type HelpRequestInput = z.output<typeof helpRequestSchema>;

export const inviteSchema = z.object({
  requestId: uuid("the request"),
  memberId: uuid("a member"),
  note: z
    .string()
    .trim()
    .max(500, "Use at most 500 characters.")
    .optional()
    .transform((s) => (s ? s : null)),
});

export const answerSchema = z.object({
  invitationId: uuid("the invitation"),
  answer: z.enum(["yes", "no", "later"], { error: "Choose yes, no or ask me later." }),
});

export const closeSchema = z.object({
  requestId: uuid("the request"),
  outcome: z.enum(["met", "partly_met", "not_met", "withdrawn"], { error: "Say what came of the request." }),
  outcomeNote: z.string({ error: "Say in a sentence what came of it." }).trim().min(5, "Say in a sentence what came of it.").max(1000, "Use at most 1,000 characters."),
});

export const messageSchema = z.object({
  threadId: uuid("the conversation"),
  body: z.string({ error: "Write a message." }).trim().min(1, "Write a message.").max(2000, "Use at most 2,000 characters."),
});

export const OUTCOME_LABELS = { met: "Met", partly_met: "Partly met", not_met: "Not met", withdrawn: "Withdrawn" } as const;
