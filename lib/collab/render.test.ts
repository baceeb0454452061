import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { fragmentToJson, renderDocument } from "./render";

function docWith(build: (fragment: Y.XmlFragment) => void): Y.Doc {
  const ydoc = new Y.Doc();
  build(ydoc.getXmlFragment("default"));
  return ydoc;
}

function paragraph(text: string, attributes?: Record<string, unknown>): Y.XmlElement {
  const p = new Y.XmlElement("paragraph");
  const t = new Y.XmlText();
  t.insert(0, text, attributes);
  p.insert(0, [t]);
  return p;
}

describe("server render of a co-edited document", () => {
  it("turns the Yjs fragment into ProseMirror JSON with marks", () => {
    const ydoc = docWith((f) => f.insert(0, [paragraph("bold", { bold: {} })]));
    expect(fragmentToJson(ydoc.getXmlFragment("default"))).toEqual({
      type: "doc",
      content: [{ type: "paragraph", content: [{ type: "text", text: "bold", marks: [{ type: "bold" }] }] }],
    });
  });

  it("renders headings, paragraphs and safe links, and plain text for search", () => {
    const ydoc = docWith((f) => {
      const h = new Y.XmlElement("heading");
      h.setAttribute("level", 2 as unknown as string);
      h.insert(0, [new Y.XmlText("Our response")]);
      f.insert(0, [h, paragraph("see "), paragraph("the council", { link: { href: "https://example.org" } })]);
    });
    const { html, text } = renderDocument(ydoc);
    expect(html).toContain("<h2>Our response</h2>");
    expect(html).toContain('href="https://example.org"');
    expect(text).toContain("Our response");
    expect(text).toContain("the council");
  });

  it("drops javascript: links and unknown markup a client may have sent", () => {
    const ydoc = docWith((f) => {
      f.insert(0, [paragraph("click", { link: { href: "javascript:alert(1)" } })]);
      const evil = new Y.XmlElement("script");
      evil.insert(0, [new Y.XmlText("alert(2)")]);
      f.insert(1, [evil]);
    });
    const { html } = renderDocument(ydoc);
    expect(html).not.toContain("javascript:");
    expect(html).not.toContain("<script");
  });

  it("renders tables and fact chips (as their token, drawn when shown) like the editor's schema", () => {
    const factId = "0f0e0d0c-0b0a-4000-8000-000000000001";
    const ydoc = docWith((f) => {
      const cell = new Y.XmlElement("tableCell");
      cell.insert(0, [paragraph("a cell")]);
      const row = new Y.XmlElement("tableRow");
      row.insert(0, [cell]);
      const table = new Y.XmlElement("table");
      table.insert(0, [row]);
      const p = new Y.XmlElement("paragraph");
      const chip = new Y.XmlElement("factChip");
      chip.setAttribute("factId", factId);
      p.insert(0, [new Y.XmlText("see "), chip]);
      f.insert(0, [table, p]);
    });
    const { html, text } = renderDocument(ydoc);
    expect(html).toContain("<td");
    expect(html).toContain("a cell");
    expect(html).toContain(`<span class="fact-ref" data-fact-id="${factId}">[[fact:${factId}]]</span>`);
    expect(text).toContain(`see [[fact:${factId}]]`);
  });
});
