import { eq } from "drizzle-orm";
import { XMLParser } from "fast-xml-parser";
import { afterAll, describe, expect, it } from "vitest";
import { closeDb, getDb } from "@/db";
import { paperVersions, papers, users } from "@/db/schema";
import { loadActor } from "@/lib/auth/actor";
import { VISITOR } from "@/lib/auth/permissions";
import { createPerson, createTestComment, createTestPaper, createTestTheme } from "@/lib/testing/factories";
import { ATOM_CONTENT_TYPE } from "./atom";
import { feedAlternates } from "./links";
import { renderPaperDiscussionFeed, renderSiteFeed, renderThemeFeed } from "./render";
import { atomResponse } from "./respond";

const db = getDb();
afterAll(() => closeDb());
const ORIGIN = "https://commonplace.example";

interface Entry {
  id: string;
  title: string;
  link: { "@_href": string }[];
  updated: string;
  author: { name: string }[];
  content?: string;
  summary?: string;
}
const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: "@_", isArray: (name) => ["entry", "link", "author"].includes(name) });
function parse(xml: string) {
  const doc = parser.parse(xml) as { feed: { id: string; title: string; updated: string; link: { "@_href": string; "@_rel": string }[]; entry?: Entry[] } };
  // Elements with attributes (type="html") come back as { "#text", "@_type" }: keep the text.
  const text = (v: unknown) => (v && typeof v === "object" ? (v as { "#text": string })["#text"] : (v as string | undefined));
  return { ...doc.feed, entry: (doc.feed.entry ?? []).map((e) => ({ ...e, title: text(e.title)!, content: text(e.content), summary: text(e.summary) })) };
}

/** Publishes a further version of a paper straight into the database, as the review command will. */
async function publishVersion(paperId: string, number: number, title: string, html = "<p>Revised.</p>") {
  await db.insert(paperVersions).values({ paperId, number, title, content: { type: "doc" }, html, plainText: "Revised.", wordCount: 1 });
  await db.update(papers).set({ publishedVersion: number, title }).where(eq(papers.id, paperId));
}

