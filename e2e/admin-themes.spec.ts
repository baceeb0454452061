import { expect, STORAGE, test } from "./fixtures";

test.use({ storageState: STORAGE.admin });

test("an admin creates a theme and it appears on the home page", async ({ page }) => {
  const slug = `housing-${Date.now().toString(36)}`;
  await page.goto("/admin/themes");
  await page.getByRole("link", { name: "New theme" }).click();
  await page.getByLabel("Title").fill("Housing and cities");
  await page.getByLabel("Address").fill(slug);
  await page.getByLabel("Description").fill("Homes people can afford, and cities that work.");
  await page.getByRole("button", { name: "Create theme" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Theme created" })).toBeVisible();

  await page.goto("/");
  await page.getByRole("link", { name: /Housing and cities/ }).click();
  await expect(page).toHaveURL(new RegExp(`/themes/${slug}$`));
  await expect(page.getByRole("heading", { level: 1, name: "Housing and cities" })).toBeVisible();
  await expect(page.getByText("No papers on this theme yet")).toBeVisible();

  await page.goto("/moderation-log?kind=theme");
  await expect(page.getByRole("listitem").filter({ hasText: "Created a theme" }).filter({ hasText: "Housing and cities" }).first()).toBeVisible();
});

test("a bad theme address is refused next to its field and the form keeps what was typed", async ({ page, makeTheme }) => {
  const taken = await makeTheme();
  await page.goto("/admin/themes/new");
  await page.getByLabel("Title").fill("Keep me");
  await page.getByLabel("Address").fill("Not A Slug!");
  await page.getByRole("button", { name: "Create theme" }).click();
  await expect(page.getByLabel("Address")).toHaveAccessibleDescription(/Use lower-case letters, digits and single dashes/);
  await expect(page.getByLabel("Title")).toHaveValue("Keep me");
  await expect(page.getByLabel("Address")).toHaveValue("Not A Slug!");

  await page.getByLabel("Address").fill(taken.slug);
  await page.getByRole("button", { name: "Create theme" }).click();
  await expect(page.getByLabel("Address")).toHaveAccessibleDescription(/Another theme already uses this address/);
});

test("an admin reorders and archives a theme, confirming first", async ({ page, makeTheme }) => {
  const theme = await makeTheme({ title: `Archivable ${Date.now().toString(36)}`, position: 999_999 });
  const neighbour = await makeTheme({ title: `Staying ${Date.now().toString(36)}`, position: 999_998 });
  await page.goto("/admin/themes");
  const row = page.getByRole("listitem").filter({ hasText: theme.title });
  await row.getByRole("button", { name: `Move ${theme.title} up` }).click();
  await expect(row.getByRole("button", { name: `Move ${theme.title} down` })).toBeEnabled();

  await row.getByRole("button", { name: "Archive" }).click();
  const dialog = page.getByRole("dialog", { name: `Archive “${theme.title}”?` });
  await dialog.getByRole("button", { name: "Cancel" }).click();
  await expect(dialog).toBeHidden();
  await row.getByRole("button", { name: "Archive" }).click();
  await dialog.getByLabel("Reason, for the moderation log").fill("Folded into another theme");
  await dialog.getByRole("button", { name: "Archive theme" }).click();
  await expect(row).toContainText("archived");

  // The home page, really (its heading and the theme next to the archived one), without the archived theme.
  expect((await page.goto("/"))?.status()).toBe(200);
  await expect(page.getByRole("heading", { level: 1, name: "Turn argument into shared policy" })).toBeVisible();
  await expect(page.getByRole("link", { name: new RegExp(neighbour.title) }).first()).toBeVisible();
  await expect(page.getByRole("link", { name: new RegExp(theme.title) })).toHaveCount(0);
});
