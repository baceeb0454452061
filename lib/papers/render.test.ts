import { generateHTML, generateJSON } from "@tiptap/html/server";
import { describe, expect, it } from "vitest";
import type { DocJson } from "@/db/schema/papers";
import { checkDoc } from "@/lib/validation/papers";
import { paperExtensions } from "./extensions";
import sanitizeHtml from "sanitize-html";
import { SANITIZE_OPTIONS, renderPaper, tocFromHtml } from "./render";

const text = (t: string, marks?: unknown[]) => ({ type: "text", text: t, ...(marks ? { marks } : {}) });
const p = (...content: unknown[]) => ({ type: "paragraph", content });
const h = (level: number, t: string) => ({ type: "heading", attrs: { level }, content: [text(t)] });
const doc = (...content: unknown[]) => ({ type: "doc", content }) as DocJson;
const link = (href: string) => [{ type: "link", attrs: { href } }];

const table = {
  type: "table",
  content: [
    { type: "tableRow", content: [{ type: "tableHeader", content: [p(text("Year"))] }, { type: "tableHeader", content: [p(text("Pupils"))] }] },
    { type: "tableRow", content: [{ type: "tableCell", content: [p(text("2024"))] }, { type: "tableCell", content: [p(text("8.1 million"))] }] },
  ],
};

describe("renderPaper", () => {
  it("renders headings with ids, and a table of contents in order", () => {
    const r = renderPaper(doc(h(2, "Why now"), p(text("One.")), h(3, "The cost"), p(text("Two.")), h(2, "Why now")));
    expect(r.toc).toEqual([
      { id: "h-why-now", text: "Why now", level: 2 },
      { id: "h-the-cost", text: "The cost", level: 3 },
      { id: "h-why-now-2", text: "Why now", level: 2 },
    ]);
    expect(r.html).toContain('<h2 id="h-why-now">Why now</h2>');
    expect(r.html).toContain('<h3 id="h-the-cost">The cost</h3>');
    expect(tocFromHtml(r.html)).toEqual(r.toc);
  });

  it("keeps footnotes, numbered in reading order, with a notes list that links back", () => {
    const r = renderPaper(doc(p(text("Claim one"), { type: "footnote", attrs: { content: "ONS, 2024." } }, text(" and two"), { type: "footnote", attrs: { content: "IFS <report>." } })));
    expect(r.html).toContain('<sup class="footnote-ref" id="fnref-1"><a href="#fn-1">');
    expect(r.html).toContain('<li id="fn-2">IFS &lt;report&gt;. <a href="#fnref-2">');
    expect(r.toc.at(-1)).toEqual({ id: "footnotes", text: "Notes", level: 2 });
    expect(r.plainText).toContain("[1] ONS, 2024.");
  });

  it("keeps tables, lists, quotes, bold, italic and safe links", () => {
    const r = renderPaper(
      doc(
        table,
        { type: "bulletList", content: [{ type: "listItem", content: [p(text("a"))] }] },
        { type: "orderedList", attrs: { start: 1 }, content: [{ type: "listItem", content: [p(text("b"))] }] },
        { type: "blockquote", content: [p(text("quoted"))] },
        p(text("strong", [{ type: "bold" }]), text(" em", [{ type: "italic" }]), text(" site", link("https://example.org/a?b=1"))),
      ),
    );
    expect(r.html).toMatch(/<table>.*<th colspan="1" rowspan="1"><p>Year<\/p><\/th>.*<td colspan="1" rowspan="1"><p>8.1 million<\/p><\/td>/);
    expect(r.html).toContain("<ul><li><p>a</p></li></ul>");
    expect(r.html).toContain("<blockquote><p>quoted</p></blockquote>");
    expect(r.html).toContain("<strong>strong</strong>");
    expect(r.html).toContain("<em> em</em>");
    expect(r.html).toContain('<a rel="noopener noreferrer nofollow" href="https://example.org/a?b=1"> site</a>');
  });

  it("drops javascript:, data: and vbscript: links but keeps their words", () => {
    for (const href of ["javascript:alert(1)", "JaVaScRiPt:alert(1)", " javascript:alert(1)", "data:text/html,<script>alert(1)</script>", "vbscript:msgbox(1)"]) {
      const r = renderPaper(doc(p(text("click me", link(href)))));
      expect(r.html).not.toMatch(/javascript|data:|vbscript|href=/i);
      expect(r.html).toContain("click me");
    }
  });

  it("never lets through script, style, iframe or on* attributes, however they arrive", () => {
    const evil = doc(
      p(text('<script>alert(1)</script><img src=x onerror="alert(1)"><iframe src="https://evil.test"></iframe><style>body{}</style>')),
      { type: "footnote", attrs: { content: '"><script>alert(2)</script>' } },
      { type: "heading", attrs: { level: 2, onclick: "alert(3)" }, content: [text("Title")] },
    );
    const r = renderPaper(evil);
    // Typed text stays text: escaped, never markup.
    expect(r.html).not.toMatch(/<(script|iframe|style|img)\b/i);
    expect(r.html).not.toMatch(/<[^>]*\son\w+=/i);
    expect(r.html).toContain("&lt;script&gt;");
  });

  it("the sanitiser alone strips markup that should never be there", () => {
    const dirty =
      '<p onclick="x()">a<script>alert(1)</script><style>p{}</style><iframe src="https://e.test"></iframe><img src=x onerror=alert(1)>' +
      '<a href="javascript:alert(1)">j</a><a href="//evil.test">p</a><a href="https://ok.test" target="_blank" onmouseover="x">ok</a></p><h2 id="evil" style="color:red">t</h2>';
    const clean = sanitizeHtml(dirty, SANITIZE_OPTIONS);
    expect(clean).toBe('<p>a<span>j</span><span>p</span><a href="https://ok.test" rel="noopener noreferrer nofollow">ok</a></p><h2>t</h2>');
  });

  it("counts words and estimates reading time", () => {
    const words = Array.from({ length: 690 }, (_, i) => `word${i}`).join(" ");
    const r = renderPaper(doc(p(text(words))));
    expect(r.wordCount).toBe(690);
    expect(r.readingMinutes).toBe(3);
    expect(renderPaper(doc(p(text("short")))).readingMinutes).toBe(1);
  });

  it("footnotes round-trip through the editor's HTML", () => {
    const original = doc(p(text("Claim"), { type: "footnote", attrs: { content: "A source." } }), table);
    const editorHtml = generateHTML(original as never, paperExtensions);
    expect(editorHtml).toContain('data-footnote="A source."');
    const back = generateJSON(editorHtml, paperExtensions);
    expect(back.content[0]).toEqual({ type: "paragraph", content: [text("Claim"), { type: "footnote", attrs: { content: "A source.", number: null } }] });
    expect(back.content[1].type).toBe("table");
  });
});

