import { NextResponse, type NextRequest } from "next/server";
import { noncePolicy } from "@/lib/security/csp.mjs";

/** The shared readers' pages (app/readers), by the public address they answer. */
const UUID = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";
const READERS_PAGES = [new RegExp(`^/papers/${UUID}$`), new RegExp(`^/papers/${UUID}/response$`), new RegExp(`^/facts/${UUID}$`), /^\/themes\/[a-z0-9-]+$/];

/** next-auth's session cookie (possibly split into chunks, `__Secure-` prefixed over HTTPS). */
const hasSession = (request: NextRequest) => request.cookies.getAll().some((c) => /^(__Secure-)?authjs\.session-token(\.\d+)?$/.test(c.name));

/**
 * Where a request is served from. A visitor's plain read of a paper, Response, theme or fact is the
 * same page for everyone: it goes to the cached copy in app/readers. Anything personal (a session),
 * a query (?sort=, ?page=, ?quote=) or a write is rendered for that request in app/(site).
 */
export function readersPath(request: NextRequest): string | null {
  if (request.method !== "GET" && request.method !== "HEAD") return null;
  if (request.nextUrl.search || hasSession(request)) return null;
  const path = request.nextUrl.pathname;
  return READERS_PAGES.some((p) => p.test(path)) ? `/readers${path}` : null;
}

/**
 * Headers only: access is checked next to the data (lib/auth), never here. A page rendered for one
 * request gets a fresh nonce in its Content-Security-Policy; a cached readers' page gets, from the
 * cache handler, the policy listing its own inline scripts by hash (lib/security/csp.mjs), so this
 * sets no policy on it (two policies would both apply and block each other's scripts).
 */
export function proxy(request: NextRequest) {
  // A cached page asked for by its internal address (or by a rewrite Next had to proxy because
  // the host differed): its policy comes with it from the cache.
  if (request.nextUrl.pathname.startsWith("/readers/")) return NextResponse.next();
  const readers = readersPath(request);
  if (readers) {
    const url = request.nextUrl.clone();
    url.pathname = readers;
    return NextResponse.rewrite(url);
  }
  const nonce = Buffer.from(crypto.randomUUID()).toString("base64");
  const csp = noncePolicy(nonce);
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("x-nonce", nonce);
  requestHeaders.set("Content-Security-Policy", csp);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set("Content-Security-Policy", csp);
  return response;
}

export const config = {
  matcher: [{ source: "/((?!_next/static|_next/image|favicon.ico|api/).*)" }],
};
