import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { expect, test } from "./fixtures";

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? files(full) : [full];
  });
}

test("no server secret or server-only code reaches the browser bundle", async () => {
  const secrets = [process.env.AUTH_SECRET, process.env.MEMBERSHIP_HMAC_KEY, process.env.DATABASE_URL].filter((s): s is string => !!s);
  expect(secrets).toHaveLength(3);
  const bundle = files(".next/static").filter((f) => f.endsWith(".js"));
  expect(bundle.length).toBeGreaterThan(0);
  for (const file of bundle) {
    const text = readFileSync(file, "utf8");
    for (const secret of secrets) expect(text.includes(secret), `${file} contains a secret`).toBe(false);
    // Tell-tale strings of modules that must stay on the server.
    for (const marker of ["argon2", "membership_roll", "password_hash", "RateLimiterPostgres"]) {
      expect(text.includes(marker), `${file} contains ${marker}`).toBe(false);
    }
  }
});
