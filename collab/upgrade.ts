/**
 * Everything decided on the HTTP upgrade, before a socket exists: Origin allowlist, a short-lived
 * token for this very document, and the member's current standing and roles from the database.
 */
import type http from "node:http";
import type { Duplex } from "node:stream";
import type { Db } from "@/db";
import { TOKEN_PROTOCOL_PREFIX, parseDocName } from "@/lib/collab/protocol";
import { verifyCollabToken } from "@/lib/collab/token";
import { currentRights } from "./rights";
import type { Grant } from "./types";

export type Refusal = { status: 401 | 403 | 404 | 400; reason: string };

export async function authoriseUpgrade(db: Db, allowedOrigins: Set<string>, req: http.IncomingMessage): Promise<Refusal | Grant> {
  const origin = req.headers.origin;
  if (origin && !allowedOrigins.has(origin)) return { status: 403, reason: "Origin not allowed" };
  const url = new URL(req.url ?? "/", "http://sidecar");
  const doc = decodeURIComponent(url.pathname.slice(1));
  if (!parseDocName(doc)) return { status: 404, reason: "Unknown document" };
  const token = url.searchParams.get("token") ?? tokenFromProtocols(req.headers["sec-websocket-protocol"]);
  if (!token) return { status: 401, reason: "Token required" };
  const check = await verifyCollabToken(token);
  if (!check.ok) return { status: 401, reason: check.reason === "expired" ? "Token expired" : "Invalid token" };
  if (check.claims.doc !== doc) return { status: 403, reason: "Token is for another document" };
  const { mode, name, themeId } = await currentRights(db, check.claims.sub, doc);
  if (!mode) return { status: 403, reason: "Not allowed" };
  // Never more than the token says, never more than the rules allow now.
  return { userId: check.claims.sub, name, doc, themeId, mode: mode === "write" && check.claims.mode === "write" ? "write" : "read" };
}

export function refuseUpgrade(socket: Duplex, { status, reason }: Refusal): void {
  const text = { 400: "Bad Request", 401: "Unauthorized", 403: "Forbidden", 404: "Not Found" }[status];
  if (socket.writable) socket.write(`HTTP/1.1 ${status} ${text}\r\nConnection: close\r\nContent-Type: text/plain\r\nContent-Length: ${Buffer.byteLength(reason)}\r\n\r\n${reason}`);
  socket.destroy();
}

/** A browser cannot set headers on a websocket, so it may carry the token as a subprotocol. */
function tokenFromProtocols(header: string | undefined): string | null {
  if (!header) return null;
  for (const p of header.split(",").map((s) => s.trim())) if (p.startsWith(TOKEN_PROTOCOL_PREFIX)) return p.slice(TOKEN_PROTOCOL_PREFIX.length);
  return null;
}
