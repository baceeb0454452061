import { z } from "zod";

const trimmed = (min: number, max: number, messages: { min: string; max: string }) => z.string().trim().min(min, messages.min).max(max, messages.max);
const wholeNumber = (label: string, min: number, max: number) =>
  z.coerce
    .number({ message: `${label} must be a number.` })
    .int(`${label} must be a whole number.`)
    .min(min, `${label} must be at least ${min}.`)
    .max(max, `${label} must be at most ${max}.`);

/** Pool sign-up: every category is optional; the values are checked against the settings in lib/council. */
export const volunteerSchema = z.object({}).catchall(z.string().max(100));

/**
 * A draw: quotas come as fields named `quota:<category>:<value>:min` / `:max` (blank = no bound).
 * Parsed into a list of quotas with the seats as the default maximum.
 */
export const drawSchema = z
  .object({
    title: trimmed(3, 120, { min: "Give the draw a title of at least 3 characters.", max: "Keep the title under 120 characters." }),
    seats: wholeNumber("The number of seats", 1, 200),
    drawNotBefore: z
      .string()
      .trim()
      .min(1, "Say when the draw will run.")
      .refine((s) => !Number.isNaN(Date.parse(s)), "Use a date and time such as 2027-01-15T18:00.")
      .transform((s) => new Date(/[zZ]|[+-]\d\d:?\d\d$/.test(s) ? s : `${s}Z`)),
    intent: z.enum(["check", "announce"]).default("check"),
  })
  .catchall(z.string())
  .transform((input, ctx) => {
    const bounds = new Map<string, { category: string; value: string; min?: number; max?: number }>();
    for (const [key, raw] of Object.entries(input)) {
      const m = /^quota:([^:]+):(.*):(min|max)$/.exec(key);
      if (!m || typeof raw !== "string" || raw.trim() === "") continue;
      const n = Number(raw);
      if (!Number.isInteger(n) || n < 0 || n > 200) {
        ctx.addIssue({ code: "custom", path: [key], message: "Use a whole number from 0 to 200, or leave it blank." });
        continue;
      }
      const id = `${m[1]}:${m[2]}`;
      const b = bounds.get(id) ?? { category: m[1]!, value: m[2]! };
      b[m[3] as "min" | "max"] = n;
      bounds.set(id, b);
    }
    const quotas = [...bounds.entries()].map(([id, b]) => {
      const q = { category: b.category, value: b.value, min: b.min ?? 0, max: b.max ?? input.seats };
      if (q.min > q.max) ctx.addIssue({ code: "custom", path: [`quota:${id}:min`], message: "The minimum is larger than the maximum." });
      return q;
    });
    // What was typed, so that a check of the quotas (a success, after which the form resets) gives the form back as it was.
    const typed: Record<string, string> = { title: input.title, seats: String(input.seats), drawNotBefore: input.drawNotBefore.toISOString().slice(0, 16) };
    for (const [key, raw] of Object.entries(input)) if (key.startsWith("quota:") && typeof raw === "string") typed[key] = raw;
    return { title: input.title, seats: input.seats, drawNotBefore: input.drawNotBefore, intent: input.intent, quotas, typed };
  });

export const drawIdSchema = z.object({ drawId: z.uuid("That draw could not be found.") });

export const RECALL_ROLES = ["moderator", "council", "fact_editor", "curator"] as const;
export const petitionSchema = z.object({
  /** "<userId>|<role>|<themeId or empty>" from the role-holder list */
  holder: z
    .string()
    .regex(/^[0-9a-f-]{36}\|(moderator|council|fact_editor|curator)\|([0-9a-f-]{36})?$/i, "Choose whose role the petition is about.")
    .transform((s) => {
      const [targetUserId, role, themeId] = s.split("|");
      return { targetUserId: targetUserId!, role: role as (typeof RECALL_ROLES)[number], themeId: themeId || null };
    }),
  reason: trimmed(20, 2000, { min: "Give a reason of at least 20 characters: signers need to know why.", max: "Keep the reason under 2,000 characters." }),
});
export const signSchema = z.object({ petitionId: z.uuid("That petition could not be found.") });

export const appealSchema = z.object({
  subject: z.enum(["comment", "paper", "suspension"], { message: "Choose the decision you are appealing." }),
  subjectId: z.uuid("Choose the decision you are appealing."),
  statement: trimmed(20, 5000, { min: "Explain in at least 20 characters why the decision was wrong.", max: "Keep the statement under 5,000 characters." }),
});
export const appealIdSchema = z.object({ appealId: z.uuid("That appeal could not be found.") });
export const appealVoteSchema = z.object({
  appealId: z.uuid("That appeal could not be found."),
  outcome: z.enum(["restore", "uphold", "amend"], { message: "Choose restore, uphold or amend." }),
  findings: trimmed(20, 5000, { min: "Write your findings in at least 20 characters.", max: "Keep the findings under 5,000 characters." }),
  remedy: z.string().trim().max(2000, "Keep the remedy under 2,000 characters.").optional().transform((s) => s || null),
});

export const councilSettingsSchema = z.object({
  activeDays: wholeNumber("Days that count as active", 7, 730),
  recallMinSignatures: wholeNumber("The minimum number of signatures", 1, 100000),
  recallSharePercent: z.coerce.number({ message: "The share must be a number." }).min(0, "The share cannot be negative.").max(100, "The share is at most 100%."),
  recallWindowDays: wholeNumber("The signing window", 1, 365),
  recallCooldownDays: wholeNumber("The period between petitions", 0, 3650),
  maxOpenPetitionsPerMember: wholeNumber("Open petitions per member", 1, 100),
  // DSA art. 20: at least six months.
  appealWindowDays: wholeNumber("The appeal period", 183, 3650),
  appealPanelSize: wholeNumber("The appeal panel", 1, 15),
  councilTermDays: wholeNumber("The council's term", 30, 3650),
  poolCategories: z
    .string()
    .trim()
    .min(1, "Give at least one category, or a line such as “Region: North, South”.")
    .max(4000, "Keep the categories under 4,000 characters.")
    .transform((text, ctx) => {
      const categories = text
        .split("\n")
        .map((line) => line.trim())
        .filter(Boolean)
        .map((line) => {
          const [label, values] = line.split(":");
          const vals = (values ?? "").split(",").map((v) => v.trim()).filter(Boolean);
          const key = (label ?? "").trim().toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "");
          if (!key || vals.length < 2) ctx.addIssue({ code: "custom", message: `“${line}”: write a label, a colon and at least two values separated by commas.` });
          return { key, label: (label ?? "").trim(), values: [...new Set(vals)] };
        });
      if (new Set(categories.map((c) => c.key)).size !== categories.length) ctx.addIssue({ code: "custom", message: "Two categories have the same name." });
      return categories;
    }),
});
