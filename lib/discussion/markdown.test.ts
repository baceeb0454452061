import { describe, expect, it } from "vitest";
import { excerpt, renderCommentMarkdown as render } from "./markdown";

describe("renderCommentMarkdown", () => {
  it("renders the small subset: emphasis, lists, quotes, inline code, links", () => {
    expect(render("Some *emphasis* and **strong** text")).toBe("<p>Some <em>emphasis</em> and <strong>strong</strong> text</p>");
    expect(render("- one\n- two")).toBe("<ul>\n<li>one</li>\n<li>two</li>\n</ul>");
    expect(render("1. one\n2. two")).toContain("<ol>");
    expect(render("> quoted")).toBe("<blockquote>\n<p>quoted</p>\n</blockquote>");
    expect(render("use `x < y`")).toBe("<p>use <code>x &lt; y</code></p>");
  });
  it("marks links nofollow ugc noopener, and linkifies bare addresses", () => {
    expect(render("[ONS](https://www.ons.gov.uk/)")).toBe('<p><a href="https://www.ons.gov.uk/" rel="nofollow ugc noopener">ONS</a></p>');
    expect(render("see https://example.org/a")).toBe('<p>see <a href="https://example.org/a" rel="nofollow ugc noopener">https://example.org/a</a></p>');
  });
  it("keeps line breaks inside a paragraph", () => {
    expect(render("one\ntwo")).toBe("<p>one<br />\ntwo</p>");
  });
  it("does not render headings, images, tables or code blocks", () => {
    expect(render("# Big")).toBe("<p># Big</p>");
    expect(render("![alt](https://example.org/x.png)")).not.toContain("<img");
    expect(render("| a | b |\n|---|---|\n| 1 | 2 |")).not.toContain("<table");
  });
  it.each([
    ["<script>alert(1)</script>", "<script"],
    ["<img src=x onerror=alert(1)>", "<img"],
    ['<a href="javascript:alert(1)">x</a>', "<a href"],
    ["[click](javascript:alert(1))", "href"],
    ["[click](JaVaScRiPt:alert(1))", "href"],
    ["[click](data:text/html;base64,PHNjcmlwdD4=)", "href"],
    ["[click](vbscript:msgbox)", "href"],
    ["<iframe src=https://evil.example></iframe>", "<iframe"],
    ["<svg onload=alert(1)>", "<svg"],
    ["`<b>`", "<b>"],
  ])("neutralises %s", (input, forbidden) => {
    const html = render(input);
    expect(html.toLowerCase()).not.toContain(forbidden.toLowerCase());
  });
  it("never lets an attribute through from text that looks like one", () => {
    const html = render('[x](https://a.example/" onmouseover="alert(1)) <a href="https://a.example" onclick="x()">y</a>');
    expect(html).not.toMatch(/<[^>]*\son\w+=/i);
    expect(render("<https://a.example/?q=\"><script>")).not.toMatch(/<script/i);
  });
  it("escapes raw HTML as text rather than dropping what was typed", () => {
    expect(render("a <b>bold</b> claim")).toBe("<p>a &lt;b&gt;bold&lt;/b&gt; claim</p>");
  });
});

describe("excerpt", () => {
  it("strips markup and shortens", () => {
    expect(excerpt("**Hello** [world](https://x.y)")).toBe("Hello worldhttps://x.y");
    expect(excerpt("a ".repeat(200), 10)).toHaveLength(10);
  });
});
