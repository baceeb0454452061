import { diffArrays, diffWords } from "diff";

export interface DiffPart {
  text: string;
  change: "same" | "added" | "removed";
}
/** One paragraph of the comparison: unchanged, wholly added or removed, or changed word by word. */
export interface DiffBlock {
  kind: "same" | "added" | "removed" | "changed";
  parts: DiffPart[];
}

const paragraphs = (text: string) => text.split(/\n{2,}/).map((p) => p.trim()).filter(Boolean);

/**
 * Compares two versions' plain text by paragraph, then word by word inside paragraphs that were
 * edited rather than added or removed, so a reader sees what changed without wading through noise.
 */
export function diffVersions(before: string, after: string): DiffBlock[] {
  const blocks: DiffBlock[] = [];
  const changes = diffArrays(paragraphs(before), paragraphs(after));
  for (let i = 0; i < changes.length; i++) {
    const change = changes[i]!;
    const next = changes[i + 1];
    if (change.removed && next?.added) {
      // Pair removed and added paragraphs one to one; the rest stay wholly removed or added.
      const pairs = Math.min(change.value.length, next.value.length);
      for (let k = 0; k < pairs; k++) {
        const words = diffWords(change.value[k]!, next.value[k]!);
        blocks.push({ kind: "changed", parts: words.map((w) => ({ text: w.value, change: w.added ? "added" : w.removed ? "removed" : "same" })) });
      }
      for (const p of change.value.slice(pairs)) blocks.push({ kind: "removed", parts: [{ text: p, change: "removed" }] });
      for (const p of next.value.slice(pairs)) blocks.push({ kind: "added", parts: [{ text: p, change: "added" }] });
      i++;
      continue;
    }
    const kind = change.added ? "added" : change.removed ? "removed" : "same";
    for (const p of change.value) blocks.push({ kind, parts: [{ text: p, change: kind }] });
  }
  return blocks;
}

export function diffStats(blocks: DiffBlock[]): { added: number; removed: number } {
  let added = 0;
  let removed = 0;
  for (const b of blocks)
    for (const p of b.parts) {
      const words = p.text.split(/\s+/).filter(Boolean).length;
      if (p.change === "added") added += words;
      if (p.change === "removed") removed += words;
    }
  return { added, removed };
}
