import { expect, STORAGE, test } from "./fixtures";

test.use({ storageState: STORAGE.admin });

test("an admin imports a roll with bad rows and sees what was accepted and why the rest was not", async ({ page }) => {
  const n = Date.now().toString().slice(-6);
  const csv = [
    "member_number,postcode,email",
    `E${n}1,SW1A 1AA,`,
    `E${n}2,,e${n}@example.org`,
    `,SW1A 1AA,`,
    `E${n}3,,not-an-email`,
    `E${n}1,M1 1AE,`,
  ].join("\n");
  await page.goto("/admin/roll");
  await page.getByLabel("Roll file (CSV)").setInputFiles({ name: "roll.csv", mimeType: "text/csv", buffer: Buffer.from(csv) });
  await page.getByRole("button", { name: "Import roll" }).click();

  const report = page.getByRole("region", { name: "Import report" });
  await expect(report.getByRole("status")).toContainText("2 rows accepted, 3 rejected, out of 5");
  const table = report.getByRole("table", { name: "Rejected rows" });
  await expect(table.getByRole("row", { name: "4 missing member number" })).toBeVisible();
  await expect(table.getByRole("row", { name: "5 e-mail is not valid" })).toBeVisible();
  await expect(table.getByRole("row", { name: "6 member number repeats line 2" })).toBeVisible();

  await page.goto("/moderation-log?kind=roll");
  await expect(page.getByRole("list", { name: "Log entries, newest first" }).getByRole("listitem").first()).toContainText("2 rows accepted, 3 rejected");
});

test("a file that is not a roll is refused with the reason on the field", async ({ page }) => {
  await page.goto("/admin/roll");
  await page.getByLabel("Roll file (CSV)").setInputFiles({ name: "people.csv", mimeType: "text/csv", buffer: Buffer.from("name,age\nAda,36\n") });
  await page.getByRole("button", { name: "Import roll" }).click();
  await expect(page.getByLabel("Roll file (CSV)")).toHaveAccessibleDescription(/member_number/);
});
