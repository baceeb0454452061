/**
 * Short-lived tokens the web app issues and the sidecar checks on the HTTP upgrade. A token names
 * the member, one document and the mode the rules allowed when it was issued; the sidecar still
 * re-reads the member's standing from the database, so the token is a door pass, not a right.
 */
import { hkdfSync } from "node:crypto";
import { SignJWT, errors, jwtVerify } from "jose";
import { parseDocName, type CollabMode } from "./protocol";

export const TOKEN_TTL_SECONDS = 60;
const ISSUER = "commonplace";
const AUDIENCE = "commonplace-collab";

export interface CollabClaims {
  sub: string;
  doc: string;
  mode: CollabMode;
}

let cached: { source: string; key: Uint8Array } | undefined;
/** COLLAB_SECRET when set, else a key derived from AUTH_SECRET so that it is never the session key itself. */
function signingKey(): Uint8Array {
  const explicit = process.env.COLLAB_SECRET;
  const auth = process.env.AUTH_SECRET;
  const source = explicit || auth;
  if (!source || source.length < 32) throw new Error("COLLAB_SECRET or AUTH_SECRET must be set to at least 32 characters.");
  if (cached?.source === source) return cached.key;
  const key = explicit
    ? new TextEncoder().encode(explicit)
    : new Uint8Array(hkdfSync("sha256", source, "commonplace", "collab-token-v1", 32));
  cached = { source, key };
  return key;
}

export async function signCollabToken(claims: CollabClaims, ttlSeconds = TOKEN_TTL_SECONDS): Promise<string> {
  return new SignJWT({ doc: claims.doc, mode: claims.mode })
    .setProtectedHeader({ alg: "HS256" })
    .setSubject(claims.sub)
    .setIssuer(ISSUER)
    .setAudience(AUDIENCE)
    .setIssuedAt()
    .setExpirationTime(Math.floor(Date.now() / 1000) + ttlSeconds)
    .sign(signingKey());
}

export type TokenCheck = { ok: true; claims: CollabClaims } | { ok: false; reason: "expired" | "invalid" };

export async function verifyCollabToken(token: string): Promise<TokenCheck> {
  try {
    const { payload } = await jwtVerify(token, signingKey(), { algorithms: ["HS256"], issuer: ISSUER, audience: AUDIENCE });
    const { sub, doc, mode } = payload;
    if (typeof sub !== "string" || typeof doc !== "string" || !parseDocName(doc) || (mode !== "read" && mode !== "write")) {
      return { ok: false, reason: "invalid" };
    }
    return { ok: true, claims: { sub, doc, mode } };
  } catch (e) {
    return { ok: false, reason: e instanceof errors.JWTExpired ? "expired" : "invalid" };
  }
}
