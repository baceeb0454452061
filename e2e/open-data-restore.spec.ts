/**
 * The promise of the open data: someone else can start the site again where it left off. A fresh
 * demo site (its own database) is exported as a full bundle, restored into an empty database, and
 * both are served by production servers of their own (each from its own copy of the build, with
 * caches apart, so neither can answer from the other's cache). The same pages, as a visitor and
 * as a signed-in member, must come back as the same HTML.
 */
import { createWriteStream } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { randomUUID } from "node:crypto";
import { request as playwrightRequest } from "@playwright/test";
import { sql } from "drizzle-orm";
import { writeBundle } from "@/lib/open-data/export";
import { importBundle } from "@/lib/open-data/import";
import { scratchDatabase, type Scratch } from "@/lib/open-data/testing";
import { startWeb, type WebInstance } from "../scripts/lib/cluster";
import { expect, test } from "./fixtures";

test.describe.configure({ mode: "serial", timeout: 300_000 });

const PASSPHRASE = "restore the site from its open data";
let tmp: string;
let source: Scratch;
let restored: Scratch;
let original: WebInstance;
let copy: WebInstance;

test.beforeAll(async () => {
  test.setTimeout(300_000);
  tmp = await mkdtemp(path.join(os.tmpdir(), "od-restore-"));
  source = await scratchDatabase(undefined, { seed: true });
  const file = path.join(tmp, "site.tar");
  // With the password hashes (encrypted), so members sign in on the restored site as before.
  await writeBundle(source.pool, { tier: "full", includeSecrets: true, passphrase: PASSPHRASE }, createWriteStream(file));
  restored = await scratchDatabase();
  await importBundle(restored.pool, file, { passphrase: PASSPHRASE });
  // Caches apart: a shared Redis prefix or disk would let the copy answer with the original's pages.
  const env = (db: Scratch) => ({ DATABASE_URL: db.url, REDIS_PREFIX: `od-restore-${randomUUID()}:` });
  [original, copy] = await Promise.all([startWeb("original", env(source)), startWeb("restored", env(restored))]);
});

test.afterAll(async () => {
  await Promise.all([original?.stop(), copy?.stop()]);
  await Promise.all([source?.drop(), restored?.drop()]);
  if (tmp) await rm(tmp, { recursive: true, force: true });
});

/** What differs between two servers by design: per-request CSP nonces. */
const normalise = (html: string) => html.replace(/ nonce="[^"]*"/g, "").replace(/"nonce":"[^"]*"/g, "");

async function routes(db: Scratch): Promise<string[]> {
  const q = async <T>(text: string) => (await db.db.execute(sql.raw(text))).rows as T[];
  const themes = await q<{ slug: string }>("select slug from themes where archived_at is null order by position");
  const papers = await q<{ id: string }>("select id from papers where published_version > 0 and hidden_at is null order by id");
  const [fact] = await q<{ id: string }>("select id from facts where status = 'accepted' order by id limit 1");
  return [
    "/",
    ...themes.map((t) => `/themes/${t.slug}`),
    ...papers.map((p) => `/papers/${p.id}`),
    `/papers/${papers[0]!.id}/response`,
    `/themes/${themes[0]!.slug}/synthesis`,
    "/facts",
    `/facts/${fact!.id}`,
    "/moderation-log",
  ];
}

test("the restored site serves the same pages as the original, to visitors", async () => {
  const list = await routes(source);
  const [a, b] = [await playwrightRequest.newContext({ baseURL: original.url }), await playwrightRequest.newContext({ baseURL: copy.url })];
  for (const route of list) {
    const [ra, rb] = await Promise.all([a.get(route), b.get(route)]);
    expect(rb.status(), `${route} status`).toBe(ra.status());
    expect(normalise(await rb.text()), `${route} HTML`).toBe(normalise(await ra.text()));
  }
  await Promise.all([a.dispose(), b.dispose()]);
});

test("the restored site serves the same pages to a signed-in member, who keeps their password", async ({ browser }) => {
  const pages = ["/", "/settings", "/notifications"];
  const html: Record<string, string[]> = {};
  for (const site of [original, copy]) {
    const context = await browser.newContext({ baseURL: site.url });
    const page = await context.newPage();
    await page.goto("/sign-in");
    await page.getByLabel("E-mail").fill("member1@commonplace.test");
    await page.getByLabel("Password").fill("commonplace-demo");
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.getByRole("button", { name: "Sign out" })).toBeVisible();
    for (const route of pages) {
      const res = await page.request.get(route);
      (html[route] ??= []).push(`${res.status()} ${normalise(await res.text())}`);
    }
    await context.close();
  }
  for (const route of pages) expect(html[route]![1], `${route} as a member`).toBe(html[route]![0]);
});
