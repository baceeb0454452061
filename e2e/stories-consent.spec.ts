import { expect, test } from "./fixtures";
import { memberPage } from "./fixtures/facts";

test("a story is private to its teller and the theme's curators, and consent can be lowered but not raised by lowering", async ({ browser, makePerson, makeTheme, page }) => {
  test.setTimeout(90_000);
  const theme = await makeTheme();
  const teller = await makePerson();
  const stranger = await makePerson();
  const t = await memberPage(browser, teller);
  await t.page.goto("/stories/new");
  await t.page.getByLabel("Title").fill(`Closed library ${theme.slug}`);
  await t.page.getByRole("textbox", { name: "Your story" }).fill("The library where I did my homework closed on Saturdays, then on weekdays after four, then altogether last spring.");
  await t.page.getByLabel("When it happened").fill("2025-04-01");
  await t.page.getByLabel("Where it happened").fill("Wrexham");
  await t.page.getByLabel("Theme").selectOption({ label: theme.title });
  await t.page.getByLabel("I saw it happen (a witness)").check();
  await t.page.getByLabel("Named, may be given to the press").check();
  await t.page.getByRole("button", { name: "Submit the story" }).click();
  await expect(t.page.getByTestId("current-consent")).toContainText("Named, may be given to the press");
  const storyUrl = t.page.url();

  // Lowering offers only lower levels; it is recorded in the ledger.
  const lower = t.page.getByRole("form", { name: "Lower your consent" });
  await expect(lower.getByLabel("New level").locator("option")).toHaveText(["Internal only", "Anonymous quotation"]);
  await lower.getByLabel("New level").selectOption({ label: "Internal only" });
  await lower.getByRole("button", { name: "Lower my consent" }).click();
  await expect(t.page.getByRole("status").filter({ hasText: "Your consent is now: Internal only." }).first()).toBeVisible();
  await t.page.reload();
  await expect(t.page.getByRole("region", { name: "Consent ledger, every change" }).getByRole("row")).toHaveCount(3);

  // Another member, and a visitor, cannot see it: not found.
  const s = await memberPage(browser, stranger);
  expect((await s.page.goto(storyUrl))?.status()).toBe(404);
  expect((await page.goto(storyUrl))?.status()).toBe(404);
  await t.context.close();
  await s.context.close();
});
