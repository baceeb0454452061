/**
 * A member who chose a pseudonym is active everywhere (a paper, comments and a reply that
 * notifies, Response and synthesis revisions, a synthesis suggestion, facts proposed, decided and
 * amended, a dispute and its discussion, a moderation in the public log, the feeds). A visitor and
 * another member then crawl every page they can reach (links followed from the home page and the
 * known routes, raw HTML with the RSC payload, feeds and JSON too) and the real name is nowhere.
 */
import { randomUUID } from "node:crypto";
import type { APIRequestContext } from "@playwright/test";
import { loadActor } from "@/lib/auth/actor";
import { ensureResponse, ensureSynthesis } from "@/lib/collab/documents";
import { saveRevision } from "@/lib/collab/revisions";
import { postComment, setCommentHidden } from "@/lib/discussion/commands";
import { acceptFact, amendFact, commentOnDispute, disputeFact, proposeFact } from "@/lib/facts/commands";
import { factInput } from "@/lib/facts/test-factory";
import { follow } from "@/lib/following/commands";
import { createSuggestion } from "@/lib/synthesis/suggestions";
import { createTestComment, createTestPaper } from "@/lib/testing/factories";
import { expect, signIn, test } from "./fixtures";

/** Each route shape (ids folded) is crawled at most this often, so a seeded thread of 2,000 permalinks stays a sample. */
const PER_SHAPE = 6;
const MAX_PAGES = 400;
const shape = (path: string) => path.replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi, ":id").replace(/\/\d+(?=\/|$)/g, "/:n");

test.describe.configure({ timeout: 300_000 });

