/**
 * The press pack as a document: HTML to read or print, and DOCX through the `docx` package (a
 * well-kept library that writes Office Open XML without a word processor). Both render only the
 * `PressPackView`, which already holds only what each story's current consent allows.
 */
import { Document, HeadingLevel, Packer, Paragraph, TextRun } from "docx";
import type { PressPackEntry, PressPackView } from "./queries";

const escape = (s: string) => s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);

export const attributionOf = (e: PressPackEntry) =>
  e.level === "named" ? `${e.tellerName ?? "A member"}, ${e.place}, ${e.when}` : `A member (name withheld at their request), ${e.when}`;

const USAGE = "Each story is a member's first-hand account, given with their consent for this use. Anonymous stories must not be attributed or located. Consent can be withdrawn: ask before re-using a story after this pack's date.";

export function renderPressPackHtml(pack: PressPackView): string {
  const date = pack.createdAt.toISOString().slice(0, 10);
  const entries = pack.entries
    .map((e) => `<article><h2>${escape(e.title)}</h2>${e.text.split(/\n{2,}/).map((p) => `<p>${escape(p)}</p>`).join("")}<p class="by">— ${escape(attributionOf(e))}</p></article>`)
    .join("\n");
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escape(pack.title)}</title>
<style>body{font-family:Georgia,serif;max-width:40rem;margin:2rem auto;padding:0 1rem;line-height:1.5;color:#111}h1{font-size:1.8rem}article{border-top:1px solid #999;padding-top:1rem;margin-top:1.5rem}.by{font-style:italic}.note{font-size:.9rem;color:#333}</style>
</head><body>
<h1>${escape(pack.title)}</h1>
<p class="note">${escape(pack.themeTitle)} · press pack of ${date} · ${pack.entries.length} ${pack.entries.length === 1 ? "story" : "stories"}</p>
<p class="note">${escape(USAGE)}</p>
${entries || "<p>No story in this pack may be used at present.</p>"}
</body></html>`;
}

export async function renderPressPackDocx(pack: PressPackView): Promise<Buffer> {
  const children: Paragraph[] = [
    new Paragraph({ text: pack.title, heading: HeadingLevel.TITLE }),
    new Paragraph({ children: [new TextRun({ text: `${pack.themeTitle} · press pack of ${pack.createdAt.toISOString().slice(0, 10)}`, italics: true })] }),
    new Paragraph({ text: USAGE }),
  ];
  for (const e of pack.entries) {
    children.push(new Paragraph({ text: e.title, heading: HeadingLevel.HEADING_1 }));
    for (const p of e.text.split(/\n{2,}/)) children.push(new Paragraph({ text: p }));
    children.push(new Paragraph({ children: [new TextRun({ text: `— ${attributionOf(e)}`, italics: true })] }));
  }
  if (!pack.entries.length) children.push(new Paragraph({ text: "No story in this pack may be used at present." }));
  const doc = new Document({ creator: "Commonplace", title: pack.title, sections: [{ children }] });
  return Packer.toBuffer(doc);
}
