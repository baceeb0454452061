import { z } from "zod";
import type { DocJson } from "@/db/schema/papers";
import { ALLOWED_MARKS, ALLOWED_NODES, HEADING_LEVELS, isAllowedLink } from "@/lib/papers/extensions";

/** Limits that keep one paper a paper: about 60,000 words of JSON at most. */
export const MAX_CONTENT_CHARS = 600_000;
const MAX_DEPTH = 24;
const MAX_NODES = 40_000;
const MAX_FOOTNOTE_CHARS = 2_000;

export const EMPTY_DOC: DocJson = { type: "doc", content: [{ type: "paragraph" }] };

/** Why a document is not an acceptable paper body, or null when it is. */
export function checkDoc(value: unknown): string | null {
  let nodes = 0;
  const visit = (node: unknown, depth: number): string | null => {
    if (depth > MAX_DEPTH) return "The text is nested too deeply.";
    if (++nodes > MAX_NODES) return "The text is too long.";
    if (!node || typeof node !== "object" || Array.isArray(node)) return "The text could not be read.";
    const n = node as Record<string, unknown>;
    const allowedAttrs = typeof n.type === "string" ? ALLOWED_NODES[n.type] : undefined;
    if (!allowedAttrs) return `The text contains something a paper cannot hold (${String(n.type).slice(0, 40)}).`;
    for (const key of Object.keys(n)) if (!["type", "attrs", "content", "marks", "text"].includes(key)) return "The text could not be read.";
    if (n.type === "text" && (typeof n.text !== "string" || n.text.length === 0)) return "The text could not be read.";
    if (n.type !== "text" && n.text !== undefined) return "The text could not be read.";
    if (n.attrs !== undefined) {
      if (!n.attrs || typeof n.attrs !== "object" || Array.isArray(n.attrs)) return "The text could not be read.";
      for (const [key, v] of Object.entries(n.attrs)) {
        if (!allowedAttrs.includes(key)) return "The text contains a setting a paper cannot hold.";
        if (v !== null && !["string", "number"].includes(typeof v) && !(key === "colwidth" && Array.isArray(v) && v.every((x) => typeof x === "number"))) {
          return "The text could not be read.";
        }
      }
      const attrs = n.attrs as Record<string, unknown>;
      if (n.type === "heading" && !(HEADING_LEVELS as readonly number[]).includes(Number(attrs.level))) return "Headings go from level 2 to 4.";
      if (n.type === "footnote" && String(attrs.content ?? "").length > MAX_FOOTNOTE_CHARS) return "A footnote is too long (2,000 characters at most).";
    }
    if (n.marks !== undefined) {
      if (!Array.isArray(n.marks)) return "The text could not be read.";
      for (const mark of n.marks as Record<string, unknown>[]) {
        const markAttrs = mark && typeof mark.type === "string" ? ALLOWED_MARKS[mark.type] : undefined;
        if (!markAttrs) return "The text uses formatting a paper cannot hold.";
        const attrs = (mark.attrs ?? {}) as Record<string, unknown>;
        for (const key of Object.keys(attrs)) if (!markAttrs.includes(key)) return "The text uses formatting a paper cannot hold.";
        if (mark.type === "link" && !isAllowedLink(attrs.href as string)) return "Links must start with http://, https:// or mailto:.";
      }
    }
    if (n.content !== undefined) {
      if (!Array.isArray(n.content)) return "The text could not be read.";
      for (const child of n.content) {
        const problem = visit(child, depth + 1);
        if (problem) return problem;
      }
    }
    return null;
  };
  if (!value || typeof value !== "object" || (value as { type?: unknown }).type !== "doc") return "The text could not be read.";
  return visit(value, 0);
}

/** A paper body as the editor sends it: ProseMirror JSON in a string field. */
export const docField = z
  .string()
  .max(MAX_CONTENT_CHARS, "The text is too long for one paper.")
  .transform((s, ctx) => {
    try {
      return JSON.parse(s) as unknown;
    } catch {
      ctx.addIssue({ code: "custom", message: "The text could not be read." });
      return z.NEVER;
    }
  })
  .superRefine((doc, ctx) => {
    const problem = checkDoc(doc);
    if (problem) ctx.addIssue({ code: "custom", message: problem });
  })
  .transform((doc) => doc as DocJson);

const title = z.string().trim().max(200, "Use at most 200 characters.");
const summary = z.string().trim().max(1000, "Use at most 1,000 characters.").default("");

/** Saving the working copy: drafts may be unfinished, so the title may still be empty. */
export const saveDraftSchema = z.object({
  paperId: z.uuid().optional().or(z.literal("").transform(() => undefined)),
  themeSlug: z.string().trim().max(60).optional(),
  callId: z.uuid().optional().or(z.literal("").transform(() => undefined)),
  title: title.default(""),
  summary,
  content: docField,
});
export type SaveDraftInput = z.infer<typeof saveDraftSchema>;

export const paperIdSchema = z.object({ paperId: z.uuid("That paper could not be found.") });

export const reviewSchema = paperIdSchema
  .extend({
    decision: z.enum(["accept", "return", "reject"], { error: "Choose a decision." }),
    reason: z.string().trim().max(5000, "Use at most 5,000 characters.").default(""),
  })
  .superRefine((v, ctx) => {
    if (v.decision !== "accept" && v.reason.length < 10) {
      ctx.addIssue({ code: "custom", path: ["reason"], message: "Give the author a reason of at least 10 characters." });
    }
  });
export type ReviewInput = z.infer<typeof reviewSchema>;

export const moderationSchema = paperIdSchema.extend({
  reason: z.string({ error: "Give a reason." }).trim().min(5, "Give a reason of at least 5 characters.").max(1000, "Use at most 1,000 characters."),
});

export const callSchema = z.object({
  themeId: z.uuid("Choose a theme."),
  title: z.string({ error: "Give the call a title." }).trim().min(5, "Use at least 5 characters.").max(200, "Use at most 200 characters."),
  description: z.string().trim().max(4000, "Use at most 4,000 characters.").default(""),
  deadline: z.coerce
    .date({ error: "Give a deadline date." })
    .refine((d) => !Number.isNaN(d.getTime()), "Give a deadline date.")
    .refine((d) => d.getTime() > Date.now(), "The deadline must be in the future."),
});
export type CallInput = z.infer<typeof callSchema>;

export const callIdSchema = z.object({ callId: z.uuid("That call could not be found."), reason: z.string().trim().max(1000).default("") });
