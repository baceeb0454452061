/**
 * Pages that refuse say so with 403 and a page that tells the viewer what would let them in,
 * never a 200 with a notice; pages about what does not exist (or is hidden) answer 404.
 * Each case also checks the page is the refusal page, not some other error.
 */
import { createTestFact } from "@/lib/facts/test-factory";
import { DEMO_PASSWORD, expect, signIn, test } from "./fixtures";
import { FACT_EDITOR } from "./fixtures/facts";

test("refusing pages answer 403 with the reason, for each kind of person", async ({ browser, db, makePerson }) => {
  test.setTimeout(90_000);
  const visitor = await browser.newPage();
  const member = await makePerson();
  const memberPage = await browser.newPage();
  await signIn(memberPage, member.email, member.password);
  const registered = await makePerson({ standing: "registered" });
  const registeredPage = await browser.newPage();
  await signIn(registeredPage, registered.email, registered.password);
  const othersProposal = await createTestFact(db, { status: "proposed" });

  const cases = [
    { page: visitor, path: "/facts/review", heading: "Sign in to see this page" },
    { page: memberPage, path: "/facts/review", heading: "Not open to you" },
    { page: memberPage, path: "/council", heading: "Not open to you" },
    { page: memberPage, path: "/admin/themes", heading: "Not open to you" },
    { page: registeredPage, path: "/facts/new", heading: "Verified members only" },
    { page: registeredPage, path: "/papers/new?theme=education", heading: "Verified members only" },
  ];
  for (const c of cases) {
    const response = await c.page.goto(c.path);
    expect(response?.status(), c.path).toBe(403);
    await expect(c.page.getByRole("heading", { level: 1, name: c.heading }), c.path).toBeVisible();
  }
  // Someone else's proposal is hidden from a member: 404, the not-found page.
  const hidden = await memberPage.goto(`/facts/${othersProposal.id}/edit`);
  expect(hidden?.status()).toBe(404);
  await expect(memberPage.getByRole("heading", { level: 1, name: "Page not found" })).toBeVisible();
});

// Regression (issue 9): the amend page judged a fake fact with no proposer, so it offered a fact
// editor the form for their own proposal, which the command then refused.
test("a fact editor is refused the amend form for their own proposal, and given it for another's", async ({ browser, db }) => {
  const page = await browser.newPage();
  await signIn(page, FACT_EDITOR, DEMO_PASSWORD);
  const [editor] = await db.query.users.findMany({ where: (u, { eq }) => eq(u.email, FACT_EDITOR) });
  const own = await createTestFact(db, { status: "proposed", proposedBy: editor!.id });
  const others = await createTestFact(db, { status: "proposed" });

  const refused = await page.goto(`/facts/${own.id}/amend`);
  expect(refused?.status()).toBe(403);
  await expect(page.getByRole("heading", { level: 1, name: "Not open to you" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Save the amendment" })).toHaveCount(0);

  const allowed = await page.goto(`/facts/${others.id}/amend`);
  expect(allowed?.status()).toBe(200);
  await expect(page.getByRole("heading", { level: 1, name: "Amend a fact" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Save the amendment" })).toBeVisible();

  const queue = await page.goto("/facts/review");
  expect(queue?.status()).toBe(200);
  await expect(page.getByRole("heading", { level: 1, name: "Fact review queue" })).toBeVisible();
});
