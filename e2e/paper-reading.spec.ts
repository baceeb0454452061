import { expect, expectNoAxeViolations, STORAGE, test } from "./fixtures";
import { makePublishedPaper, SEEDED, seededPaperId } from "./fixtures/papers";

test.describe("reading a paper on a phone", () => {
  test.use({ viewport: { width: 375, height: 812 }, isMobile: true, hasTouch: true });
  // The seeded paper carries a 320-comment thread: axe and a full-page screenshot of it take 10 s
  // of CPU on a quiet machine and crossed 30 s at load 15 (e2e/accessibility.spec.ts allows 60 s).
  test.describe.configure({ timeout: 90_000 });

  test("reads well at 375 px, with contents that work by keyboard and no axe violations", async ({ page, db }, testInfo) => {
    const id = await seededPaperId(db, SEEDED.waitingList);
    await page.goto(`/papers/${id}`);
    await expect(page.getByRole("heading", { level: 1, name: SEEDED.waitingList })).toBeVisible();
    await expect(page.getByText(/Version 1 · published \d+ \w+ \d{4}/)).toBeVisible();
    await expect(page.getByText(/\d+ min read/)).toBeVisible();
    await expect(page.getByText(/By Red Kite/)).toBeVisible();
    await expectNoAxeViolations(page);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow, "no sideways scrolling").toBeLessThanOrEqual(0);
    const shot = testInfo.outputPath("paper-375px.png");
    await page.screenshot({ path: shot, fullPage: true });
    await testInfo.attach("paper-375px", { path: shot, contentType: "image/png" });

    // The table of contents, by keyboard.
    const contents = page.getByRole("navigation", { name: "Contents" });
    await contents.getByRole("link", { name: "What it costs" }).focus();
    await page.keyboard.press("Enter");
    await expect(page).toHaveURL(/#h-what-it-costs$/);
    await expect(page.getByRole("heading", { level: 2, name: "What it costs" })).toBeInViewport();

    // Footnotes link to their notes and back.
    await page.locator("#paper-body").getByRole("link", { name: "Note 1", exact: true }).click();
    await expect(page).toHaveURL(/#fn-1$/);
  });

  test("shows earlier versions and what changed between them", async ({ page, db }) => {
    const id = await seededPaperId(db, SEEDED.schoolFunding);
    await page.goto(`/papers/${id}`);
    await page.getByRole("link", { name: /Version 2 · published/ }).click();
    await expect(page.getByRole("heading", { level: 1, name: /Versions of/ })).toBeVisible();
    await page.getByRole("link", { name: "Version 2" }).click();
    await expect(page.getByRole("heading", { name: "Changes from version 1" })).toBeVisible();
    await expect(page.locator("ins").first()).toContainText(/added/);
    await expectNoAxeViolations(page);
  });
});

test("a moderator hides a paper with a reason and a member sees the placeholder", async ({ browser, db }) => {
  const paper = await makePublishedPaper(db, { title: `A paper to hide ${Date.now()}` });
  const moderator = await browser.newContext({ storageState: STORAGE.moderator });
  const modPage = await moderator.newPage();
  await modPage.goto(`/papers/${paper.id}`);
  await modPage.getByRole("button", { name: "Hide paper" }).click();
  const dialog = modPage.getByRole("dialog");
  await expect(dialog).toBeVisible();
  await dialog.getByRole("button", { name: "Hide paper" }).click();
  await expect(dialog.getByText("Give a reason of at least 5 characters.")).toBeVisible();
  await dialog.getByLabel("Reason").fill("Names a private individual without consent.");
  await dialog.getByRole("button", { name: "Hide paper" }).click();
  await expect(modPage.getByText("Hidden by a moderator")).toBeVisible();
  await expect(modPage.getByRole("button", { name: "Restore paper" })).toBeVisible();
  await moderator.close();

  const member = await browser.newContext({ storageState: STORAGE.member });
  const memberPage = await member.newPage();
  await memberPage.goto(`/papers/${paper.id}`);
  await expect(memberPage.getByText("This paper was hidden by a moderator")).toBeVisible();
  await expect(memberPage.getByText("Reason: Names a private individual without consent.")).toBeVisible();
  await expect(memberPage.getByText("A paper made for a test.")).toHaveCount(0);
  await member.close();
});
