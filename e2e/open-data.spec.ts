import { readFile } from "node:fs/promises";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import tar from "tar-stream";
import { expect, expectNoAxeViolations, STORAGE, test } from "./fixtures";

/** The files of a downloaded bundle, by path. */
async function bundleFiles(file: string): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  const ex = tar.extract();
  ex.on("entry", (h, stream, next) => {
    const chunks: Buffer[] = [];
    stream.on("data", (c: unknown) => chunks.push(c as Buffer));
    stream.on("end", () => {
      out.set(h.name, Buffer.concat(chunks).toString("utf8"));
      next();
    });
  });
  await pipeline(Readable.from(await readFile(file)), ex);
  return out;
}

test.describe("open data", () => {
  test("a visitor downloads the public bundle, made by the job, with nothing private in it", async ({ page }) => {
    await page.goto("/open-data");
    await expect(page.getByRole("heading", { level: 1, name: "Open data" })).toBeVisible();
    // On a new site the page asks the worker for the first bundle; it appears within seconds.
    const download = page.getByRole("link", { name: /Download the public bundle/ });
    await expect(async () => {
      await page.reload();
      await expect(download).toBeVisible({ timeout: 1000 });
    }).toPass({ timeout: 60_000 });
    await expect(page.getByText(/SHA-256/)).toBeVisible();
    const [file] = await Promise.all([page.waitForEvent("download"), download.click()]);
    const files = await bundleFiles(await file.path());
    const manifest = JSON.parse(files.get("manifest.json")!) as { tier: string; files: { path: string }[] };
    expect(manifest.tier).toBe("public");
    expect(files.has("data/papers/paper_versions.ndjson")).toBe(true);
    const data = [...files].filter(([p]) => p.startsWith("data/")).map(([, v]) => v).join("\n");
    expect(data).toContain("A waiting-list plan that patients can see");
    expect(data, "no e-mail addresses").not.toContain("@commonplace.test");
    expect(data, "the pseudonymous member's real name is not there").not.toContain("Max Keller");
    expect(data, "their pseudonym is").toContain("Red Kite");
    await page.getByRole("link", { name: "the format’s documentation" }).click();
    await expect(page.getByRole("heading", { level: 1, name: /bundle format/ })).toBeVisible();
  });

  test.describe("as a member", () => {
    test.use({ storageState: STORAGE.member });
    test("downloads their own data from their settings", async ({ page }) => {
      await page.goto("/settings");
      const [file] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Download my data" }).click()]);
      const files = await bundleFiles(await file.path());
      const manifest = JSON.parse(files.get("manifest.json")!) as { tier: string; member_id: string };
      expect(manifest.tier).toBe("member");
      const people = files.get("data/people/users.ndjson")!.trim().split("\n");
      expect(people).toHaveLength(1);
      expect(JSON.parse(people[0]!)).toMatchObject({ email: "member1@commonplace.test", password_hash: null });
    });
  });

  test.describe("as an admin", () => {
    test.use({ storageState: STORAGE.admin });
    test("downloads the full bundle, the public log records it, and a restore into a site with members is refused", async ({ page }) => {
      await page.goto("/admin/open-data");
      await page.getByLabel("Include password hashes").check();
      await page.getByRole("button", { name: "Download the full bundle" }).click();
      await expect(page.getByText("With password hashes, give a passphrase of at least 12 characters.")).toBeVisible();
      await page.getByLabel("Include password hashes").uncheck();
      const [file] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "Download the full bundle" }).click()]);
      const path = await file.path();
      const files = await bundleFiles(path);
      expect(JSON.parse(files.get("manifest.json")!)).toMatchObject({ tier: "full", includes_secrets: false });

      await page.goto("/moderation-log?kind=open_data");
      await expect(page.getByRole("main")).toContainText("Ada Okafor");

      await page.goto("/admin/open-data");
      await page.getByLabel("Bundle file").setInputFiles(path);
      await page.getByRole("button", { name: "Restore this bundle" }).click();
      const alert = page.getByRole("alert").filter({ hasText: "Nothing was restored" });
      await expect(alert).toContainText(/members besides its admins|not empty/);
      await expect(page.getByRole("heading", { level: 1, name: "Open data" })).toBeVisible();
    });
  });
});

const ROUTES = {
  visitor: ["/open-data", "/open-data/format"],
  member: ["/open-data", "/settings"],
  admin: ["/admin/open-data", "/admin"],
} as const;

test.describe("open data pages at 375 px", () => {
  test.use({ viewport: { width: 375, height: 812 }, isMobile: true, hasTouch: true });
  // /open-data/format documents every field of every table (folded, but in the DOM): axe on it
  // crossed 30 s at load 15.
  test.describe.configure({ timeout: 90_000 });
  for (const [who, routes] of Object.entries(ROUTES)) {
    test.describe(`as ${who}`, () => {
      if (who !== "visitor") test.use({ storageState: STORAGE[who as "admin" | "member"] });
      for (const route of routes) {
        test(`${route} has no axe violations and no sideways scrolling`, async ({ page }) => {
          await page.goto(route);
          await expect(page.getByRole("main")).toBeVisible();
          await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
          await expectNoAxeViolations(page);
          const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
          expect(overflow, "no sideways scrolling").toBeLessThanOrEqual(0);
        });
      }
    });
  }
});