describe("checkDoc", () => {
  it("accepts a paper made of the allowed nodes and marks", () => {
    expect(checkDoc(doc(h(2, "A"), p(text("b", [{ type: "bold" }]), { type: "footnote", attrs: { content: "n" } }), table))).toBeNull();
  });
  it("refuses unknown nodes, marks, attributes, heading levels and unsafe links", () => {
    expect(checkDoc(doc({ type: "image", attrs: { src: "x" } }))).toMatch(/cannot hold/);
    expect(checkDoc(doc(p(text("x", [{ type: "code" }]))))).toMatch(/formatting/);
    expect(checkDoc(doc({ type: "paragraph", attrs: { onclick: "x" } }))).toMatch(/setting/);
    expect(checkDoc(doc(h(1, "Too big")))).toMatch(/level 2 to 4/);
    expect(checkDoc(doc(p(text("x", link("javascript:alert(1)")))))).toMatch(/Links must start/);
    expect(checkDoc({ type: "paragraph" })).toMatch(/could not be read/);
  });
  it("refuses documents nested absurdly deep", () => {
    let node: unknown = p(text("deep"));
    for (let i = 0; i < 40; i++) node = { type: "blockquote", content: [node] };
    expect(checkDoc(doc(node))).toMatch(/nested too deeply/);
  });
});
