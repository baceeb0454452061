import { z } from "zod";

export const SOURCE_KINDS = ["official_statistics", "peer_reviewed", "reputable_press", "advocacy_group", "blog_social", "other"] as const;
export const SOURCE_KIND_LABELS: Record<(typeof SOURCE_KINDS)[number], string> = {
  official_statistics: "Official statistics",
  peer_reviewed: "Peer-reviewed research",
  reputable_press: "Reputable press",
  advocacy_group: "Advocacy group",
  blog_social: "Blog or social media",
  other: "Other",
};
export const MAX_SOURCES = 8;

const isoDate = /^\d{4}-\d{2}-\d{2}$/;
const optionalText = (max: number, message: string) =>
  z
    .string()
    .trim()
    .max(max, message)
    .optional()
    .transform((s) => (s ? s : null));
const optionalDate = z
  .string()
  .trim()
  .optional()
  .transform((s) => (s ? s : null))
  .refine((s) => s === null || (isoDate.test(s) && !Number.isNaN(Date.parse(s))), "Use a date such as 2024-03-31.");

export const sourceSchema = z.object({
  url: z
    .string({ error: "Give the source's web address." })
    .trim()
    .min(1, "Give the source's web address.")
    .max(2000, "Use at most 2,000 characters.")
    .refine((u) => {
      try {
        return ["http:", "https:"].includes(new URL(u).protocol);
      } catch {
        return false;
      }
    }, "Use a full web address starting with https://"),
  title: z.string({ error: "Give the source's title." }).trim().min(2, "Give the source's title.").max(300, "Use at most 300 characters."),
  publisher: z.string({ error: "Say who published it." }).trim().min(2, "Say who published it.").max(120, "Use at most 120 characters."),
  publishedOn: optionalDate,
  kind: z.enum(SOURCE_KINDS, { error: "Choose what kind of source this is." }),
});
export type SourceInput = z.output<typeof sourceSchema>;

/** The fields of a fact, as typed. Sources arrive as `sources.<i>.<field>` and themes as `theme.<id>` checkboxes. */
const factFields = z.object({
  statement: z.string({ error: "Write the fact." }).trim().min(10, "Write the fact in at least 10 characters.").max(500, "Use at most 500 characters."),
  figureValue: z
    .string()
    .trim()
    .optional()
    .transform((s) => (s ? s.replace(/,/g, "") : null))
    .refine((s) => s === null || /^-?\d+(\.\d+)?$/.test(s), "Write the figure as a number, such as 7.6 or 1200."),
  figureUnit: optionalText(40, "Use at most 40 characters."),
  asOf: optionalDate.refine((s) => s === null || Date.parse(s) <= Date.now() + 86_400_000, "The date cannot be in the future."),
  period: optionalText(60, "Use at most 60 characters."),
  place: optionalText(80, "Use at most 80 characters."),
  timeSensitive: z.stringbool().optional().default(false),
  themeIds: z.array(z.uuid()).min(1, "Choose at least one theme.").max(4, "Choose at most 4 themes."),
  sources: z.array(z.record(z.string(), z.unknown())).max(MAX_SOURCES, `Give at most ${MAX_SOURCES} sources.`),
});

/** Turns the flat form into the nested shape; leaves anything else alone so direct callers can pass objects. */
function collect(raw: unknown): unknown {
  if (!raw || typeof raw !== "object") return raw;
  const flat = raw as Record<string, unknown>;
  if (Array.isArray(flat.sources) || Array.isArray(flat.themeIds)) return raw;
  const out: Record<string, unknown> = {};
  const sources: Record<string, unknown>[] = [];
  const themeIds: string[] = [];
  for (const [key, value] of Object.entries(flat)) {
    const s = /^sources\.(\d+)\.(\w+)$/.exec(key);
    const t = /^theme\.(.+)$/.exec(key);
    if (s) (sources[Number(s[1])] ??= {})[s[2]!] = value;
    else if (t) {
      if (value === "true" || value === "on") themeIds.push(t[1]!);
    } else out[key] = value;
  }
  // Rows left entirely blank in the repeater are ignored.
  out.sources = sources.filter((row) => row && Object.entries(row).some(([k, v]) => k !== "kind" && typeof v === "string" && v.trim() !== ""));
  out.themeIds = themeIds;
  return out;
}

