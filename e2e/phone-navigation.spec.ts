import { expect, expectNoAxeViolations, STORAGE, test } from "./fixtures";

const phone = { viewport: { width: 375, height: 812 }, isMobile: true, hasTouch: true };

test.describe("at 375 px", () => {
  test.use(phone);

  test("a visitor opens the menu, finds every link, and Escape closes it with focus back on the button", async ({ page }) => {
    await page.goto("/");
    const nav = page.getByRole("navigation", { name: "Main" });
    const menu = nav.getByRole("button", { name: "Menu" });
    await expect(menu).toHaveAttribute("aria-expanded", "false");
    await expect(nav.getByRole("link", { name: "Facts" })).toBeHidden();
    // The header is one line: the name and the button.
    const header = await page.getByRole("banner").boundingBox();
    expect(header!.height).toBeLessThan(80);

    await menu.click();
    await expect(menu).toHaveAttribute("aria-expanded", "true");
    for (const name of ["Themes", "Facts", "Moderation log", "Governance", "Directory", "Sign in", "Join"]) await expect(nav.getByRole("link", { name, exact: true })).toBeVisible();
    await expectNoAxeViolations(page);
    expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth), "no sideways scrolling").toBeLessThanOrEqual(0);

    await nav.getByRole("link", { name: "Facts" }).focus();
    await page.keyboard.press("Escape");
    await expect(menu).toHaveAttribute("aria-expanded", "false");
    await expect(menu).toBeFocused();
    await expect(nav.getByRole("link", { name: "Facts" })).toBeHidden();
  });

  test("works from the keyboard alone: open, Tab into the links, follow one, and the menu closes on the new page", async ({ page }) => {
    await page.goto("/");
    const nav = page.getByRole("navigation", { name: "Main" });
    const menu = nav.getByRole("button", { name: "Menu" });
    await menu.focus();
    await page.keyboard.press("Enter");
    await expect(menu).toHaveAttribute("aria-expanded", "true");
    await page.keyboard.press("Tab");
    await expect(nav.getByRole("link", { name: "Themes" })).toBeFocused();
    await page.keyboard.press("Tab");
    await expect(nav.getByRole("link", { name: "Facts" })).toBeFocused();
    await page.keyboard.press("Enter");
    await expect(page).toHaveURL(/\/facts$/);
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    await expect(menu).toHaveAttribute("aria-expanded", "false");
    await expect(nav.getByRole("link", { name: "Themes" })).toBeHidden();
  });

  test.describe("a member", () => {
    test.use({ storageState: STORAGE.member });
    test("finds the bell, their papers, settings and sign out in the menu", async ({ page }) => {
      await page.goto("/");
      const nav = page.getByRole("navigation", { name: "Main" });
      await nav.getByRole("button", { name: "Menu" }).click();
      await expect(nav.getByRole("link", { name: /^Notifications, / })).toBeVisible();
      await expect(nav.getByRole("link", { name: "My papers" })).toBeVisible();
      await expect(nav.getByRole("link", { name: /^Settings for / })).toBeVisible();
      await expect(nav.getByRole("button", { name: "Sign out" })).toBeVisible();
      await expectNoAxeViolations(page);
      // A tap outside closes it (the open menu covers the top of the page, so tap below it).
      const menuBox = await nav.getByRole("button", { name: "Sign out" }).boundingBox();
      await page.mouse.click(200, Math.min(menuBox!.y + menuBox!.height + 40, 800));
      await expect(nav.getByRole("button", { name: "Menu" })).toHaveAttribute("aria-expanded", "false");
    });
  });
});

test("on a wide screen there is no menu button: the links sit in the header", async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto("/");
  const nav = page.getByRole("navigation", { name: "Main" });
  await expect(nav.getByRole("button", { name: "Menu" })).toBeHidden();
  await expect(nav.getByRole("link", { name: "Facts" })).toBeVisible();
});

test("a phone can add the site to its home screen: manifest, icons, and robots.txt keeping private areas out", async ({ page, request }) => {
  await page.goto("/");
  const manifestHref = await page.locator('link[rel="manifest"]').getAttribute("href");
  expect(manifestHref).toBe("/manifest.webmanifest");
  await expect(page.locator('link[rel="apple-touch-icon"]')).toHaveCount(1);
  const manifest = (await (await request.get(manifestHref!)).json()) as { name: string; start_url: string; display: string; icons: { src: string; sizes: string; purpose: string }[] };
  expect(manifest).toMatchObject({ name: "Commonplace", start_url: "/", display: "standalone" });
  expect(manifest.icons.map((i) => `${i.sizes} ${i.purpose}`)).toEqual(["192x192 any", "512x512 any", "512x512 maskable"]);
  for (const icon of manifest.icons) {
    const res = await request.get(icon.src);
    expect(res.status()).toBe(200);
    expect(res.headers()["content-type"]).toBe("image/png");
  }
  const robots = await (await request.get("/robots.txt")).text();
  for (const path of ["/admin", "/settings", "/notifications", "/outbox", "/council"]) expect(robots).toContain(`Disallow: ${path}`);
  expect(robots).not.toMatch(/^Disallow: \/$/m);
});
