import { chromium } from "@playwright/test";
const [,, url, out, w = "375", login] = process.argv;
const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--no-sandbox", "--disable-gpu"] });
const page = await browser.newPage({ viewport: { width: Number(w), height: 900 } });
if (login) {
  await page.goto("http://localhost:3205/sign-in");
  await page.getByLabel("E-mail").fill(login);
  await page.getByLabel("Password").fill("commonplace-demo");
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForTimeout(1500);
}
const res = await page.goto(url, { waitUntil: "networkidle" });
console.log(res.status());
await page.screenshot({ path: out, fullPage: true });
await browser.close();
