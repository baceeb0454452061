import { and, eq } from "drizzle-orm";
import type { Db } from "@/db";
import { anecdotes, helpRequests, messageThreads, pressPacks, users } from "@/db/schema";
import { DEMO_PASSWORD, demo, expect, expectNoAxeViolations, signIn, STORAGE, test } from "./fixtures";

/** The directory, help, messages and stories pages, at phone width, for the people who see each. */
const ROUTES = {
  visitor: ["/directory", "/directory?language=Polish&skill=design"],
  member: [
    "/directory",
    "/directory?skill=writing&region=Wales",
    "/directory/profile",
    "/directory/lookups",
    "/help",
    "/help?status=closed",
    "/help/new",
    "/help/{leaflet}",
    "/help/{survey}",
    "/help/{closed}",
    "/help/invitations",
    "/messages",
    "/messages/{thread}",
    "/stories",
    "/stories/new",
    "/stories/{named}",
    "/stories/{withdrawn}",
    "/stories/attest/{token}",
  ],
  curator: ["/stories", "/stories/review", "/stories/takedowns", "/stories/press", "/stories/press?theme={education}", "/stories/press/{pack}", "/stories/{submitted}", "/stories/{anonymous}"],
  admin: ["/admin/skills"],
} as const;

/** Demo content by its natural key (db/demo/directory.ts). */
async function resolve(db: Db, route: string): Promise<string> {
  const help = async (title: string) => (await db.select({ id: helpRequests.id }).from(helpRequests).where(eq(helpRequests.title, title)))[0]!.id;
  const story = async (title: string) => (await db.select({ id: anecdotes.id, token: anecdotes.attestToken }).from(anecdotes).where(eq(anecdotes.title, title)))[0]!;
  const userId = async (email: string) => (await db.select({ id: users.id }).from(users).where(eq(users.email, email)))[0]!.id;
  const ids: Record<string, () => Promise<string>> = {
    leaflet: () => help("Design a leaflet for the schools funding campaign"),
    survey: () => help("Analyse the members' energy bills survey"),
    closed: () => help("Photographs for the waiting-list stall"),
    thread: async () => {
      const [a, b] = [await userId(demo("member1")), await userId(demo("member2"))].sort();
      return (await db.select({ id: messageThreads.id }).from(messageThreads).where(and(eq(messageThreads.memberA, a!), eq(messageThreads.memberB, b!))))[0]!.id;
    },
    named: async () => (await story("Waiting fourteen months for a hip operation")).id,
    withdrawn: async () => (await story("The school trip that was cancelled")).id,
    anonymous: async () => (await story("The supply teacher who stayed a year")).id,
    submitted: async () => (await story("Evening classes that closed")).id,
    token: async () => (await story("Waiting fourteen months for a hip operation")).token,
    pack: async () => (await db.select({ id: pressPacks.id }).from(pressPacks).where(eq(pressPacks.title, "School funding: members' stories")))[0]!.id,
    education: async () => (await db.execute<{ id: string }>(`select id from themes where slug = 'education'`)).rows[0]!.id,
  };
  let out = route;
  for (const m of route.matchAll(/\{(\w+)\}/g)) out = out.replace(m[0], await ids[m[1]!]!());
  return out;
}

test.use({ viewport: { width: 375, height: 812 }, isMobile: true, hasTouch: true });
test.describe.configure({ timeout: 60_000 });

async function check(page: import("@playwright/test").Page) {
  await expect(page.getByRole("main")).toBeVisible();
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  await expectNoAxeViolations(page);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow, "no sideways scrolling").toBeLessThanOrEqual(0);
}

for (const [who, routes] of Object.entries(ROUTES)) {
  test.describe(`directory pages as ${who}`, () => {
    if (who === "member" || who === "admin") test.use({ storageState: STORAGE[who] });
    for (const route of routes) {
      test(`${route} has no axe violations at 375 px`, async ({ page, db }) => {
        if (who === "curator") await signIn(page, "curator1@commonplace.test", DEMO_PASSWORD);
        const response = await page.goto(await resolve(db, route));
        expect(response?.status()).toBe(200);
        await check(page);
      });
    }
  });
}

test.describe("dialogs and forms with errors", () => {
  test.use({ storageState: STORAGE.member });
  test("the leave-directory dialog and a form with its errors shown have no axe violations", async ({ page }) => {
    await page.goto("/directory/profile");
    await page.getByRole("button", { name: "Leave the directory" }).click();
    await expect(page.getByRole("dialog", { name: "Leave the directory?" })).toBeVisible();
    await expectNoAxeViolations(page);
    await page.getByRole("dialog").getByRole("button", { name: "Cancel" }).click();
    await page.goto("/stories/new");
    await page.getByRole("button", { name: "Submit the story" }).click();
    await expect(page.getByText("Please correct the fields marked below.")).toBeVisible();
    await check(page);
  });
});