test("a pseudonymous member's real name appears on no page a visitor or another member can reach", async ({ browser, db, makePerson, makeTheme, baseURL }) => {
  const tag = randomUUID().slice(0, 6);
  const realName = `Zebedee Quaxworth${tag}`;
  const pseudonym = `Crested Grebe ${tag}`;
  const theme = await makeTheme({ discussionPublic: true, title: `Wetlands ${tag}` });
  const authorPerson = await makePerson({ name: realName, pseudonym, roles: ["moderator", "fact_editor"], curates: [theme.id] });
  const author = await loadActor(db, authorPerson.id);
  const reader = await makePerson();
  const readerActor = await loadActor(db, reader.id);
  const editorActor = await loadActor(db, (await makePerson({ roles: ["fact_editor"] })).id);

  // The paper and its discussion: a comment, a reply that notifies the reader, a moderation.
  const paper = await createTestPaper(db, { themeId: theme.id, authorId: author.id, title: `Reed beds ${tag}` });
  await follow(db, readerActor, { targetType: "paper", targetId: paper.id });
  const readersComment = await createTestComment(db, { paperId: paper.id, authorId: reader.id });
  await postComment(db, author, { paperId: paper.id, parentId: null, body: `Marshland${tag} restoration needs funding.`, quote: null });
  await postComment(db, author, { paperId: paper.id, parentId: readersComment.id, body: `I agree about marshland${tag}.`, quote: null });
  const hidden = await createTestComment(db, { paperId: paper.id });
  await setCommentHidden(db, author, { commentId: hidden.id, reason: `Off topic ${tag}` }, true);

  // Co-edited documents: named revisions of the Response and the synthesis, and a suggestion.
  const responseDoc = `response.${await ensureResponse(db, paper.id)}`;
  const responseRevision = await saveRevision(db, author, { doc: responseDoc, name: `Response draft ${tag}` });
  const synthesisRevision = await saveRevision(db, author, { doc: `synthesis.${await ensureSynthesis(db, theme.id)}`, name: `Synthesis draft ${tag}` });
  await createSuggestion(db, author, { themeId: theme.id, body: `Mention marshland${tag} in the synthesis.` });

  // Facts: one the author proposed (accepted by another editor), one they decided and amended, a dispute they opened and discussed.
  const proposed = await proposeFact(db, author, factInput({ themeIds: [theme.id], statement: `Marshland${tag} covers 3 per cent of England.` }));
  await acceptFact(db, editorActor, proposed.id, null);
  const decided = await proposeFact(db, readerActor, factInput({ themeIds: [theme.id], statement: `Reedbeds${tag} store carbon.` }));
  await acceptFact(db, author, decided.id, "Checked the source.");
  await amendFact(db, author, decided.id, factInput({ themeIds: [theme.id], statement: `Reedbeds${tag} store carbon in peat.` }), "More precise.");
  await disputeFact(db, author, proposed.id, { reason: `The survey is old ${tag}.`, counterSourceUrl: null, counterSourceTitle: null });
  const [dispute] = await db.query.disputes.findMany({ where: (d, { eq }) => eq(d.factId, proposed.id) });
  await commentOnDispute(db, author, dispute!.id, { body: `A newer survey is due ${tag}.` });

  const seeds = [
    "/",
    `/themes/${theme.slug}`,
    `/themes/${theme.slug}/synthesis`,
    `/themes/${theme.slug}/synthesis/revisions/${synthesisRevision.id}`,
    `/themes/${theme.slug}/feed.xml`,
    `/papers/${paper.id}`,
    `/papers/${paper.id}/versions`,
    `/papers/${paper.id}/response`,
    `/papers/${paper.id}/response/revisions/${responseRevision.id}`,
    `/papers/${paper.id}/feed.xml`,
    "/feeds/papers.xml",
    "/facts",
    `/facts?q=marshland${tag}`,
    `/facts/${proposed.id}`,
    `/facts/${decided.id}`,
    `/facts/${decided.id}/v/1`,
    "/moderation-log",
    "/notifications",
    `/api/similar?q=marshland${tag}+restoration&scope=all`,
    `/api/facts/search?q=marshland${tag}`,
  ];
  /** Pages that must show the pseudonym, or the crawl did not see the author's work at all. */
  const mustShowPseudonym = [
    `/papers/${paper.id}`,
    `/papers/${paper.id}/response/revisions/${responseRevision.id}`,
    `/themes/${theme.slug}/synthesis`,
    `/themes/${theme.slug}/synthesis/revisions/${synthesisRevision.id}`,
    `/facts/${proposed.id}`,
    `/facts/${decided.id}`,
    "/moderation-log",
    `/papers/${paper.id}/feed.xml`,
  ];

  const origin = new URL(baseURL!).origin;
  async function crawl(request: APIRequestContext, who: string, extraMustShow: string[]) {
    const queue = [...seeds];
    const seen = new Set<string>(queue);
    const perShape = new Map<string, number>();
    const leaks: string[] = [];
    const showing = new Set<string>();
    let pages = 0;
    while (queue.length && pages < MAX_PAGES) {
      const path = queue.shift()!;
      const response = await request.get(path, { maxRedirects: 5 });
      pages++;
      const body = await response.text();
      if (body.includes(realName) || body.includes(`Quaxworth${tag}`)) leaks.push(`${path} (${response.status()})`);
      if (body.includes(pseudonym)) showing.add(path);
      if (!(response.headers()["content-type"] ?? "").includes("html")) continue;
      for (const [, href] of body.matchAll(/href="([^"#]+)/g)) {
        const url = new URL(href!.replaceAll("&amp;", "&"), origin + path);
        if (url.origin !== origin || /^\/(sign-out|api\/auth|_next)/.test(url.pathname)) continue;
        const next = url.pathname + url.search;
        if (seen.has(next)) continue;
        const s = shape(url.pathname);
        if ((perShape.get(s) ?? 0) >= PER_SHAPE) continue;
        perShape.set(s, (perShape.get(s) ?? 0) + 1);
        seen.add(next);
        queue.push(next);
      }
    }
    expect(leaks, `${who}: pages showing the real name`).toEqual([]);
    expect([...mustShowPseudonym, ...extraMustShow].filter((p) => !showing.has(p)), `${who}: pages that should show the pseudonym`).toEqual([]);
    return pages;
  }

  const visitor = await browser.newContext();
  const visitorPages = await crawl(visitor.request, "visitor", []);
  await visitor.close();

  const memberContext = await browser.newContext();
  await signIn(await memberContext.newPage(), reader.email, reader.password);
  // Members see the revision list (with who saved each) beside the editor; visitors get the reader view.
  const memberPages = await crawl(memberContext.request, "another member", ["/notifications", `/papers/${paper.id}/response`]);
  await memberContext.close();

  test.info().annotations.push({ type: "pages crawled", description: `visitor ${visitorPages}, member ${memberPages}` });
  console.log(`pseudonym crawl: visitor ${visitorPages} pages, another member ${memberPages} pages`);
  expect(visitorPages).toBeGreaterThan(40);
  expect(memberPages).toBeGreaterThan(40);
});
