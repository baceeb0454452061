import { eq } from "drizzle-orm";
import { outbox } from "@/db/schema";
import { expect, signIn, STORAGE, test } from "./fixtures";

test("a member resets a forgotten password through the e-mailed link", async ({ page, browser, makePerson }) => {
  const person = await makePerson();
  await page.goto("/sign-in");
  await page.getByRole("link", { name: "Forgot your password?" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Forgot your password" })).toBeVisible();
  await page.getByLabel("E-mail").fill(person.email);
  await page.getByRole("button", { name: "Send me a reset link" }).click();
  await expect(page.getByRole("main").getByRole("status")).toContainText("If an account uses that address");

  // With no SMTP configured, the message waits in the outbox, which admins can read.
  const adminContext = await browser.newContext({ storageState: STORAGE.admin });
  const adminPage = await adminContext.newPage();
  await adminPage.goto("/outbox");
  const message = adminPage.getByRole("article", { name: `Reset your Commonplace password to ${person.email}` });
  const link = (await message.textContent())!.match(/https?:\/\/\S+\/reset-password\/[\w-]+/)![0];
  await adminContext.close();

  await page.goto(new URL(link).pathname);
  await page.getByLabel("New password", { exact: true }).fill("my new password 2026");
  await page.getByLabel("New password again").fill("my new password 2026");
  await page.getByRole("button", { name: "Set new password" }).click();
  await expect(page.getByText("Your password was changed")).toBeVisible();
  await signIn(page, person.email, "my new password 2026");

  await page.goto(new URL(link).pathname);
  await expect(page.getByText("This link no longer works")).toBeVisible();
});

// Regression (issue 9): the reset link was built from the request's Origin, which any client sets.
test("a reset link points to SITE_URL whatever Origin and Host the request claims", async ({ page, makePerson, db, baseURL }) => {
  const person = await makePerson();
  await page.goto("/forgot-password");
  await expect(page.getByRole("heading", { level: 1, name: "Forgot your password" })).toBeVisible();
  let forged = 0;
  await page.route("**/forgot-password", async (route) => {
    if (route.request().method() !== "POST") return route.continue();
    forged++;
    // Sent from Playwright's own HTTP client (a browser will not forge Origin), as any script could.
    const response = await route.fetch({ headers: { ...route.request().headers(), origin: "http://attacker.example", "x-forwarded-host": "attacker.example" } });
    await route.fulfill({ response });
  });
  await page.getByLabel("E-mail").fill(person.email);
  await page.getByRole("button", { name: "Send me a reset link" }).click();
  await expect(page.getByRole("main").getByRole("status")).toContainText("If an account uses that address");
  expect(forged).toBe(1);
  const mails = await db.select({ text: outbox.text }).from(outbox).where(eq(outbox.to, person.email));
  expect(mails).toHaveLength(1);
  const link = mails[0]!.text.match(/https?:\/\/\S+\/reset-password\/[\w-]+/)![0];
  expect(new URL(link).origin).toBe(new URL(baseURL!).origin);
  expect(mails[0]!.text).not.toContain("attacker.example");
});

test("sign-in says the same for a wrong password and an unknown account, then throttles the account", async ({ page, makePerson }) => {
  const person = await makePerson();
  const attempt = async (email: string, password: string) => {
    await page.goto("/sign-in");
    await page.getByLabel("E-mail").fill(email);
    await page.getByLabel("Password").fill(password);
    await page.getByRole("button", { name: "Sign in" }).click();
    return page.getByRole("main").getByRole("alert");
  };
  await expect(await attempt(`nobody-${Date.now()}@example.test`, "whatever-password")).toHaveText("That e-mail and password do not match an account.");
  for (let i = 0; i < 5; i++) {
    await expect(await attempt(person.email, "wrong-password")).toHaveText("That e-mail and password do not match an account.");
    await expect(page.getByLabel("E-mail")).toHaveValue(person.email);
  }
  await expect(await attempt(person.email, person.password)).toContainText(/Too many sign-in attempts for this account\. Please wait \d+ seconds?/);
});

test("people outside an area are turned away by the data layer, not just hidden links", async ({ browser, makePerson }) => {
  const context = await browser.newContext({ storageState: STORAGE.member });
  const page = await context.newPage();
  for (const path of ["/admin", "/admin/themes", "/admin/roll", "/admin/members", "/outbox"]) {
    const response = await page.goto(path);
    expect(response?.status(), path).toBe(403);
    await expect(page.getByRole("heading", { level: 1, name: "Not open to you" })).toBeVisible();
  }
  await context.close();
  const registered = await makePerson({ standing: "registered" });
  const page2 = await browser.newPage();
  await signIn(page2, registered.email, registered.password);
  expect((await page2.goto("/admin/members"))?.status()).toBe(403);
  await expect(page2.getByRole("heading", { level: 1, name: "Verified members only" })).toBeVisible();
  await page2.close();
});
