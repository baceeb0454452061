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
import type { Page } from "@playwright/test";
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
  // The restored site is the same site started again: same public address (links in feeds and
  // e-mails come from SITE_URL), its own database and caches.
  const env = (db: Scratch) => ({ DATABASE_URL: db.url, REDIS_PREFIX: `od-restore-${randomUUID()}:`, SITE_URL: "https://commonplace.example.org" });
  [original, copy] = await Promise.all([startWeb("original", env(source)), startWeb("restored", env(restored))]);
});

test.afterAll(async () => {
  await Promise.all([original?.stop(), copy?.stop()]);
  await Promise.all([source?.drop(), restored?.drop()]);
  if (tmp) await rm(tmp, { recursive: true, force: true });
});

/**
 * The page as the browser holds it once the response has streamed in: the document without its
 * scripts (the React payload arrives in chunks whose order depends on timing), without what
 * hydration adds, and without the per-request CSP nonce, the one thing two servers must differ in.
 */
async function documentOf(page: Page, route: string): Promise<string> {
  const res = await page.goto(route, { waitUntil: "load" });
  // The layout's footer comes after every streamed boundary: once it is there, the page is whole.
  await page.getByRole("navigation", { name: "Public record" }).waitFor();
  const html = await page.evaluate(() => {
    const doc = document.documentElement.cloneNode(true) as HTMLElement;
    // Scripts, and what they add once hydrated (Next's route announcer), come and go with timing.
    // So do the resource hints the client adds for what it loads later (a lazily loaded part's CSS).
    doc.querySelectorAll("script, next-route-announcer, link[rel=preload], link[rel=modulepreload]").forEach((s) => s.remove());
    return doc.outerHTML;
  });
  return `${res?.status()} ${html.replace(/ nonce="[^"]*"/g, "")}`;
}

async function routes(db: Scratch): Promise<string[]> {
  const q = async <T>(text: string) => (await db.db.execute(sql.raw(text))).rows as T[];
  const themes = await q<{ slug: string; discussion_public: boolean }>("select slug, discussion_public from themes where archived_at is null order by position");
  const papers = await q<{ id: string }>("select id from papers where published_version > 0 and hidden_at is null order by id");
  const [fact] = await q<{ id: string }>("select id from facts where status = 'accepted' order by id limit 1");
  return [
    "/",
    ...themes.map((t) => `/themes/${t.slug}`),
    ...papers.map((p) => `/papers/${p.id}`),
    `/papers/${papers[0]!.id}/response`,
    `/themes/${themes[0]!.slug}/synthesis`,
    // A members-only discussion's map is for members too.
    ...themes.filter((t) => t.discussion_public).map((t) => `/themes/${t.slug}/map`),
    "/facts",
    `/facts/${fact!.id}`,
    "/moderation-log",
  ];
}

test("the restored site serves the same pages as the original, to visitors", async ({ browser }) => {
  const list = await routes(source);
  const [a, b] = await Promise.all([browser.newContext({ baseURL: original.url }), browser.newContext({ baseURL: copy.url })]);
  const [pa, pb] = await Promise.all([a.newPage(), b.newPage()]);
  for (const route of list) {
    const [da, db] = await Promise.all([documentOf(pa, route), documentOf(pb, route)]);
    expect(da, `${route} answers`).toMatch(/^200 /);
    expect(db, `${route} is the same page`).toBe(da);
  }
  await Promise.all([a.close(), b.close()]);
});

test("the restored site serves the same pages to a signed-in member, who keeps their password", async ({ browser }) => {
  // The directory search as a member: the profiles and fields a member may see, as restored.
  const pages = ["/", "/settings", "/notifications", "/directory", "/directory?region=Scotland", "/help", "/themes/strategy/map"];
  const html: Record<string, string[]> = {};
  for (const site of [original, copy]) {
    const context = await browser.newContext({ baseURL: site.url });
    const page = await context.newPage();
    await page.goto("/sign-in");
    await page.getByLabel("E-mail").fill("member1@commonplace.test");
    await page.getByLabel("Password").fill("commonplace-demo");
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.getByRole("button", { name: "Sign out" })).toBeVisible();
    for (const route of pages) (html[route] ??= []).push(await documentOf(page, route));
    await context.close();
  }
  for (const route of pages) {
    expect(html[route]![0], `${route} answers`).toMatch(/^200 /);
    expect(html[route]![1], `${route} as a member`).toBe(html[route]![0]);
  }
});
