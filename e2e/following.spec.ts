import { and, eq } from "drizzle-orm";
import { notifications, outbox } from "@/db/schema";
import { expect, signIn, test } from "./fixtures";
import { followTheme, notifySomeone, publishPaperInTheme } from "./fixtures/following";

const stamp = () => Date.now().toString(36);

test("a member follows a theme, hears of a new paper through the bell, opens it and marks all read", async ({ page, db, makePerson, makeTheme }) => {
  const member = await makePerson({ name: `Follower ${stamp()}` });
  const theme = await makeTheme({ title: `Rivers ${stamp()}` });
  await followTheme(db, member.id, theme.id);
  await signIn(page, member.email, member.password);
  const bell = page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: /^Notifications, / });
  await expect(bell).toHaveAccessibleName("Notifications, none unread");

  // The Following list: unfollow and follow again with the same button.
  await page.goto("/notifications");
  await expect(page.getByRole("heading", { level: 1, name: "Notifications" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "No notifications yet" })).toBeVisible();
  const following = page.getByRole("list", { name: "What you follow" });
  await following.getByRole("button", { name: `Following ${theme.title}` }).click();
  const unfollowed = following.getByRole("button", { name: `Follow ${theme.title}` });
  await expect(unfollowed).toHaveAttribute("aria-pressed", "false");
  await expect(unfollowed).not.toHaveAttribute("aria-busy");
  await page.reload();
  await expect(following).toHaveCount(0);
  await expect(page.getByText("You do not follow anything yet.")).toBeVisible();
  await followTheme(db, member.id, theme.id);
  await page.reload();
  await following.getByRole("button", { name: `Following ${theme.title}` }).click();
  await expect(unfollowed).toHaveAttribute("aria-pressed", "false");
  await unfollowed.click();
  const refollowed = following.getByRole("button", { name: `Following ${theme.title}` });
  await expect(refollowed).toHaveAttribute("aria-pressed", "true");
  await expect(refollowed).not.toHaveAttribute("aria-busy");
  await page.reload();
  await expect(following.getByRole("link", { name: theme.title })).toBeVisible();

  // The council publishes a paper in the theme; the bell counts it on the next page.
  const paper = await publishPaperInTheme(db, theme.id, { title: `Clean water ${stamp()}` });
  await page.reload();
  await expect(bell).toHaveAccessibleName("Notifications, 1 unread");
  await bell.click();
  await expect(page).toHaveURL(/\/notifications$/);
  const list = page.getByRole("list", { name: "Notifications, newest first" });
  const item = list.getByRole("link", { name: `Unread New in ${theme.title}: ${paper.title}` });
  await expect(item).toBeVisible();
  await item.click();
  await expect(page).toHaveURL(new RegExp(`/papers/${paper.id}$`));
  await page.goto("/notifications");
  await expect(bell).toHaveAccessibleName("Notifications, none unread");
  await expect(list.getByRole("link", { name: `New in ${theme.title}: ${paper.title}`, exact: true })).toBeVisible();

  // Two more, then mark all as read.
  await publishPaperInTheme(db, theme.id);
  await publishPaperInTheme(db, theme.id);
  await page.reload();
  await expect(bell).toHaveAccessibleName("Notifications, 2 unread");
  await page.getByRole("button", { name: "Mark all as read" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Marked 2 notifications as read." })).toBeVisible();
  await expect(bell).toHaveAccessibleName("Notifications, none unread");
  await expect(list.getByText("Unread", { exact: true })).toHaveCount(0);
});

test("one member cannot open another's notification", async ({ page, db, makePerson }) => {
  const [alice, bob] = await Promise.all([makePerson(), makePerson()]);
  const id = await notifySomeone(db, alice.id, `For Alice ${stamp()}`);
  await signIn(page, bob.email, bob.password);
  const response = await page.request.get(`/notifications/${id}`, { maxRedirects: 0 });
  expect(response.status()).toBe(404);
});

test("a member turns off one e-mail; it stays off and stops that e-mail", async ({ page, db, makePerson, makeTheme }) => {
  const member = await makePerson();
  await signIn(page, member.email, member.password);
  await page.goto("/settings");
  await page.getByRole("link", { name: "Notification settings" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Notification settings" })).toBeVisible();
  const newPaper = () => page.getByRole("group", { name: "A new paper is published in a theme I follow" });
  await expect(newPaper().getByRole("radio", { name: "At once" })).toBeChecked();
  await newPaper().getByRole("radio", { name: "Never" }).check();
  await page.getByRole("button", { name: "Save e-mail settings" }).click();
  await expect(page.getByRole("status").filter({ hasText: "E-mail settings saved." })).toBeVisible();
  await page.reload();
  await expect(newPaper().getByRole("radio", { name: "Never" })).toBeChecked();
  await expect(page.getByRole("group", { name: /^The council decides on my paper/ }).getByRole("radio", { name: "At once" })).toBeChecked();

  const theme = await makeTheme();
  await followTheme(db, member.id, theme.id);
  const paper = await publishPaperInTheme(db, theme.id);
  // The worker's fanout job decides the e-mail: wait for that decision, then check none was written.
  await expect.poll(async () => (await db.select({ s: notifications.mailState }).from(notifications).where(and(eq(notifications.userId, member.id), eq(notifications.paperId, paper.id))))[0]?.s, { timeout: 20_000 }).toBe("skipped");
  expect(await db.select().from(outbox).where(eq(outbox.to, member.email))).toHaveLength(0);
  await page.reload();
  await expect(page.getByRole("link", { name: "Notifications, 1 unread" })).toBeVisible();
});
