import { z } from "zod";

export const themeSchema = z.object({
  title: z.string({ error: "Give the theme a title." }).trim().min(2, "Use at least 2 characters.").max(80, "Use at most 80 characters."),
  slug: z
    .string({ error: "Give the theme an address." })
    .trim()
    .toLowerCase()
    .min(2, "Use at least 2 characters.")
    .max(60, "Use at most 60 characters.")
    .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, "Use lower-case letters, digits and single dashes, like health-care."),
  description: z.string().trim().max(2000, "Use at most 2,000 characters.").default(""),
  colour: z.string().trim().regex(/^#[0-9a-fA-F]{6}$/, "Pick a colour such as #2563eb."),
  discussionPublic: z.stringbool().optional().default(false),
});
export type ThemeInput = z.infer<typeof themeSchema>;

export const themeIdSchema = z.object({ themeId: z.uuid("That theme does not exist.") });

export const moveThemeSchema = themeIdSchema.extend({ direction: z.enum(["up", "down"]) });

export const curatorsSchema = themeIdSchema.extend({
  curatorEmails: z
    .string()
    .trim()
    .max(4000)
    .default("")
    .transform((s) =>
      s
        .split(/[\s,;]+/)
        .map((e) => e.toLowerCase())
        .filter(Boolean),
    )
    .pipe(z.array(z.email("Each curator is named by a valid e-mail address.")).max(50, "At most 50 curators.")),
});
