import { and, eq, inArray, or, sql } from "drizzle-orm";
import type { Tx } from "@/db";
import { factCitations, facts, type CitationSourceType } from "@/db/schema";
import { CHIP_CLASS, chipClass, chipLabel, escapeHtml, flagOf, FLAG_TEXT, truncate, type FactChipData } from "./chip";
import { isUuid } from "./resource";

export { CHIP_CLASS, chipClass, chipLabel, flagOf, FLAG_TEXT, type FactChipData, type FactFlag } from "./chip";

/**
 * Citing facts inline. In comments a member writes `[[fact:<uuid>]]` or `[[fact:<first 8 hex digits>]]`;
 * in papers, responses and syntheses the editor inserts a `factChip` node (tiptap-fact-chip.ts),
 * which renders the same token inside a span. Chips are drawn when the text is *shown*, not when
 * it is saved, so a fact disputed or retracted later is flagged everywhere it is cited.
 */
export const FACT_REF = /\[\[fact:([0-9a-f]{8}(?:-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})?)\]\]/gi;

/** The distinct fact references in a text, lower-cased, in order of first appearance. */
export function findFactRefs(text: string): string[] {
  return [...new Set([...text.matchAll(FACT_REF)].map((m) => m[1]!.toLowerCase()))];
}

/** Fact ids of the `factChip` nodes in a ProseMirror/Tiptap document. */
export function factIdsInDoc(doc: unknown): string[] {
  const ids = new Set<string>();
  const walk = (node: unknown) => {
    if (!node || typeof node !== "object") return;
    const n = node as { type?: string; attrs?: { factId?: unknown }; content?: unknown[] };
    if (n.type === "factChip" && typeof n.attrs?.factId === "string" && isUuid(n.attrs.factId)) ids.add(n.attrs.factId.toLowerCase());
    if (Array.isArray(n.content)) n.content.forEach(walk);
  };
  walk(doc);
  return [...ids];
}

export function formatFigure(value: string | null, unit: string | null): string | null {
  if (value === null) return null;
  const n = Number(value);
  const shown = Number.isFinite(n) ? n.toLocaleString("en-GB", { maximumFractionDigits: 2 }) : value;
  if (!unit) return shown;
  if (unit === "%") return `${shown}%`;
  if (unit.startsWith("£")) return `£${shown}${unit.slice(1)}`;
  return `${shown} ${unit}`;
}

const uuidRange = (prefix: string) => [`${prefix}-0000-0000-0000-000000000000`, `${prefix}-ffff-ffff-ffff-ffffffffffff`] as const;

/** Resolves references (full ids or 8-digit short ids) to the public facts they name. */
export async function loadFactChips(db: Tx, refs: string[]): Promise<Map<string, FactChipData>> {
  const out = new Map<string, FactChipData>();
  if (refs.length === 0) return out;
  const full = refs.filter(isUuid);
  const short = refs.filter((r) => !isUuid(r));
  const conditions = [
    ...(full.length ? [inArray(facts.id, full)] : []),
    ...short.map((p) => {
      const [lo, hi] = uuidRange(p);
      return sql`${facts.id} between ${lo}::uuid and ${hi}::uuid`;
    }),
  ];
  const rows = await db
    .select({
      id: facts.id,
      statement: facts.statement,
      figureValue: facts.figureValue,
      figureUnit: facts.figureUnit,
      hardness: facts.hardness,
      status: facts.status,
      // Written out in full: drizzle leaves columns unqualified in a one-table select, which a subquery would misread.
      openDisputes: sql<number>`(select count(*)::int from disputes d where d.fact_id = "facts"."id" and d.status = 'open')`,
    })
    .from(facts)
    .where(and(or(...conditions), inArray(facts.status, ["accepted", "retracted"])));
  for (const ref of refs) {
    const matches = rows.filter((r) => (isUuid(ref) ? r.id === ref : r.id.startsWith(ref)));
    // An ambiguous short id names no fact rather than a random one.
    if (matches.length !== 1) continue;
    const r = matches[0]!;
    out.set(ref, {
      id: r.id,
      statement: r.statement,
      figure: formatFigure(r.figureValue, r.figureUnit),
      hardness: r.hardness,
      status: r.status as "accepted" | "retracted",
      openDisputes: r.openDisputes,
    });
  }
  return out;
}

/** A chip as HTML, for text rendered to HTML strings (comments, server-rendered documents). */
export function factChipHtml(chip: FactChipData): string {
  const flag = flagOf(chip);
  const parts = [
    chip.figure ? `<span class="${CHIP_CLASS.figure}">${escapeHtml(chip.figure)}</span>` : "",
    `<span>${escapeHtml(truncate(chip.statement, chip.figure ? 70 : 110))}</span>`,
    `<span class="${CHIP_CLASS.score}">Hardness ${chip.hardness}</span>`,
    flag ? `<strong class="${CHIP_CLASS.flag}"><span aria-hidden="true">⚠ </span>${FLAG_TEXT[flag]}</strong>` : "",
  ].join("");
  return `<a href="/facts/${chip.id}" class="${chipClass(flag)}" data-fact-chip="${chip.id}"${flag ? ` data-flag="${flag}"` : ""} aria-label="${escapeHtml(chipLabel(chip))}">${parts}</a>`;
}

const MISSING = `<span class="rounded border border-dashed border-slate-400 px-1 text-sm text-slate-700">[fact not found]</span>`;

/** Replaces every `[[fact:…]]` token in already-sanitised HTML with its chip. */
export function replaceFactRefs(html: string, chips: Map<string, FactChipData>): string {
  return html.replace(FACT_REF, (_m, ref: string) => {
    const chip = chips.get(ref.toLowerCase());
    return chip ? factChipHtml(chip) : MISSING;
  });
}

/**
 * For the markdown pipeline (comments, dispute discussions): call on the stored, sanitised HTML
 * when showing it. One query for all the chips of the text.
 */
export async function renderFactChipsInHtml(db: Tx, html: string): Promise<string> {
  const refs = findFactRefs(html);
  if (refs.length === 0) return html;
  return replaceFactRefs(html, await loadFactChips(db, refs));
}

/** Many texts at once (a whole thread): one query for every chip in them. */
export async function renderFactChipsInMany(db: Tx, htmls: string[]): Promise<string[]> {
  const refs = [...new Set(htmls.flatMap(findFactRefs))];
  if (refs.length === 0) return htmls;
  const chips = await loadFactChips(db, refs);
  return htmls.map((h) => replaceFactRefs(h, chips));
}

/**
 * Records which facts a document or comment cites, replacing what was recorded for it before.
 * Pass the text (markdown source or HTML with tokens) and/or the Tiptap document; unknown or
 * unpublished facts are ignored. Call inside the transaction that saves the document.
 */
export async function recordCitations(
  db: Tx,
  source: { type: CitationSourceType; id: string },
  content: { text?: string; doc?: unknown },
): Promise<string[]> {
  const refs = [...new Set([...(content.text ? findFactRefs(content.text) : []), ...(content.doc ? factIdsInDoc(content.doc) : [])])];
  const chips = await loadFactChips(db, refs);
  const factIds = [...new Set([...chips.values()].map((c) => c.id))];
  await db.delete(factCitations).where(and(eq(factCitations.sourceType, source.type), eq(factCitations.sourceId, source.id)));
  if (factIds.length) {
    await db.insert(factCitations).values(factIds.map((factId) => ({ factId, sourceType: source.type, sourceId: source.id }))).onConflictDoNothing();
  }
  return factIds;
}
