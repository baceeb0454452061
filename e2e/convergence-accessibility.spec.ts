import { expect, expectNoAxeViolations, STORAGE, test } from "./fixtures";
import { resolvePaperRoute } from "./fixtures/papers";

/** The agreement map, the statements about a paper and the digest pages at phone width: no axe violations, no sideways scrolling. */
const ROUTES = {
  visitor: ["/themes/health/map", "/themes/education/map", "/papers/{waitingList}/digests", "/papers/{waitingList}/statements"],
  member: ["/themes/health/map", "/themes/strategy/map", "/papers/{waitingList}/digests", "/papers/{waitingList}/statements"],
  admin: ["/themes/health/map"],
} as const;

test.use({ viewport: { width: 375, height: 812 }, isMobile: true, hasTouch: true });
test.describe.configure({ timeout: 60_000 });

for (const [who, routes] of Object.entries(ROUTES)) {
  test.describe(`as ${who}`, () => {
    if (who !== "visitor") test.use({ storageState: STORAGE[who as "admin" | "member"] });
    for (const route of routes) {
      test(`${route} has no axe violations at 375 px`, async ({ page, db }) => {
        await page.goto(await resolvePaperRoute(db, route));
        await expect(page.getByRole("main")).toBeVisible();
        // Open the table too when there is a map, so its contents are checked.
        const table = page.getByText("The map as a table");
        if (await table.count()) await table.click();
        await expectNoAxeViolations(page);
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
        expect(overflow, "no sideways scrolling").toBeLessThanOrEqual(0);
      });
    }
  });
}

test("the demo's Health map shows groups, the member's point and what unites them, in words too", async ({ browser }) => {
  const context = await browser.newContext({ storageState: STORAGE.member, viewport: { width: 375, height: 812 } });
  const page = await context.newPage();
  await page.goto("/themes/health/map");
  await expect(page.getByRole("img", { name: "Opinion map of Health" })).toContainText("You");
  await expect(page.getByRole("list", { name: "Groups" }).getByRole("listitem")).not.toHaveCount(0);
  await expect(page.getByRole("heading", { name: "What unites the groups" })).toBeVisible();
  await expect(page.getByText(/members who voted on at least 7 statements are placed on the map/)).toBeVisible();
  await context.close();
});