describe("site and theme feeds", () => {
  it("lists published papers and their new versions, with absolute links, stable ids and public names", async () => {
    const theme = await createTestTheme(db, { title: "Transport" });
    const author = await createPerson(db, { name: "Real Name" });
    await db.update(users).set({ pseudonym: "Quiet Owl", usePseudonym: true }).where(eq(users.id, author.id));
    const paper = await createTestPaper(db, { themeId: theme.id, authorId: author.id, title: "Buses first" });
    await publishVersion(paper.id, 2, "Buses first, revised");

    const feed = parse(await renderThemeFeed(db, VISITOR, ORIGIN, theme.slug));
    expect(feed.title).toBe("Commonplace: Transport");
    expect(feed.id).toBe(`urn:uuid:${theme.id}`);
    expect(feed.link.find((l) => l["@_rel"] === "self")?.["@_href"]).toBe(`${ORIGIN}/themes/${theme.slug}/feed.xml`);
    expect(feed.link.find((l) => l["@_rel"] === "alternate")?.["@_href"]).toBe(`${ORIGIN}/themes/${theme.slug}`);
    expect(feed.entry.map((e) => e.title)).toEqual(["Buses first, revised (version 2)", "Buses first"]);
    const versions = await db.select({ id: paperVersions.id, number: paperVersions.number }).from(paperVersions).where(eq(paperVersions.paperId, paper.id));
    expect(feed.entry.map((e) => e.id).sort()).toEqual(versions.map((v) => `urn:uuid:${v.id}`).sort());
    for (const e of feed.entry) {
      expect(e.link[0]!["@_href"]).toBe(`${ORIGIN}/papers/${paper.id}`);
      expect(e.author[0]!.name).toBe("Quiet Owl");
    }
    expect(JSON.stringify(feed)).not.toContain("Real Name");
    expect(new Date(feed.updated).getTime()).toBeGreaterThanOrEqual(new Date(feed.entry[1]!.updated).getTime());

    // The same request twice gives the same document: nothing depends on the clock.
    expect(await renderThemeFeed(db, VISITOR, ORIGIN, theme.slug)).toBe(await renderThemeFeed(db, VISITOR, ORIGIN, theme.slug));
  });

  it("leaves out hidden papers, drafts, papers in review and archived themes", async () => {
    const theme = await createTestTheme(db);
    const shown = await createTestPaper(db, { themeId: theme.id, title: "Shown" });
    await createTestPaper(db, { themeId: theme.id, title: "Hidden one", hidden: true });
    await createTestPaper(db, { themeId: theme.id, title: "Draft one", status: "draft" });
    await createTestPaper(db, { themeId: theme.id, title: "In review", status: "submitted" });
    const archived = await createTestTheme(db, { archivedAt: new Date() });
    await createTestPaper(db, { themeId: archived.id, title: "In an archived theme" });

    const themeFeed = parse(await renderThemeFeed(db, VISITOR, ORIGIN, theme.slug));
    expect(themeFeed.entry.map((e) => e.title)).toEqual(["Shown"]);
    const site = parse(await renderSiteFeed(db, VISITOR, ORIGIN));
    const titles = site.entry.map((e) => e.title);
    expect(titles).toContain("Shown");
    expect(titles).not.toContain("Hidden one");
    expect(titles).not.toContain("Draft one");
    expect(titles).not.toContain("In review");
    expect(titles).not.toContain("In an archived theme");
    expect(site.entry.find((e) => e.title === "Shown")!.link[0]!["@_href"]).toBe(`${ORIGIN}/papers/${shown.id}`);
    expect(site.link.find((l) => l["@_rel"] === "self")?.["@_href"]).toBe(`${ORIGIN}/feeds/papers.xml`);

    await expect(renderThemeFeed(db, VISITOR, ORIGIN, archived.slug)).rejects.toMatchObject({ kind: "not_found" });
    await expect(renderThemeFeed(db, VISITOR, ORIGIN, "no-such-theme")).rejects.toMatchObject({ kind: "not_found" });
  });

  it("sanitises content and escapes titles", async () => {
    const theme = await createTestTheme(db);
    const paper = await createTestPaper(db, { themeId: theme.id, title: "Plain" });
    await publishVersion(
      paper.id,
      2,
      "Tags <b>& things</b>",
      `<p onclick="steal()">Hello <script>alert(1)</script><a href="javascript:evil()">bad</a> <a href="/papers/${paper.id}">here</a> ]]> end</p><img src=x onerror=alert(1)>`,
    );
    const xml = await renderThemeFeed(db, VISITOR, ORIGIN, theme.slug);
    const [entry] = parse(xml).entry;
    expect(entry!.title).toBe("Tags &lt;b&gt;&amp; things&lt;/b&gt; (version 2)");
    const content = entry!.content!;
    expect(content).toContain("Hello");
    expect(content).not.toMatch(/script|onclick|javascript:|onerror|<img/);
    expect(content).toContain(`href="${ORIGIN}/papers/${paper.id}"`);
    expect(content).toContain("]]&gt; end");
  });
});

