import { describe, expect, it } from "vitest";
import { buildAtom, escapeText, feedHtml } from "./atom";

describe("feed HTML", () => {
  it("drops scripts, handlers and unsafe links, and makes site links absolute", () => {
    const html = feedHtml(`<p onclick="x()">Hi <script>bad()</script><a href="javascript:x()">a</a> <a href="/papers/1">b</a> <a href="//evil.example">c</a></p>`, "https://site.example");
    expect(html).toBe(`<p>Hi <a>a</a> <a href="https://site.example/papers/1">b</a> <a>c</a></p>`);
  });

  it("cannot close the CDATA section it is written into", () => {
    expect(feedHtml("<p>a ]]> b</p>", "https://s")).not.toContain("]]>");
    expect(escapeText("<b>]]>&")).toBe("&lt;b&gt;]]&gt;&amp;");
  });
});

describe("buildAtom", () => {
  it("uses the newest entry as the feed's updated time, and the fallback when empty", () => {
    const base = { id: "urn:x", title: "T", selfUrl: "https://s/f.xml", alternateUrl: "https://s/", origin: "https://s", fallbackUpdated: new Date("2026-01-01T00:00:00Z") };
    expect(buildAtom({ ...base, entries: [] })).toContain("<updated>2026-01-01T00:00:00.000Z</updated>");
    const xml = buildAtom({
      ...base,
      entries: [{ id: "urn:uuid:00000000-0000-4000-8000-000000000001", title: "E", link: "https://s/p", updated: new Date("2026-05-01T00:00:00Z"), authorName: "A & B" }],
    });
    expect(xml.match(/<updated>([^<]+)<\/updated>/)![1]).toBe("2026-05-01T00:00:00.000Z");
    expect(xml).toContain("<name>A &amp; B</name>");
  });
});
