import { expect, signIn, STORAGE, test } from "./fixtures";

test("a suspended member is shut out of member actions on their next request", async ({ browser, makePerson }) => {
  const person = await makePerson({ name: `Suspendable ${Date.now().toString(36)}` });
  const memberContext = await browser.newContext();
  const memberPage = await memberContext.newPage();
  await signIn(memberPage, person.email, person.password);
  await memberPage.goto("/settings");
  await memberPage.getByLabel("Name", { exact: true }).fill(`${person.displayName} renamed`);

  const modContext = await browser.newContext({ storageState: STORAGE.moderator });
  const modPage = await modContext.newPage();
  await modPage.goto(`/admin/members?q=${encodeURIComponent(person.displayName)}`);
  const entry = modPage.getByRole("listitem", { name: person.displayName });
  await entry.getByRole("button", { name: "Suspend" }).click();
  const dialog = modPage.getByRole("dialog", { name: `Suspend ${person.displayName}?` });
  await dialog.getByRole("button", { name: "Suspend member" }).click();
  await expect(dialog.getByLabel("Reason")).toHaveAccessibleDescription(/Give a reason/);
  await dialog.getByLabel("Reason").fill("Personal attacks after a warning");
  await dialog.getByRole("button", { name: "Suspend member" }).click();
  await expect(dialog).toBeHidden();
  await expect(modPage.getByRole("status").filter({ hasText: "Member suspended" })).toBeVisible();
  await expect(entry).toContainText("Suspended");
  await expect(entry.getByRole("button", { name: "Reinstate" })).toBeVisible();

  // The member's very next request is refused, and what they typed is still there.
  await memberPage.getByRole("button", { name: "Save profile" }).click();
  await expect(memberPage.getByRole("main").getByRole("alert")).toContainText("Your session has ended");
  await expect(memberPage.getByLabel("Name", { exact: true })).toHaveValue(`${person.displayName} renamed`);
  await memberPage.reload();
  await expect(memberPage.getByRole("link", { name: "Sign in" })).toBeVisible();

  // Signing in again shows why, and the profile stays locked.
  await signIn(memberPage, person.email, person.password);
  await expect(memberPage.getByRole("region", { name: "Account suspended" })).toContainText("Personal attacks after a warning");
  await memberPage.goto("/settings");
  await expect(memberPage.getByText("Your account is suspended, so your profile cannot be changed.")).toBeVisible();
  await expect(memberPage.getByRole("button", { name: "Save profile" })).toHaveCount(0);

  await modPage.goto("/moderation-log?kind=member");
  await expect(modPage.getByRole("listitem").filter({ hasText: "Personal attacks after a warning" })).toBeVisible();
  await memberContext.close();
  await modContext.close();
});
