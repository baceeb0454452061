import { z } from "zod";

const uuid = (message: string) => z.uuid(message);
const text = (min: number, max: number, what: string) =>
  z.string({ error: `Write ${what}.` }).trim().min(min, min > 1 ? `Use at least ${min} characters.` : `Write ${what}.`).max(max, `Use at most ${max.toLocaleString("en-GB")} characters.`);
/** A datetime-local value (read as UTC, as the page says) or an ISO time. */
const when = (message: string) =>
  z
    .string({ error: message })
    .trim()
    .min(1, message)
    .transform((s, ctx) => {
      const d = new Date(/Z$|[+-]\d\d:\d\d$/.test(s) ? s : `${s}Z`);
      if (Number.isNaN(d.getTime())) {
        ctx.addIssue({ code: "custom", message });
        return z.NEVER;
      }
      return d;
    });

export const createElectionSchema = z.object({
  title: text(3, 120, "a title"),
  seats: z.coerce.number({ error: "Give a number of seats." }).int("Use a whole number.").min(1, "At least one seat.").max(25, "At most 25 seats."),
  nominationsCloseAt: when("Give the time nominations close."),
  votingClosesAt: when("Give the time voting closes."),
});

export const nominateSchema = z.object({
  electionId: uuid("That election does not exist."),
  /** "self", or the public name of the member nominated. */
  who: z.enum(["self", "other"], { error: "Choose whom you nominate." }),
  nomineeName: z.string().trim().max(120, "Use at most 120 characters.").default(""),
  note: z.string().trim().max(2000, "Use at most 2,000 characters.").default(""),
  statement: z.string().trim().max(4000, "Use at most 4,000 characters.").default(""),
});

export const respondSchema = z.object({
  nominationId: uuid("That nomination does not exist."),
  accept: z.stringbool({ error: "Choose to accept or decline." }),
  statement: z.string().trim().max(4000, "Use at most 4,000 characters.").default(""),
});

/** The ballot form: electionId plus one `rank:<nominationId>` field per candidate. */
export const ballotSchema = z.looseObject({ electionId: uuid("That election does not exist.") });

export const receiptSchema = z.object({
  electionId: uuid("That election does not exist."),
  receipt: z
    .string({ error: "Enter your receipt code." })
    .trim()
    .regex(/^[0-9A-Za-z]{4}-?[0-9A-Za-z]{4}-?[0-9A-Za-z]{4}-?[0-9A-Za-z]{4}$/, "A receipt looks like 7KQ2-M9XD-4TRA-ZB3C."),
});

export const decisionSchema = z
  .object({
    question: text(5, 300, "the question"),
    details: z.string().trim().max(4000, "Use at most 4,000 characters.").default(""),
    kind: z.enum(["consent", "approval", "ranked", "score"], { error: "Choose how people vote." }),
    electorate: z.enum(["members", "theme", "council"], { error: "Choose who decides." }),
    themeId: z.union([z.uuid("Choose a theme."), z.literal("")]).default(""),
    options: z.string().max(4000, "Use at most 4,000 characters.").default(""),
    seats: z.coerce.number().int("Use a whole number.").min(1, "At least one winner.").max(10, "At most 10 winners.").default(1),
    anonymous: z.stringbool({ error: "Choose named or anonymous voting." }),
    closesAt: when("Give the closing time."),
  })
  .transform((d) => ({ ...d, themeId: d.themeId || null, options: d.options.split(/\r?\n/).map((o) => o.trim()).filter(Boolean) }));

export const decisionIdSchema = z.object({ decisionId: uuid("That decision does not exist.") });
/** The vote form carries the kind's fields: consent + reason, approve (several), rank:<id>, score:<id>. */
export const decisionVoteSchema = z.looseObject({ decisionId: uuid("That decision does not exist.") });

export const settingsSchema = z.object({
  bootstrapEndsAt: z
    .string()
    .trim()
    .default("")
    .transform((s, ctx) => {
      if (!s) return null;
      const d = new Date(/Z$/.test(s) ? s : `${s}Z`);
      if (Number.isNaN(d.getTime())) {
        ctx.addIssue({ code: "custom", message: "Give a date and time, or leave it empty." });
        return z.NEVER;
      }
      return d;
    }),
  moderatorSeats: z.coerce.number().int("Use a whole number.").min(1, "At least 1.").max(25, "At most 25."),
  termMonths: z.coerce.number().int("Use a whole number.").min(1, "At least 1 month.").max(60, "At most 60 months."),
  nominationDays: z.coerce.number().int("Use a whole number.").min(1, "At least 1 day.").max(60, "At most 60 days."),
  votingDays: z.coerce.number().int("Use a whole number.").min(1, "At least 1 day.").max(60, "At most 60 days."),
  ballotsStaleAfterMonths: z.coerce.number().int("Use a whole number.").min(0, "At least 0.").max(60, "At most 60 months."),
  decisionSecondsRequired: z.coerce.number().int("Use a whole number.").min(0, "At least 0.").max(1000, "At most 1,000."),
  reason: text(3, 1000, "why you change them (it is published)"),
});

export const factEditorSchema = z.object({
  memberName: text(1, 120, "the member's name as the site shows it"),
  appoint: z.stringbool(),
  reason: text(3, 1000, "the reason (it is published)"),
});
