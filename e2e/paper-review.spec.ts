import { expect, signIn, STORAGE, test } from "./fixtures";
import { longText, typeInEditor } from "./fixtures/papers";

test("a member submits a paper, the council returns it, the member revises it, the council accepts it, and it is on the theme page", async ({ page, browser, makePerson, makeTheme }) => {
  test.setTimeout(90_000);
  const theme = await makeTheme();
  const author = await makePerson({ name: "Paula Author" });
  const title = `Community energy co-ops ${theme.slug}`;

  // The member writes and submits.
  await signIn(page, author.email, author.password);
  await page.goto(`/themes/${theme.slug}`);
  await page.getByRole("link", { name: "Write a paper" }).first().click();
  await page.getByLabel("Title").fill(title);
  await page.getByLabel("Summary").fill("Let communities own the turbines and panels near them.");
  await typeInEditor(page, longText("Community energy"));
  await expect(page).toHaveURL(/\/papers\/[0-9a-f-]+\/edit$/);
  await page.getByRole("button", { name: "Submit to the council" }).click();
  await expect(page.getByText("Submitted to the council")).toBeVisible();

  // The council returns it with a reason.
  const council = await browser.newContext({ storageState: STORAGE.council });
  const councilPage = await council.newPage();
  await councilPage.goto("/council");
  await councilPage.getByRole("link", { name: title }).click();
  await councilPage.getByLabel("Return to the author with comments").check();
  await councilPage.getByRole("button", { name: "Record decision" }).click();
  await expect(councilPage.getByText("Give the author a reason of at least 10 characters.")).toBeVisible();
  await councilPage.getByLabel("Reason").fill("Please add what a co-op costs to set up.");
  await councilPage.getByRole("button", { name: "Record decision" }).click();
  await expect(councilPage.getByText("Decision recorded: returned with comments")).toBeVisible();

  // The member sees the reason, revises and resubmits.
  await page.goto("/papers/mine");
  await expect(page.getByText("Please add what a co-op costs to set up.")).toBeVisible();
  await page.getByRole("link", { name: title }).click();
  await expect(page.getByText("The council returned this paper")).toBeVisible();
  await typeInEditor(page, " Setting up a co-op costs about £40,000 in legal and survey fees.");
  await page.getByRole("button", { name: "Submit to the council" }).click();
  await expect(page.getByText("Submitted to the council")).toBeVisible();

  // The council accepts it.
  await councilPage.goto("/council");
  await councilPage.getByRole("link", { name: title }).click();
  await councilPage.getByLabel("Accept and publish").check();
  await councilPage.getByRole("button", { name: "Record decision" }).click();
  await expect(councilPage.getByText("Decision recorded: accepted")).toBeVisible();
  await council.close();

  // It is published on the theme page, and readable by anyone.
  const visitor = await browser.newContext();
  const visitorPage = await visitor.newPage();
  await visitorPage.goto(`/themes/${theme.slug}`);
  await visitorPage.getByRole("link", { name: title }).click();
  await expect(visitorPage.getByRole("heading", { level: 1, name: title })).toBeVisible();
  await expect(visitorPage.getByText("£40,000")).toBeVisible();
  await expect(visitorPage.getByText(/Version 1 · published/)).toBeVisible();
  await visitor.close();
});

test("a draft survives a reload before it reaches the server", async ({ page, makePerson, makeTheme }) => {
  const theme = await makeTheme();
  const author = await makePerson();
  await signIn(page, author.email, author.password);
  await page.goto(`/papers/new?theme=${theme.slug}`);
  await page.getByLabel("Title").fill("Unsaved thoughts");
  await typeInEditor(page, "First saved sentence.");
  // Go offline so the next change cannot reach the server, then reload.
  await page.context().setOffline(true);
  const editor = page.getByRole("textbox", { name: "Paper text" });
  await editor.click();
  await page.keyboard.press("End");
  await page.keyboard.type(" Typed while offline.");
  await expect(page.getByText(/Not saved — retrying, your text is kept/)).toBeVisible({ timeout: 15_000 });
  await page.context().setOffline(false);
  await page.reload();
  await expect(page.getByRole("textbox", { name: "Paper text" })).toContainText("Typed while offline.");
  await expect(page.getByText(/^Saved \d\d:\d\d$/)).toBeVisible({ timeout: 15_000 });
});
