import { randomBytes } from "node:crypto";
import { SignJWT } from "jose";
import { beforeAll, describe, expect, it } from "vitest";
import { parseDocName } from "./protocol";
import { signCollabToken, verifyCollabToken } from "./token";

const DOC = "response.0b5a3c1e-8f2d-4a6b-9c7e-1d2f3a4b5c6d";

beforeAll(() => {
  process.env.AUTH_SECRET ??= randomBytes(32).toString("base64url");
});

describe("collaboration tokens", () => {
  it("round-trips the member, the document and the mode", async () => {
    const token = await signCollabToken({ sub: "u1", doc: DOC, mode: "write" });
    expect(await verifyCollabToken(token)).toEqual({ ok: true, claims: { sub: "u1", doc: DOC, mode: "write" } });
  });

  it("refuses an expired token", async () => {
    const token = await signCollabToken({ sub: "u1", doc: DOC, mode: "read" }, -1);
    expect(await verifyCollabToken(token)).toEqual({ ok: false, reason: "expired" });
  });

  it("refuses a token signed with another key, or with the session secret itself", async () => {
    const forge = (key: Uint8Array) =>
      new SignJWT({ doc: DOC, mode: "write" }).setProtectedHeader({ alg: "HS256" }).setSubject("u1").setIssuer("commonplace").setAudience("commonplace-collab").setExpirationTime("1m").sign(key);
    expect(await verifyCollabToken(await forge(randomBytes(32)))).toEqual({ ok: false, reason: "invalid" });
    expect(await verifyCollabToken(await forge(new TextEncoder().encode(process.env.AUTH_SECRET)))).toEqual({ ok: false, reason: "invalid" });
  });

  it("refuses unsigned tokens and garbage", async () => {
    const header = Buffer.from(JSON.stringify({ alg: "none" })).toString("base64url");
    const body = Buffer.from(JSON.stringify({ sub: "u1", doc: DOC, mode: "write", iss: "commonplace", aud: "commonplace-collab" })).toString("base64url");
    expect((await verifyCollabToken(`${header}.${body}.`)).ok).toBe(false);
    expect((await verifyCollabToken("not a token")).ok).toBe(false);
  });
});

describe("document names", () => {
  it("accepts response.<uuid> and synthesis.<uuid> only", () => {
    expect(parseDocName(DOC)).toEqual({ kind: "response", id: "0b5a3c1e-8f2d-4a6b-9c7e-1d2f3a4b5c6d" });
    expect(parseDocName("synthesis.0B5A3C1E-8F2D-4A6B-9C7E-1D2F3A4B5C6D")?.kind).toBe("synthesis");
    for (const bad of ["paper.0b5a3c1e-8f2d-4a6b-9c7e-1d2f3a4b5c6d", "response.x", "response.0b5a3c1e-8f2d-4a6b-9c7e-1d2f3a4b5c6d/..", ""]) expect(parseDocName(bad)).toBeNull();
  });
});
