import { expect, expectNoAxeViolations, STORAGE, test } from "./fixtures";
import { resolvePaperRoute } from "./fixtures/papers";
import { test as discussionTest } from "./fixtures/discussion";

/**
 * Every route, at phone width, for the people who see it: no axe violations, no sideways
 * scrolling. Later capabilities add their routes here.
 */
const ROUTES = {
  visitor: ["/", "/papers/{waitingList}", "/papers/{schoolFunding}/versions/2", "/themes/education", "/themes/strategy", "/sign-in", "/sign-up", "/forgot-password", "/reset-password/not-a-real-token", "/moderation-log", "/no-such-page", "/facts", "/facts?q=waiting+list&theme=health", "/facts/f0c7d3a1-0000-4000-8000-000000000001", "/papers/{waitingList}/response", "/themes/education/synthesis"],
  member: ["/", "/settings", "/themes/health", "/moderation-log", "/papers/new?theme=health", "/papers/mine", "/papers/{waitingList}", "/papers/{schoolFunding}/versions", "/papers/{schoolFunding}/versions/2", "/notifications", "/settings/notifications", "/moderation-log?kind=comment", "/facts/new", "/facts/f0c7d3a1-0000-4000-8000-000000000001", "/papers/{schoolFunding}/response", "/themes/health/synthesis"],
  council: ["/council"],
  admin: ["/admin", "/admin/themes", "/admin/themes/new", "/admin/roll", "/admin/members", "/outbox", "/moderation-log?kind=theme", "/facts/review", "/themes/strategy/synthesis"],
} as const;

test.use({ viewport: { width: 375, height: 812 }, isMobile: true, hasTouch: true });
// axe on a long page (a 300-comment thread) takes seconds of CPU; give it room on a busy machine.
test.describe.configure({ timeout: 60_000 });

for (const [who, routes] of Object.entries(ROUTES)) {
  test.describe(`as ${who}`, () => {
    if (who !== "visitor") test.use({ storageState: STORAGE[who as "admin" | "member" | "council"] });
    for (const route of routes) {
      test(`${route} has no axe violations at 375 px`, async ({ page, db }) => {
        await page.goto(await resolvePaperRoute(db, route));
        await expect(page.getByRole("main")).toBeVisible();
        await expectNoAxeViolations(page);
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
        expect(overflow, "no sideways scrolling").toBeLessThanOrEqual(0);
      });
    }
  });
}

test("the admin theme page works with its dialogs open", async ({ browser }) => {
  const context = await browser.newContext({ storageState: STORAGE.admin, viewport: { width: 375, height: 812 } });
  const page = await context.newPage();
  await page.goto("/admin/themes");
  await page.getByRole("button", { name: "Archive" }).first().click();
  await expect(page.getByRole("dialog")).toBeVisible();
  await expectNoAxeViolations(page);
  await context.close();
});

test("home and theme pages at phone width, kept as screenshots", async ({ page }, testInfo) => {
  for (const [name, route] of [["home", "/"], ["theme", "/themes/education"]] as const) {
    await page.goto(route);
    await testInfo.attach(`${name}-375px`, { body: await page.screenshot({ fullPage: true }), contentType: "image/png" });
  }
});

test("the whole sign-in journey works from the keyboard alone", async ({ page }) => {
  await page.goto("/sign-in");
  await page.keyboard.press("Tab");
  await expect(page.getByRole("link", { name: "Skip to content" })).toBeFocused();
  await page.getByLabel("E-mail").focus();
  await page.keyboard.type("member2@commonplace.test");
  await page.keyboard.press("Tab");
  await page.keyboard.type("commonplace-demo");
  await page.keyboard.press("Enter");
  // At 375 px the header's links are behind its Menu button, opened from the keyboard too (on the page signing in leads to).
  await expect(page.getByRole("button", { name: "Sign out", includeHidden: true })).toBeAttached();
  const menu = page.getByRole("button", { name: "Menu" });
  await menu.focus();
  await page.keyboard.press("Enter");
  await expect(menu).toHaveAttribute("aria-expanded", "true");
  await expect(page.getByRole("link", { name: /Settings for/ })).toBeVisible();
});

/** The discussion pages need a paper and comments, so they make their own instead of joining ROUTES. */
discussionTest("a paper's discussion and a comment permalink have no axe violations at 375 px", async ({ browser, makePaper, makeComment }) => {
  const paper = await makePaper();
  const top = await makeComment({ paperId: paper.id, body: "A *comment* with [a link](https://example.org)." });
  await makeComment({ paperId: paper.id, parentId: top.id, depth: 1, body: "A reply." });
  for (const storageState of [{ cookies: [], origins: [] }, STORAGE.member, STORAGE.moderator]) {
    const context = await browser.newContext({ storageState, viewport: { width: 375, height: 812 }, isMobile: true, hasTouch: true });
    const page = await context.newPage();
    for (const route of [`/papers/${paper.id}`, `/papers/${paper.id}/c/${top.id}`]) {
      await page.goto(route);
      await expect(page.getByRole("heading", { name: /Discussion/ })).toBeVisible();
      await expectNoAxeViolations(page);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow, "no sideways scrolling").toBeLessThanOrEqual(0);
    }
    await context.close();
  }
});
