// @ts-check
/**
 * The one Content-Security-Policy of the site, in two forms:
 *  - per request with a nonce (proxy.ts), for pages rendered for one viewer;
 *  - with the SHA-256 hashes of a cached page's own inline scripts (lib/cache/cache-handler.mjs),
 *    for the pages every visitor shares, which cannot carry a per-request nonce.
 * Both keep script-src strict: no 'unsafe-inline' for scripts, ever. Plain JavaScript because the
 * cache handler is loaded by Node at run time, outside the app's TypeScript build.
 */
import { createHash } from "node:crypto";

/** @param {{ scriptSources: string[], dev?: boolean, collab?: string }} opts */
export function contentSecurityPolicy({ scriptSources, dev = false, collab = "" }) {
  return [
    "default-src 'self'",
    `script-src 'self' ${scriptSources.join(" ")}${dev ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    `connect-src 'self'${dev ? " ws: wss:" : ""}${collab ? ` ${collab}` : ""}`,
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
}

/** The websocket address browsers use for co-editing; read at run time, like proxy.ts did. */
export const collabOrigin = () => process.env.COLLAB_URL || process.env.NEXT_PUBLIC_COLLAB_URL || "";

/** A request's policy: Next reads the nonce from this header and puts it on its own scripts. */
/** @param {string} nonce */
export function noncePolicy(nonce) {
  return contentSecurityPolicy({ scriptSources: [`'nonce-${nonce}'`, "'strict-dynamic'"], dev: process.env.NODE_ENV === "development", collab: collabOrigin() });
}

const INLINE_SCRIPT = /<script\b([^>]*)>([\s\S]*?)<\/script>/gi;

/** 'sha256-…' sources for every inline script of a finished HTML document (scripts with src are covered by 'self'). */
/** @param {string} html */
export function inlineScriptHashes(html) {
  const hashes = new Set();
  for (const m of html.matchAll(INLINE_SCRIPT)) {
    const attrs = m[1] ?? "";
    if (/\bsrc\s*=/i.test(attrs)) continue;
    const type = /\btype\s*=\s*["']?([^"'\s>]+)/i.exec(attrs)?.[1]?.toLowerCase();
    // Data blocks (JSON-LD and the like) are never executed, so CSP does not apply to them.
    if (type && type !== "module" && type !== "text/javascript" && type !== "application/javascript") continue;
    hashes.add(`'sha256-${createHash("sha256").update(m[2] ?? "", "utf8").digest("base64")}'`);
  }
  return [...hashes];
}

/** The policy of a cached page: its inline scripts by hash, nothing else inline. */
/** @param {string} html */
export function hashPolicy(html) {
  return contentSecurityPolicy({ scriptSources: inlineScriptHashes(html), dev: process.env.NODE_ENV === "development", collab: collabOrigin() });
}
