import { generateHTML, generateJSON } from "@tiptap/html/server";
import StarterKit from "@tiptap/starter-kit";
import { describe, expect, it } from "vitest";
import { factChipHtml, factIdsInDoc, findFactRefs, formatFigure, replaceFactRefs, type FactChipData } from "./cite";
import { highlightSimilar, markersToHtml, START, STOP } from "./highlight";
import { renderMarkdownLight } from "./markdown";
import { FactChipNode } from "./tiptap-fact-chip";

const ID = "3f2b9c1e-6d4a-4b7e-9a21-0c5d8e7f6a10";
const chip = (over: Partial<FactChipData> = {}): FactChipData => ({ id: ID, statement: "Waiting lists <b>grew</b> & grew.", figure: "7.6 million", hardness: 62, status: "accepted", openDisputes: 0, ...over });

describe("the comment short syntax", () => {
  it("finds full and short fact ids, once each, case-insensitively", () => {
    expect(findFactRefs(`See [[fact:${ID}]], [[fact:${ID.toUpperCase()}]] and [[fact:abcdef12]]; not [[fact:xyz]] or [fact:${ID}]`)).toEqual([ID, "abcdef12"]);
  });

  it("replaces tokens with chips, escaping the fact's text, and marks unknown facts", () => {
    const html = replaceFactRefs(`<p>As [[fact:${ID}]] shows, and [[fact:00000000]]</p>`, new Map([[ID, chip()]]));
    expect(html).toContain(`href="/facts/${ID}"`);
    expect(html).toContain("Waiting lists &lt;b&gt;grew&lt;/b&gt; &amp; grew.");
    expect(html).toContain("Hardness 62");
    expect(html).toContain("[fact not found]");
    expect(html).not.toContain("<b>");
  });

  it("flags disputed and retracted facts in words, not colour alone", () => {
    expect(factChipHtml(chip())).not.toMatch(/Disputed|Retracted/);
    const disputed = factChipHtml(chip({ openDisputes: 2 }));
    expect(disputed).toContain('data-flag="disputed"');
    expect(disputed).toContain("Disputed");
    expect(disputed).toMatch(/aria-label="[^"]*Disputed\./);
    expect(factChipHtml(chip({ status: "retracted", hardness: 0 }))).toContain("Retracted");
  });
});

describe("the factChip Tiptap node", () => {
  const extensions = [StarterKit, FactChipNode];
  const doc = { type: "doc", content: [{ type: "paragraph", content: [{ type: "text", text: "Per " }, { type: "factChip", attrs: { factId: ID } }] }] };

  it("renders the citation token on the server, which chips are drawn from when shown", () => {
    const html = generateHTML(doc, extensions);
    expect(html).toContain(`data-fact-id="${ID}"`);
    expect(findFactRefs(html)).toEqual([ID]);
  });

  it("parses its own HTML back into a node, and its ids are found in a document", () => {
    const json = generateJSON(generateHTML(doc, extensions), extensions);
    expect(factIdsInDoc(json)).toEqual([ID]);
    expect(factIdsInDoc({ type: "doc", content: [{ type: "factChip", attrs: { factId: "not-a-uuid" } }] })).toEqual([]);
  });
});

describe("markdown-light for dispute discussions", () => {
  it("keeps emphasis, quotes and safe links, and drops raw HTML and javascript: links", () => {
    const html = renderMarkdownLight("**bold** <img src=x onerror=alert(1)> [x](javascript:alert(1)) [ok](https://ons.gov.uk)\n\n> quoted");
    expect(html).toContain("<strong>bold</strong>");
    expect(html).toContain("<blockquote>");
    expect(html).not.toContain("<img");
    expect(html).not.toMatch(/href="javascript/i);
    expect(html).toContain('href="https://ons.gov.uk"');
  });

  it("leaves the fact short syntax intact for chips", () => {
    expect(renderMarkdownLight(`see [[fact:${ID}]]`)).toContain(`[[fact:${ID}]]`);
  });
});

describe("highlighting", () => {
  it("escapes everything and adds only <mark>", () => {
    expect(markersToHtml(`a <script>${START}x${STOP}</script>`)).toBe("a &lt;script&gt;<mark>x</mark>&lt;/script&gt;");
    expect(highlightSimilar("Teacher <em>vacancies</em> rose", "teachr")).toBe("<mark>Teacher</mark> &lt;em&gt;vacancies&lt;/em&gt; rose");
  });

  it("formats figures for reading", () => {
    expect(formatFigure("7600000", "pathways")).toBe("7,600,000 pathways");
    expect(formatFigure("12.5", "%")).toBe("12.5%");
    expect(formatFigure("2.3", "£bn")).toBe("£2.3bn");
    expect(formatFigure(null, "%")).toBeNull();
  });
});
