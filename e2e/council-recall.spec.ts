import { uniqueSuffix } from "@/lib/testing/factories";
import { editorOf, expectConnected, openAs } from "./fixtures/collab";
import { expect, STORAGE, test } from "./fixtures";
import type { Page } from "@playwright/test";

/**
 * A recall petition against a theme's curator reaches its threshold: the role goes by itself, the
 * curator's open editor drops to read-only without a reload, and their next request no longer
 * carries the role. The threshold is set low through the admin's settings page first.
 */
test.describe.configure({ timeout: 180_000 });

const mainStatus = (page: Page, text: string | RegExp) => page.getByRole("main").getByRole("status").filter({ hasText: text });

test("a petition reaching its threshold removes the role from the next request and the open editor", async ({ browser, makePerson, makeTheme }) => {
  const stamp = uniqueSuffix();
  const theme = await makeTheme({ title: `Recall theme ${stamp}` });
  const curatorPerson = await makePerson({ name: `Cura Recalled ${stamp}`, curates: [theme.id] });
  const [opener, second, third] = [await makePerson(), await makePerson(), await makePerson()];

  const admin = await (await browser.newContext({ storageState: STORAGE.admin })).newPage();
  await admin.goto("/governance/council/settings");
  await admin.getByLabel("Recall: minimum signatures").fill("3");
  await admin.getByLabel("Recall: share of active members (%)").fill("0");
  await admin.getByRole("button", { name: "Save settings" }).click();
  await expect(mainStatus(admin, "Settings saved. The change is in the public log.")).toBeVisible();

  // The curator is co-editing the synthesis.
  const synthesis = `/themes/${theme.slug}/synthesis`;
  const curator = await openAs(browser, curatorPerson, synthesis);
  await expectConnected(curator.page);
  await expect(editorOf(curator.page, "Synthesis text")).toHaveAttribute("contenteditable", "true");

  // A petition with no reason is refused beside its field, and nothing is opened.
  const a = await openAs(browser, opener, "/governance/recall");
  const holder = `${curatorPerson.displayName}: Curator of ${theme.title}`;
  await a.page.getByLabel("Whose role").selectOption({ label: holder });
  await a.page.getByRole("button", { name: "Open the petition" }).click();
  await expect(a.page.getByLabel("Whose role")).toHaveValue(/.+/);
  await expect(a.page.getByRole("main").getByRole("alert")).toBeVisible();
  const petitionName = `Recall ${curatorPerson.displayName} as curator of ${theme.title}`;
  await expect(a.page.getByRole("listitem", { name: petitionName })).toHaveCount(0);

  await a.page.getByLabel("Reason").fill("Rewrote the synthesis to leave out every dissenting Response.");
  await a.page.getByRole("button", { name: "Open the petition" }).click();
  await expect(mainStatus(a.page, "Your petition is open and carries your signature.")).toBeVisible();
  await a.page.reload();
  const petition = a.page.getByRole("listitem", { name: petitionName });
  await expect(petition).toContainText("1 of 3 signatures");
  await expect(petition.getByText("You have signed this petition.")).toBeVisible();

  const b = await openAs(browser, second, "/governance/recall");
  await b.page.getByRole("listitem", { name: petitionName }).getByRole("button", { name: "Sign this petition" }).click();
  await expect(mainStatus(b.page, "You signed the petition")).toContainText("It has 2 of 3 signatures. At 3 the role ends by itself.");
  await expect(b.page.getByRole("listitem", { name: petitionName }).getByText("You have signed this petition.")).toBeVisible();
  // Still a curator: the editor is live.
  await expect(editorOf(curator.page, "Synthesis text")).toHaveAttribute("contenteditable", "true");

  const c = await openAs(browser, third, "/governance/recall");
  await c.page.getByRole("listitem", { name: petitionName }).getByRole("button", { name: "Sign this petition" }).click();
  await expect(mainStatus(c.page, "The petition reached its threshold")).toContainText(
    `With 3 of 3 signatures, ${curatorPerson.displayName} no longer holds the role. The curator role is vacant; it is not refilled automatically.`,
  );

  // The open editor loses the right to write at once, without a reload...
  await expect(editorOf(curator.page, "Synthesis text")).toHaveAttribute("contenteditable", "false", { timeout: 15_000 });
  await expect(curator.page.getByRole("status").filter({ hasText: /^Read only/ })).toBeVisible();
  // ...and the next request no longer carries the role.
  await curator.page.reload();
  await expect(curator.page.getByRole("status").filter({ hasText: "Read only: only the theme’s curators edit the synthesis" })).toBeVisible();
  await expect(editorOf(curator.page, "Synthesis text")).toHaveAttribute("contenteditable", "false");

  // The petition is closed, and the log tells the story without naming the signers.
  await expect(c.page.getByRole("listitem", { name: petitionName })).toContainText("Reached its threshold: the role was removed");
  const visitor = await openAs(browser, null, "/moderation-log?kind=recall");
  await expect(visitor.page.getByRole("listitem").filter({ hasText: "found a recall petition at its threshold" }).first()).toContainText("3 of 3 signatures");
  await expect(visitor.page.getByRole("main")).not.toContainText(second.displayName);
  for (const s of [curator, a, b, c, visitor]) await s.context.close();
  await admin.context().close();
});
