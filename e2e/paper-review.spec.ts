import { XMLParser } from "fast-xml-parser";
import { expect, signIn, STORAGE, test } from "./fixtures";
import { longText, typeInEditor } from "./fixtures/papers";

test("a member submits a paper, the council returns it, the member revises it, the council accepts it, and it is on the theme page", async ({ page, browser, makePerson, makeTheme }) => {
  test.setTimeout(90_000);
  const theme = await makeTheme();
  const author = await makePerson({ name: "Paula Author" });
  const title = `Community energy co-ops ${theme.slug}`;

  // Another member follows the theme from its page, to be told when the paper is published.
  const follower = await makePerson({ name: "Fran Follower" });
  const followerContext = await browser.newContext();
  const followerPage = await followerContext.newPage();
  await signIn(followerPage, follower.email, follower.password);
  await followerPage.goto(`/themes/${theme.slug}`);
  await followerPage.getByRole("button", { name: `Follow ${theme.title}` }).click();
  await expect(followerPage.getByRole("button", { name: `Following ${theme.title}` })).not.toHaveAttribute("aria-busy");

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
  // Before publication the paper's address takes its author to the working copy; a visitor gets a 404.
  const editUrl = page.url();
  await page.goto(editUrl.replace(/\/edit$/, ""));
  await expect(page).toHaveURL(editUrl);
  const stranger = await browser.newContext();
  expect((await stranger.request.get(editUrl.replace(/\/edit$/, ""))).status()).toBe(404);
  await stranger.close();

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
  const paperUrl = visitorPage.url();

  // It is in the theme's Atom feed.
  const feed = await visitor.request.get(`/themes/${theme.slug}/feed.xml`);
  expect(feed.status()).toBe(200);
  expect(feed.headers()["content-type"]).toContain("application/atom+xml");
  const atom = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: "" }).parse(await feed.text());
  const entries = [atom.feed.entry].flat().filter(Boolean);
  expect(entries).toHaveLength(1);
  expect(entries[0].title["#text"] ?? entries[0].title).toBe(title);
  expect([entries[0].link].flat().map((l: { href: string }) => l.href)).toContain(paperUrl);
  await visitor.close();

  // The follower is told.
  await followerPage.reload();
  await expect(followerPage.getByRole("link", { name: /^Notifications, / })).toHaveAccessibleName("Notifications, 1 unread");
  await followerContext.close();
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