describe("paper discussion feed", () => {
  it("lists the latest visible comments with permalinks, without hidden or deleted ones", async () => {
    const paper = await createTestPaper(db, { title: "Housing now" });
    const commenter = await createPerson(db, { name: "Ada Commenter" });
    const visible = await createTestComment(db, { paperId: paper.id, authorId: commenter.id, body: "Visible remark" });
    const reply = await createTestComment(db, { paperId: paper.id, parentId: visible.id, body: "A reply" });
    await createTestComment(db, { paperId: paper.id, body: "Hidden remark", hidden: true });
    await createTestComment(db, { paperId: paper.id, body: "Deleted remark", deleted: true });

    const feed = parse(await renderPaperDiscussionFeed(db, VISITOR, ORIGIN, paper.id));
    expect(feed.title).toBe("Discussion of “Housing now”");
    expect(feed.id).toBe(`urn:uuid:${paper.id}`);
    expect(feed.entry.map((e) => e.id).sort()).toEqual([`urn:uuid:${visible.id}`, `urn:uuid:${reply.id}`].sort());
    const first = feed.entry.find((e) => e.id === `urn:uuid:${visible.id}`)!;
    expect(first.link[0]!["@_href"]).toBe(`${ORIGIN}/papers/${paper.id}/c/${visible.id}`);
    expect(first.author[0]!.name).toBe("Ada Commenter");
    expect(first.title).toBe("Ada Commenter commented on “Housing now”");
    expect(first.content).toContain("Visible remark");
    expect(feed.entry.find((e) => e.id === `urn:uuid:${reply.id}`)!.title).toContain("replied");
    const xml = JSON.stringify(feed);
    expect(xml).not.toContain("Hidden remark");
    expect(xml).not.toContain("Deleted remark");
  });

  it("refuses a members-only discussion to a visitor, gives it to a member, and hides a hidden paper", async () => {
    const closed = await createTestTheme(db, { discussionPublic: false });
    const paper = await createTestPaper(db, { themeId: closed.id });
    await createTestComment(db, { paperId: paper.id, body: "Members only talk" });
    await expect(renderPaperDiscussionFeed(db, VISITOR, ORIGIN, paper.id)).rejects.toMatchObject({ kind: "unauthenticated" });
    const member = await loadActor(db, (await createPerson(db)).id);
    expect(parse(await renderPaperDiscussionFeed(db, member, ORIGIN, paper.id)).entry).toHaveLength(1);

    const hidden = await createTestPaper(db, { hidden: true });
    await expect(renderPaperDiscussionFeed(db, VISITOR, ORIGIN, hidden.id)).rejects.toMatchObject({ kind: "not_found" });
    const draft = await createTestPaper(db, { status: "draft" });
    await expect(renderPaperDiscussionFeed(db, VISITOR, ORIGIN, draft.id)).rejects.toMatchObject({ kind: "not_found" });
    await expect(renderPaperDiscussionFeed(db, VISITOR, ORIGIN, "nonsense")).rejects.toMatchObject({ kind: "not_found" });
  });

  it("answers with the Atom content type, 403 for members-only and 404 for hidden", async () => {
    const open = await createTestPaper(db);
    const ok = await atomResponse(() => renderPaperDiscussionFeed(db, VISITOR, ORIGIN, open.id));
    expect(ok.status).toBe(200);
    expect(ok.headers.get("content-type")).toBe(ATOM_CONTENT_TYPE);
    expect(await ok.text()).toContain("<feed xmlns=\"http://www.w3.org/2005/Atom\">");
    const closed = await createTestPaper(db, { themeId: (await createTestTheme(db, { discussionPublic: false })).id });
    expect((await atomResponse(() => renderPaperDiscussionFeed(db, VISITOR, ORIGIN, closed.id))).status).toBe(403);
    const hidden = await createTestPaper(db, { hidden: true });
    expect((await atomResponse(() => renderPaperDiscussionFeed(db, VISITOR, ORIGIN, hidden.id))).status).toBe(404);
  });
});

describe("feed links for page metadata", () => {
  it("gives alternates.types entries for Atom", () => {
    expect(feedAlternates({ kind: "theme", slug: "health", title: "Health" }, { kind: "site" })).toEqual({
      types: {
        "application/atom+xml": [
          { url: expect.stringMatching(/\/themes\/health\/feed\.xml$/), title: "New papers in Health" },
          { url: expect.stringMatching(/\/feeds\/papers\.xml$/), title: "Commonplace: new papers" },
        ],
      },
    });
  });
});
