import { XMLParser } from "fast-xml-parser";
import { expect, test } from "./fixtures";
import { createTestComment, createTestPaper } from "./fixtures/following";

type Link = { "@_href": string; "@_rel"?: string };
type Entry = { id: string; title: string | { "#text": string }; link: Link[]; author: { name: string }[] };
const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: "@_", isArray: (name) => ["entry", "link", "author"].includes(name) });
const text = (v: Entry["title"]) => (typeof v === "string" ? v : v["#text"]);
function parse(xml: string) {
  const { feed } = parser.parse(xml) as { feed: { id: string; title: string; link: Link[]; entry?: Entry[] } };
  return { ...feed, entries: (feed.entry ?? []).map((e) => ({ ...e, title: text(e.title) })) };
}
const ATOM = "application/atom+xml; charset=utf-8";

test("the site, theme and discussion feeds are Atom with absolute links, for anyone", async ({ request, db, makeTheme, baseURL }) => {
  const theme = await makeTheme({ title: `Feeds ${Date.now().toString(36)}` });
  const paper = await createTestPaper(db, { themeId: theme.id, title: `Feedable ${Date.now().toString(36)}` });
  const comment = await createTestComment(db, { paperId: paper.id, body: "A visible comment" });
  await createTestComment(db, { paperId: paper.id, body: "A hidden comment", hidden: true });
  const origin = new URL(baseURL!).origin;

  const site = await request.get("/feeds/papers.xml");
  expect(site.status()).toBe(200);
  expect(site.headers()["content-type"]).toBe(ATOM);
  const siteFeed = parse(await site.text());
  expect(siteFeed.title).toBe("Commonplace: new papers");
  const entry = siteFeed.entries.find((e) => e.title === paper.title);
  expect(entry?.link[0]!["@_href"]).toMatch(new RegExp(`^https?://[^/]+/papers/${paper.id}$`));

  const themeResponse = await request.get(`/themes/${theme.slug}/feed.xml`);
  expect(themeResponse.headers()["content-type"]).toBe(ATOM);
  const themeFeed = parse(await themeResponse.text());
  expect(themeFeed.title).toBe(`Commonplace: ${theme.title}`);
  expect(themeFeed.entries.map((e) => e.title)).toEqual([paper.title]);
  expect(themeFeed.link.find((l) => l["@_rel"] === "self")?.["@_href"]).toBe(`${origin}/themes/${theme.slug}/feed.xml`);

  const discussion = await request.get(`/papers/${paper.id}/feed.xml`);
  expect(discussion.status()).toBe(200);
  expect(discussion.headers()["content-type"]).toBe(ATOM);
  const discussionFeed = parse(await discussion.text());
  expect(discussionFeed.title).toBe(`Discussion of “${paper.title}”`);
  expect(discussionFeed.entries).toHaveLength(1);
  expect(discussionFeed.entries[0]!.link[0]!["@_href"]).toBe(`${origin}/papers/${paper.id}/c/${comment.id}`);
  expect(await discussion.text()).not.toContain("A hidden comment");
});

test("a members-only discussion feed is refused to anonymous readers; hidden papers and unknown themes are not found", async ({ request, db, makeTheme }) => {
  const closed = await makeTheme({ discussionPublic: false });
  const paper = await createTestPaper(db, { themeId: closed.id });
  await createTestComment(db, { paperId: paper.id, body: "Members only" });
  const refused = await request.get(`/papers/${paper.id}/feed.xml`);
  expect(refused.status()).toBe(403);
  expect(await refused.text()).not.toContain("Members only");
  // Its papers are public, so the theme feed still lists them.
  expect(parse(await (await request.get(`/themes/${closed.slug}/feed.xml`)).text()).entries).toHaveLength(1);

  const hidden = await createTestPaper(db, { hidden: true });
  expect((await request.get(`/papers/${hidden.id}/feed.xml`)).status()).toBe(404);
  expect((await request.get("/themes/no-such-theme-here/feed.xml")).status()).toBe(404);
});
