/**
 * Regression (issue 9): the per-network sign-in throttle was keyed on the first X-Forwarded-For
 * entry, so a client rotating that header got 25 of 25 attempts through. Here the requests travel
 * a real socket through the same stamping as scripts/serve.ts, then clientIp and the throttle.
 */
import { request as httpRequest, createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeDb, getDb } from "@/db";
import { isAppError } from "@/lib/errors";
import { verifyCredentials } from "@/lib/members/accounts";
import { stampPeer } from "@/scripts/lib/peer";
import { clientIp, PEER_HEADER, PEER_SERVER_ENV } from "./client-ip";

const db = getDb();
let server: Server;
let port: number;
const saved = { ...process.env };

beforeAll(async () => {
  process.env[PEER_SERVER_ENV] = "1";
  delete process.env.TRUSTED_PROXIES;
  server = createServer((req, res) => {
    stampPeer(req);
    const headers = new Headers(Object.entries(req.headers).map(([k, v]) => [k, String(v)] as [string, string]));
    const email = `nobody-${Math.random().toString(36).slice(2)}@example.test`;
    verifyCredentials(db, { email, password: "a wrong password" }, clientIp(headers)).then(
      () => res.end("signed in"),
      (e: unknown) => res.end(isAppError(e) ? e.kind : "error"),
    );
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  port = (server.address() as AddressInfo).port;
});
afterAll(async () => {
  process.env = { ...saved };
  await new Promise((r) => server.close(r));
  await closeDb();
});

/** One sign-in attempt from a given local address, with the headers a client chose. */
const attempt = (localAddress: string, headers: Record<string, string>) =>
  new Promise<string>((resolve, reject) => {
    const req = httpRequest({ host: "127.0.0.1", port, method: "POST", path: "/sign-in", localAddress, headers }, (res) => {
      let body = "";
      res.on("data", (c: Buffer) => (body += c));
      res.on("end", () => resolve(body));
    });
    req.on("error", reject);
    req.end();
  });

describe("the per-network sign-in throttle", () => {
  it("holds against a client rotating X-Forwarded-For (and forging the peer header)", async () => {
    // A loopback address of its own (Linux routes all of 127/8 locally), so no other test shares its bucket.
    const from = `127.${1 + Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}.${1 + Math.floor(Math.random() * 250)}`;
    const outcomes: string[] = [];
    for (let i = 0; i < 25; i++) {
      outcomes.push(await attempt(from, { "x-forwarded-for": `203.0.113.${i + 1}`, [PEER_HEADER]: `198.51.100.${i + 1}`, "x-real-ip": `192.0.2.${i + 1}` }));
    }
    // Every attempt is a wrong password for an unknown account until the network's 20 a minute run out.
    expect(outcomes.filter((o) => o === "invalid")).toHaveLength(20);
    expect(outcomes.slice(20)).toEqual(Array(5).fill("rate_limited"));
  });
});
