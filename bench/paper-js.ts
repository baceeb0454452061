/**
 * Prints the first-load JavaScript of a paper's reading page: every script the browser fetches
 * while loading it, gzip-compressed (level 9, as a CDN would serve it), summed. Also checks that
 * no editor code (Tiptap, ProseMirror) is among them.
 *
 *   BASE_URL=http://localhost:3201 PAPER_PATH=/papers/<id> npx tsx bench/paper-js.ts
 *
 * Run against a production build (`next build` then `next start`); dev bundles are far larger.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { chromium } from "@playwright/test";

const base = process.env.BASE_URL ?? "http://localhost:3000";
const paths = (process.env.PAPER_PATH ?? "/").split(",");
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-quic"],
});

for (const route of paths) {
  const page = await browser.newPage({ viewport: { width: 375, height: 812 } });
  const scripts = new Set<string>();
  page.on("request", (req) => {
    if (req.resourceType() === "script") scripts.add(req.url());
  });
  await page.goto(`${base}${route}`, { waitUntil: "networkidle" });
  let raw = 0;
  let gzip = 0;
  const editorChunks: string[] = [];
  const rows: string[] = [];
  for (const url of scripts) {
    const { pathname } = new URL(url);
    const file = pathname.startsWith("/_next/static/") ? path.join(".next/static", pathname.slice("/_next/static/".length)) : null;
    const body = file ? readFileSync(decodeURIComponent(file)) : Buffer.from(await (await fetch(url)).arrayBuffer());
    const z = gzipSync(body, { level: 9 }).length;
    raw += body.length;
    gzip += z;
    const text = body.toString("utf8");
    if (/@tiptap|prosemirror|ProseMirror/.test(text)) editorChunks.push(pathname);
    rows.push(`  ${(z / 1024).toFixed(1).padStart(7)} kB  ${pathname}`);
  }
  console.log(`${route}: ${scripts.size} scripts, ${(raw / 1024).toFixed(1)} kB raw, ${(gzip / 1024).toFixed(1)} kB gzip`);
  console.log(rows.sort().reverse().join("\n"));
  console.log(editorChunks.length ? `  editor code loaded: ${editorChunks.join(", ")}` : "  no editor code (Tiptap/ProseMirror) loaded");
  await page.close();
}
await browser.close();
