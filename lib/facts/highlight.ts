/** Safe highlighting: everything is escaped, and only our own <mark> tags are added. */

export const escapeHtml = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&#39;");

/** Markers ts_headline puts around matches; control characters never typed in a statement. */
export const START = "\u0002";
export const STOP = "\u0003";

/** Turns a ts_headline result (with START/STOP markers) into escaped HTML with <mark>. */
export function markersToHtml(headline: string): string {
  return escapeHtml(headline.replaceAll(START, "\u0000s").replaceAll(STOP, "\u0000e"))
    .replaceAll("\u0000s", "<mark>")
    .replaceAll("\u0000e", "</mark>");
}

function trigrams(word: string): Set<string> {
  const padded = `  ${word.toLowerCase()} `;
  const out = new Set<string>();
  for (let i = 0; i < padded.length - 2; i++) out.add(padded.slice(i, i + 3));
  return out;
}

/** pg_trgm's similarity of two words: shared trigrams over all trigrams. */
export function wordSimilarity(a: string, b: string): number {
  const ta = trigrams(a);
  const tb = trigrams(b);
  let shared = 0;
  for (const t of ta) if (tb.has(t)) shared++;
  return shared / (ta.size + tb.size - shared);
}

/** Marks the words of `text` that look like a query word (for matches found by similarity, typos included). */
export function highlightSimilar(text: string, query: string, threshold = 0.4): string {
  const terms = (query.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []).filter((t) => t.length >= 3);
  return text
    .split(/([\p{L}\p{N}]+)/u)
    .map((part, i) => {
      const isWord = i % 2 === 1;
      if (isWord && terms.some((t) => part.toLowerCase().startsWith(t) || wordSimilarity(part, t) >= threshold)) return `<mark>${escapeHtml(part)}</mark>`;
      return escapeHtml(part);
    })
    .join("");
}
