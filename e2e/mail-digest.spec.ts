import { and, eq } from "drizzle-orm";
import { notifications, outbox } from "@/db/schema";
import { enqueueJob } from "@/lib/jobs/queue";
import { expect, expectNoAxeViolations, signIn, STORAGE, test } from "./fixtures";
import { followTheme, publishPaperInTheme } from "./fixtures/following";

const stamp = () => Date.now().toString(36);

test.use({ viewport: { width: 375, height: 812 }, isMobile: true, hasTouch: true });

test("a member chooses a daily digest for new papers; the morning's digest gathers them with the site's own links", async ({ page, browser, db, makePerson, makeTheme, baseURL }) => {
  const member = await makePerson({ name: `Digest reader ${stamp()}` });
  const theme = await makeTheme({ title: `Forests ${stamp()}` });
  await followTheme(db, member.id, theme.id);
  await signIn(page, member.email, member.password);

  await page.goto("/settings/notifications");
  await expect(page.getByRole("heading", { level: 1, name: "Notification settings" })).toBeVisible();
  await expectNoAxeViolations(page);
  expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth), "no sideways scrolling").toBeLessThanOrEqual(0);
  const newPapers = page.getByRole("group", { name: "A new paper is published in a theme I follow" });
  await newPapers.getByRole("radio", { name: "Daily digest" }).check();
  await page.getByRole("button", { name: "Save e-mail settings" }).click();
  await expect(page.getByRole("status").filter({ hasText: "E-mail settings saved." })).toBeVisible();
  await page.reload();
  await expect(newPapers.getByRole("radio", { name: "Daily digest" })).toBeChecked();

  const first = await publishPaperInTheme(db, theme.id, { title: `Old oaks ${stamp()}` });
  const second = await publishPaperInTheme(db, theme.id, { title: `Young birches ${stamp()}` });
  // The worker's fanout keeps them for the digest instead of mailing them at once.
  const states = () => db.select({ s: notifications.mailState }).from(notifications).where(and(eq(notifications.userId, member.id), eq(notifications.themeId, theme.id)));
  await expect.poll(async () => (await states()).map((r) => r.s), { timeout: 20_000 }).toEqual(["digest", "digest"]);
  expect(await db.select().from(outbox).where(eq(outbox.to, member.email))).toEqual([]);

  // The crontab's morning run, enqueued now for the worker beside the site.
  await enqueueJob(db, "mail.digest", {});
  await expect.poll(async () => (await db.select().from(outbox).where(eq(outbox.to, member.email))).length, { timeout: 20_000 }).toBe(1);
  const [digest] = await db.select().from(outbox).where(eq(outbox.to, member.email));
  expect(digest!.subject).toBe("Your daily digest: 2 notifications");
  expect(digest!.text).toContain(`== ${theme.title} ==`);
  expect(digest!.text).toContain(`${baseURL}/papers/${first.id}`);
  expect(digest!.text).toContain(`${baseURL}/papers/${second.id}`);
  await expect.poll(async () => (await states()).map((r) => r.s)).toEqual(["digested", "digested"]);

  // What an admin sees at /outbox.
  const admin = await browser.newContext({ storageState: STORAGE.admin });
  const outboxPage = await admin.newPage();
  await outboxPage.goto("/outbox");
  await expect(outboxPage.getByText("Your daily digest: 2 notifications").first()).toBeVisible();
  await admin.close();
});