/**
 * Errors in a source are reported under `sources.<i>.<field>`, so the form shows each next to its
 * field; they are checked even when another field is wrong, so one round trip shows every error.
 */
function checkSources(v: { figureValue: string | null; figureUnit: string | null; sources: unknown }, ctx: z.RefinementCtx) {
  if (v.figureValue && !v.figureUnit) ctx.addIssue({ code: "custom", path: ["figureUnit"], message: "Give the unit of the figure, such as %, people or £bn." });
  const sources: unknown[] = Array.isArray(v.sources) ? v.sources : [];
  if (sources.length === 0) ctx.addIssue({ code: "custom", path: ["sources"], message: "Give at least one source." });
  sources.forEach((s, i) => {
    const parsed = sourceSchema.safeParse(s);
    if (!parsed.success) for (const issue of parsed.error.issues) ctx.addIssue({ code: "custom", path: [`sources.${i}.${String(issue.path[0])}`], message: issue.message });
  });
}
// Run even when other fields failed (zod 4 `when`), so source errors are not hidden behind them.
const always = { when: () => true } as never;
const parseSources = <T extends { sources: Record<string, unknown>[] }>(v: T): Omit<T, "sources"> & { sources: SourceInput[] } => ({
  ...v,
  sources: v.sources.map((s) => sourceSchema.parse(s)),
});

export const factSchema = z.preprocess(collect, factFields.superRefine(checkSources, always).transform(parseSources));
export type FactInput = z.output<typeof factSchema>;

const reason = (what: string) => z.string({ error: `Give a reason ${what}.` }).trim().min(5, `Give a reason ${what} (at least 5 characters).`).max(2000, "Use at most 2,000 characters.");
const factId = z.uuid("That fact does not exist.");
const disputeId = z.uuid("That dispute does not exist.");

export const factIdSchema = z.object({ factId });
export const acceptFactSchema = z.object({ factId, reason: z.string().trim().max(2000, "Use at most 2,000 characters.").optional().transform((s) => s || null) });
export const rejectFactSchema = z.object({ factId, reason: reason("for rejecting it") });
export const retractFactSchema = z.object({ factId, reason: reason("for retracting it") });
export const confirmFactSchema = z.object({ factId, reason: z.string().trim().max(1000, "Use at most 1,000 characters.").optional().transform((s) => s || null) });

export const amendFactSchema = z.preprocess(
  collect,
  factFields
    .extend({ factId, disputeId: z.uuid().optional().or(z.literal("").transform(() => undefined)), reason: reason("for the change") })
    .superRefine(checkSources, always)
    .transform(parseSources),
);

export const disputeSchema = z.object({
  factId,
  reason: reason("for disputing it").refine((s) => s.length >= 10, "Explain what is wrong in at least 10 characters."),
  counterSourceUrl: z
    .string()
    .trim()
    .max(2000)
    .optional()
    .transform((s) => (s ? s : null))
    .refine((u) => {
      if (u === null) return true;
      try {
        return ["http:", "https:"].includes(new URL(u).protocol);
      } catch {
        return false;
      }
    }, "Use a full web address starting with https://"),
  counterSourceTitle: optionalText(300, "Use at most 300 characters."),
});
export type DisputeInput = z.output<typeof disputeSchema>;

export const resolveDisputeSchema = z.object({
  disputeId,
  outcome: z.enum(["upheld", "retracted"], { error: "Choose how the dispute is settled." }),
  reason: reason("for the decision"),
});

export const disputeCommentSchema = z.object({
  disputeId,
  parentId: z.uuid().optional().or(z.literal("").transform(() => undefined)),
  body: z.string({ error: "Write something first." }).trim().min(1, "Write something first.").max(5000, "Use at most 5,000 characters."),
});

export const FACT_PAGE_SIZE = 20;
export const factSearchSchema = z.object({
  q: z.string().trim().max(200).optional().default(""),
  theme: z.string().trim().max(60).regex(/^[a-z0-9-]*$/).optional().default(""),
  kind: z.enum(SOURCE_KINDS).optional().or(z.literal("").transform(() => undefined)),
  min: z.coerce.number().int().min(0).max(100).optional().default(0),
  page: z.coerce.number().int().min(1).max(500).optional().default(1),
});
export type FactSearchParams = z.output<typeof factSearchSchema>;
