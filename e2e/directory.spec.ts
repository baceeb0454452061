import { expect, test } from "./fixtures";
import { memberPage } from "./fixtures/facts";

test.describe.configure({ timeout: 90_000 });

test("a member fills a profile and hides a field: a search by that field does not find them, one by a visible field does, and they see who looked", async ({ browser, makePerson }) => {
  const owner = await makePerson();
  const searcher = await makePerson();
  const me = await memberPage(browser, owner);
  await me.page.goto("/directory/profile");
  // Privacy by default: every field starts at "Only me".
  await expect(me.page.getByLabel("Who may see: Region")).toHaveValue("only_me");
  await expect(me.page.getByLabel("Who may see: Your name in the directory")).toHaveValue("only_me");
  await me.page.getByLabel("Who may see: Your name in the directory").selectOption({ label: "Members" });
  await me.page.getByRole("checkbox", { name: "Law", exact: true }).check();
  await me.page.getByLabel("Who may see: Skills").selectOption({ label: "Members" });
  await me.page.getByLabel("Region or branch").selectOption("Northern Ireland");
  // The region stays "Only me": hidden from everyone else.
  await me.page.getByRole("spinbutton", { name: /^Hours a month/ }).fill("7");
  await me.page.getByLabel("Who may see: Hours a month").selectOption({ label: "Members" });
  await me.page.getByRole("button", { name: "Save profile" }).click();
  await expect(me.page.getByRole("main").getByRole("status").filter({ hasText: "Profile saved." })).toBeVisible();

  const other = await memberPage(browser, searcher);
  // By the hidden field: not found (the filter itself must not leak).
  await other.page.goto("/directory?region=Northern+Ireland");
  await expect(other.page.getByRole("heading", { level: 2, name: /members?$/ })).toBeVisible();
  await expect(other.page.getByRole("heading", { name: owner.displayName })).toHaveCount(0);
  // By a visible field, typed into the form (it updates as you type): found, with the region still hidden.
  await other.page.goto("/directory");
  await other.page.getByLabel("Skill", { exact: true }).selectOption({ label: "Law" });
  await other.page.getByLabel("At least hours a month").fill("7");
  const card = other.page.getByRole("listitem").filter({ has: other.page.getByRole("heading", { name: owner.displayName }) });
  await expect(card).toBeVisible();
  await expect(other.page).toHaveURL(/skill=law/);
  await expect(card).toContainText("Law");
  await expect(card).toContainText("7");
  await expect(card).not.toContainText("Northern Ireland");

  // The owner sees who looked them up, and for what.
  await me.page.goto("/directory/lookups");
  await expect(me.page.getByText(searcher.displayName).first()).toBeVisible();
  await expect(me.page.getByText(/searched for skill Law/).first()).toBeVisible();
  await me.context.close();
  await other.context.close();
});

test("the search works without JavaScript, as a plain GET form, and a visitor sees only what is public", async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto("/directory");
  await page.getByLabel("Language", { exact: true }).selectOption("Polish");
  await page.getByRole("button", { name: "Search" }).click();
  await expect(page).toHaveURL(/language=Polish/);
  // Demo member2 shows everything but region and contact to the public, under their pseudonym.
  const card = page.getByRole("listitem").filter({ has: page.getByRole("heading", { name: "Red Kite" }) });
  await expect(card).toContainText("Polish");
  await expect(card).not.toContainText("North West");
  await expect(page.getByText("Max Keller")).toHaveCount(0);
  // Mel Adeyemi shows their languages to members only: not found by a visitor.
  await page.goto("/directory?language=Welsh");
  await expect(page.getByRole("heading", { name: "Mel Adeyemi" })).toHaveCount(0);
  await context.close();
});

test("bad profile input gets a message next to its field, keeps the draft and saves nothing; leaving the directory is one confirmed step", async ({ browser, makePerson }) => {
  const owner = await makePerson();
  const me = await memberPage(browser, owner);
  await me.page.goto("/directory/profile");
  await me.page.getByRole("textbox", { name: /^Contact preference/ }).fill("write to me at someone@example.org");
  await me.page.getByRole("spinbutton", { name: /^Hours a month/ }).fill("500");
  await me.page.getByRole("textbox", { name: /^About you/ }).fill("Retired nurse.");
  await me.page.getByRole("button", { name: "Save profile" }).click();
  await expect(me.page.getByRole("textbox", { name: /^Contact preference/ })).toHaveAccessibleDescription(/Leave your e-mail address out/);
  await expect(me.page.getByRole("spinbutton", { name: /^Hours a month/ })).toHaveAccessibleDescription(/0 to 200/);
  await expect(me.page.getByRole("textbox", { name: /^About you/ })).toHaveValue("Retired nurse.");
  await me.page.reload();
  await expect(me.page.getByText("You have no profile yet")).toBeVisible();

  await me.page.getByRole("textbox", { name: /^Contact preference/ }).fill("Evenings, by message");
  await me.page.getByRole("spinbutton", { name: /^Hours a month/ }).fill("5");
  await me.page.getByRole("button", { name: "Save profile" }).click();
  await expect(me.page.getByRole("main").getByRole("status").filter({ hasText: "Profile saved." })).toBeVisible();
  await me.page.reload();
  await me.page.getByRole("button", { name: "Leave the directory" }).click();
  const dialog = me.page.getByRole("dialog", { name: "Leave the directory?" });
  await expect(dialog).toBeVisible();
  await dialog.getByRole("button", { name: "Leave now" }).click();
  await expect(me.page.getByRole("button", { name: "Rejoin the directory" })).toBeVisible();
  await me.context.close();
});
