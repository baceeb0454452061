import { z } from "zod";
import { VISIBILITIES } from "./visibility";
import { LANGUAGES, REGIONS } from "./reference";

const visibility = z.enum(VISIBILITIES, { error: "Choose who may see this." });
const EMAIL = /[^\s@]+@[^\s@]+\.[^\s@]+/;
const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, `Use at most ${max} characters.`)
    .optional()
    .transform((s) => (s ? s : null));

/** Checkbox groups arrive as `name.<value>` = "true"; collect the chosen values. */
export function chosen(form: Record<string, unknown>, prefix: string): string[] {
  return Object.keys(form)
    .filter((k) => k.startsWith(`${prefix}.`) && form[k] === "true")
    .map((k) => k.slice(prefix.length + 1));
}

export const splitTags = (raw: string) =>
  [...new Set(raw.split(",").map((t) => t.trim().toLowerCase().replace(/\s+/g, " ")).filter(Boolean))];

export const profileSchema = z
  .looseObject({
    skillsVisibility: visibility,
    tags: z
      .string()
      .optional()
      .transform((s) => splitTags(s ?? ""))
      .refine((t) => t.length <= 10, "Give at most 10 of your own skills.")
      .refine((t) => t.every((x) => x.length <= 40), "Keep each of your own skills under 40 characters."),
    tagsVisibility: visibility,
    interestsVisibility: visibility,
    hoursPerMonth: z
      .string()
      .trim()
      .optional()
      .transform((s) => (s ? Number(s) : null))
      .refine((n) => n === null || (Number.isInteger(n) && n >= 0 && n <= 200), "Give a whole number of hours from 0 to 200."),
    hoursVisibility: visibility,
    region: z
      .string()
      .optional()
      .transform((s) => (s ? s : null))
      .refine((s) => s === null || (REGIONS as readonly string[]).includes(s), "Choose a region from the list."),
    regionVisibility: visibility,
    languagesVisibility: visibility,
    contactPreference: optionalText(200).refine((s) => s === null || !EMAIL.test(s), "Leave your e-mail address out: contact goes through the site's messages. Say when and how you like to be reached instead."),
    contactVisibility: visibility,
    bio: optionalText(600),
    bioVisibility: visibility,
    nameVisibility: visibility,
  })
  .transform((form) => ({
    ...form,
    skills: chosen(form, "skill"),
    interests: chosen(form, "interest"),
    languages: chosen(form, "language").filter((l) => (LANGUAGES as readonly string[]).includes(l)),
  }));
export type ProfileInput = z.output<typeof profileSchema>;

const first = (v: unknown) => (Array.isArray(v) ? v[0] : v);
const optionalParam = z.preprocess(first, z.string().trim().max(80).optional()).transform((s) => (s ? s : undefined));

/** The search form's query string. Unknown or malformed values are dropped, never an error page. */
export const searchSchema = z.object({
  q: optionalParam,
  skill: optionalParam,
  region: optionalParam.transform((s) => (s && (REGIONS as readonly string[]).includes(s) ? s : undefined)),
  theme: optionalParam.transform((s) => (s && /^[0-9a-f-]{36}$/i.test(s) ? s : undefined)),
  language: optionalParam.transform((s) => (s && (LANGUAGES as readonly string[]).includes(s) ? s : undefined)),
  minHours: optionalParam.transform((s) => {
    const n = s ? Number(s) : NaN;
    return Number.isInteger(n) && n > 0 && n <= 200 ? n : undefined;
  }),
  page: optionalParam.transform((s) => {
    const n = s ? Number(s) : 1;
    return Number.isInteger(n) && n >= 1 && n <= 10_000 ? n : 1;
  }),
});
export type DirectoryFilter = Partial<Omit<z.output<typeof searchSchema>, "page">>;
