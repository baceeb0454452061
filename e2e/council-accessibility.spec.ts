import { and, eq, like } from "drizzle-orm";
import { appeals, councilDraws } from "@/db/schema";
import { expect, expectNoAxeViolations, STORAGE, test } from "./fixtures";
import type { Db } from "@/db";

/**
 * The council, draw, recall and appeal pages, at phone width, for the people who see each: no axe
 * violations and no sideways scrolling. Demo content (db/demo/council.ts) gives each page
 * something to show: a completed draw, its appeal panel's draw, an open petition, a decided appeal.
 */
const ROUTES = {
  visitor: [
    "/governance/council",
    "/governance/council/draws/{draw}",
    "/governance/council/draws/{draw}/verify",
    "/governance/council/draws/{panel}",
    "/governance/recall",
    "/governance/recall?show=closed",
    "/governance/appeals",
    "/moderation-log?kind=draw",
    "/moderation-log?kind=recall",
    "/moderation-log?kind=appeal",
  ],
  member: ["/governance/council", "/governance/recall", "/governance/appeals", "/governance/council/draws/{draw}/verify"],
  council: ["/governance/council/draws/new", "/governance/appeals", "/governance/appeals/{appeal}", "/governance/council/draws/{draw}"],
  admin: ["/governance/council", "/governance/council/settings", "/governance/council/draws/new"],
} as const;

/** Demo content by what it is called. */
async function resolve(db: Db, route: string): Promise<string> {
  const draw = async (title: string) => (await db.select({ id: councilDraws.id }).from(councilDraws).where(and(eq(councilDraws.title, title), eq(councilDraws.status, "drawn"))))[0]!.id;
  const ids: Record<string, () => Promise<string>> = {
    draw: () => draw("Council 2026–27"),
    panel: async () => (await db.select({ id: councilDraws.id }).from(councilDraws).where(and(eq(councilDraws.purpose, "appeal_panel"), like(councilDraws.title, "Appeal panel for appeal %"))).limit(1))[0]!.id,
    appeal: async () => (await db.select({ id: appeals.id }).from(appeals).where(like(appeals.statement, "I was angry, but the point about the waiting list%")))[0]!.id,
  };
  const m = route.match(/\{(\w+)\}/);
  return m ? route.replace(m[0], await ids[m[1]!]!()) : route;
}

test.use({ viewport: { width: 375, height: 812 }, isMobile: true, hasTouch: true });
test.describe.configure({ timeout: 60_000 });

for (const [who, routes] of Object.entries(ROUTES)) {
  test.describe(`council pages as ${who}`, () => {
    if (who !== "visitor") test.use({ storageState: STORAGE[who as "admin" | "member" | "council"] });
    for (const route of routes) {
      test(`${route} has no axe violations at 375 px`, async ({ page, db }) => {
        await page.goto(await resolve(db, route));
        await expect(page.getByRole("main")).toBeVisible();
        await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
        // The verify page re-runs the draw in the browser: check it once the result is shown.
        if (route.endsWith("/verify")) await expect(page.getByRole("main").getByRole("status").filter({ hasText: "Verified" })).toBeVisible();
        await expectNoAxeViolations(page);
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
        expect(overflow, "no sideways scrolling").toBeLessThanOrEqual(0);
      });
    }
  });
}

test("the governance hub links to every part of governance", async ({ page }) => {
  await page.goto("/governance");
  const hub = page.getByRole("main");
  for (const [name, href] of [
    ["Moderator elections", "/governance/elections"],
    ["Decisions", "/governance/decisions"],
    ["The council", "/governance/council"],
    ["Council draws", "/governance/council#draws"],
    ["Recall petitions", "/governance/recall"],
    ["Appeals", "/governance/appeals"],
  ] as const)
    await expect(hub.getByRole("link", { name, exact: true })).toHaveAttribute("href", href);
  await hub.getByRole("link", { name: "Recall petitions", exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Recall petitions" })).toBeVisible();
});

test("the log's filters include the council's acts", async ({ page }) => {
  await page.goto("/moderation-log");
  const filters = page.getByRole("navigation", { name: "Filter the log" });
  for (const name of ["Council", "Council draws", "Recall petitions", "Appeals"]) await expect(filters.getByRole("link", { name, exact: true })).toBeVisible();
  await filters.getByRole("link", { name: "Council draws", exact: true }).click();
  await expect(filters.getByRole("link", { name: "Council draws", exact: true })).toHaveAttribute("aria-current", "page");
  const entries = page.getByRole("list", { name: "Log entries, newest first" }).getByRole("listitem");
  await expect(entries.filter({ hasText: "ran a draw by lot and revealed its seed" }).first()).toBeVisible();
  await expect(entries.filter({ hasText: "opened a recall petition" })).toHaveCount(0);
});
