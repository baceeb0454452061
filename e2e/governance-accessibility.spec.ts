import { eq } from "drizzle-orm";
import { decisions, elections } from "@/db/schema";
import { expect, expectNoAxeViolations, STORAGE, test } from "./fixtures";
import type { Db } from "@/db";

/** The governance pages, at phone width, for the people who see each: no axe violations, no sideways scrolling. */
const ROUTES = {
  visitor: ["/governance", "/governance/elections", "/governance/elections/{counted}", "/governance/elections/{open}", "/governance/decisions", "/governance/decisions/{ranked}", "/governance/decisions/{consent}", "/governance/fact-editors", "/moderation-log/verify", "/moderation-log?kind=election"],
  member: ["/governance", "/governance/elections/{open}", "/governance/elections/{counted}", "/governance/decisions/new", "/governance/decisions/{approval}", "/governance/decisions/{seeking}", "/governance/decisions/{consent}"],
  council: ["/governance/decisions/new", "/governance/fact-editors", "/governance/elections", "/governance/decisions/{council}"],
  admin: ["/admin/governance", "/governance/elections"],
} as const;

/** Demo content by its title (db/demo/governance.ts). */
async function resolve(db: Db, route: string): Promise<string> {
  const election = async (title: string) => (await db.select({ id: elections.id }).from(elections).where(eq(elections.title, title)))[0]!.id;
  const decision = async (question: string) => (await db.select({ id: decisions.id }).from(decisions).where(eq(decisions.question, question)))[0]!.id;
  const ids: Record<string, () => Promise<string>> = {
    counted: () => election("Moderators, autumn"),
    open: () => election("Moderators, winter by-election"),
    ranked: () => decision("Where should the spring assembly be held?"),
    consent: () => decision("Adopt the community guidelines, draft 3?"),
    approval: () => decision("Which evenings suit branch meetings?"),
    seeking: () => decision("Start a reading group on the schools funding paper?"),
    council: () => decision("Commission a paper on rural bus services?"),
  };
  const m = route.match(/\{(\w+)\}/);
  return m ? route.replace(m[0], await ids[m[1]!]!()) : route;
}

test.use({ viewport: { width: 375, height: 812 }, isMobile: true, hasTouch: true });
test.describe.configure({ timeout: 60_000 });

for (const [who, routes] of Object.entries(ROUTES)) {
  test.describe(`governance as ${who}`, () => {
    if (who !== "visitor") test.use({ storageState: STORAGE[who as "admin" | "member" | "council"] });
    for (const route of routes) {
      test(`${route} has no axe violations at 375 px`, async ({ page, db }) => {
        await page.goto(await resolve(db, route));
        await expect(page.getByRole("main")).toBeVisible();
        await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
        await expectNoAxeViolations(page);
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
        expect(overflow, "no sideways scrolling").toBeLessThanOrEqual(0);
      });
    }
  });
}

test("the counted election's table scrolls by keyboard and the published files carry their checksums", async ({ page, db, request }) => {
  await page.goto(await resolve(db, "/governance/elections/{counted}"));
  const table = page.getByRole("region", { name: /The count, stage by stage/ });
  await table.focus();
  await expect(table).toBeFocused();
  await expect(page.getByTestId("reconciliation")).toHaveText("Eligible 10 · voted 10 · blank 1 · valid 9 · counted 9");
  const blt = await request.get(await page.getByRole("link", { name: "Ballots as BLT" }).getAttribute("href").then((h) => h!));
  expect(blt.ok()).toBe(true);
  expect(await page.getByText(`sha256 ${blt.headers()["x-content-sha256"]}`).count()).toBe(1);
  expect((await blt.text()).split("\n")[0]).toBe("3 2");
});

test.describe("find my ballot with the demo receipt", () => {
  test("a visitor enters member1's receipt and sees that ballot", async ({ page, db }) => {
    await page.goto(await resolve(db, "/governance/elections/{counted}"));
    await page.getByLabel("Your receipt code").fill("demo-0000-0000-0001");
    await page.getByRole("button", { name: "Find my ballot" }).click();
    // member1's demo ballot ranked Mona Haddad (moderator1) alone.
    await expect(page.getByRole("status").filter({ hasText: "Your ballot is in the published file" }).getByRole("listitem")).toHaveText(["Mona Haddad"]);
    await page.getByLabel("Your receipt code").fill("ZZZZ-0000-0000-0001");
    await page.getByRole("button", { name: "Find my ballot" }).click();
    await expect(page.getByText("No ballot in the published file has this receipt")).toBeVisible();
  });
});
