import { expect, test } from "./fixtures";

const fresh = () => `new-${Date.now()}-${Math.floor(Math.random() * 1e6)}@example.test`;

test("a person on the roll signs up and is a verified member at once", async ({ page, makeRollEntry }) => {
  const roll = await makeRollEntry({ postcode: "M1 1AE" });
  await page.goto("/sign-up");
  await page.getByLabel("Name").fill("Nadia Roll");
  await page.getByLabel("E-mail").fill(fresh());
  await page.getByLabel("Password").fill("a sturdy password");
  await page.getByLabel("Member number").fill(roll.memberNumber);
  await page.getByLabel("Postcode").fill("m1 1ae");
  await page.getByRole("button", { name: "Create account" }).click();

  await expect(page.getByRole("heading", { name: "Settings" })).toBeVisible();
  await expect(page.getByText("Your membership is verified")).toBeVisible();
  await expect(page.getByRole("definition").filter({ hasText: /^Member$/ })).toBeVisible();
  await expect(page.getByRole("region", { name: "Membership not verified" })).toHaveCount(0);
});

test("a person not on the roll is registered and told why and how to get verified", async ({ page }) => {
  await page.goto("/sign-up");
  await page.getByLabel("Name").fill("Otto Offroll");
  await page.getByLabel("E-mail").fill(fresh());
  await page.getByLabel("Password").fill("a sturdy password");
  await page.getByLabel("Member number").fill("NOPE12345");
  await page.getByLabel("Postcode").fill("SW1A 1AA");
  await page.getByRole("button", { name: "Create account" }).click();

  const banner = page.getByRole("region", { name: "Membership not verified" });
  await expect(banner).toContainText("We could not match that member number and postcode");
  await expect(banner.getByRole("link", { name: "Verify with your member number" })).toBeVisible();
  await expect(page.getByRole("definition").filter({ hasText: "Registered (not yet verified)" })).toBeVisible();
});

test("a registered person verifies later from settings", async ({ page, makeRollEntry }) => {
  const roll = await makeRollEntry({ postcode: "B33 8TH" });
  await page.goto("/sign-up");
  await page.getByLabel("Name").fill("Vera Later");
  await page.getByLabel("E-mail").fill(fresh());
  await page.getByLabel("Password").fill("a sturdy password");
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByRole("region", { name: "Membership not verified" })).toContainText("not on the membership roll");

  const verify = page.getByRole("region", { name: "Verify your membership" });
  await verify.getByLabel("Member number").fill(roll.memberNumber);
  await verify.getByLabel("Postcode").fill("WRONG1");
  await verify.getByRole("button", { name: "Verify my membership" }).click();
  await expect(verify.getByRole("alert")).toContainText("could not match");
  await expect(verify.getByLabel("Member number")).toHaveValue(roll.memberNumber);

  await verify.getByLabel("Postcode").fill("B33 8TH");
  await verify.getByRole("button", { name: "Verify my membership" }).click();
  await expect(page.getByRole("definition").filter({ hasText: /^Member$/ })).toBeVisible();
  await expect(page.getByRole("region", { name: "Membership not verified" })).toHaveCount(0);
});

test("bad input shows an error next to each field and keeps what was typed", async ({ page }) => {
  await page.goto("/sign-up");
  await page.getByLabel("Name").fill("Kept Name");
  await page.getByLabel("E-mail").fill("not-an-address");
  await page.getByLabel("Password").fill("short");
  await page.getByLabel("Postcode").fill("SW1A 1AA");
  await page.getByRole("button", { name: "Create account" }).click();

  await expect(page.getByRole("main").getByRole("alert")).toContainText("Please correct the fields marked below");
  const email = page.getByLabel("E-mail");
  await expect(email).toHaveAttribute("aria-invalid", "true");
  await expect(email).toHaveAccessibleDescription(/Enter a valid e-mail address/);
  await expect(page.getByLabel("Password")).toHaveAccessibleDescription(/Use at least 10 characters/);
  await expect(page.getByLabel("Member number")).toHaveAccessibleDescription(/Give your member number with your postcode/);
  await expect(page.getByLabel("Name")).toHaveValue("Kept Name");
  await expect(email).toHaveValue("not-an-address");
  await expect(page.getByLabel("Postcode")).toHaveValue("SW1A 1AA");
});

test("an address already in use is refused on its field", async ({ page, makePerson }) => {
  const existing = await makePerson();
  await page.goto("/sign-up");
  await page.getByLabel("Name").fill("Second Try");
  await page.getByLabel("E-mail").fill(existing.email);
  await page.getByLabel("Password").fill("a sturdy password");
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByLabel("E-mail")).toHaveAccessibleDescription(/already exists/);
  await expect(page.getByLabel("Name")).toHaveValue("Second Try");
});
