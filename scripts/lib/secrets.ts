import { randomBytes } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";

const NAMES = ["AUTH_SECRET", "MEMBERSHIP_HMAC_KEY"] as const;
export type Secrets = Record<(typeof NAMES)[number], string>;

/**
 * Secrets for local runs: from the environment when set, else generated once and kept in
 * `.data/secrets.json` (git-ignored). The roll's keyed hashes depend on MEMBERSHIP_HMAC_KEY,
 * so it must stay the same for as long as the database does.
 */
export async function localSecrets(dataDir: string): Promise<Secrets> {
  const file = path.join(dataDir, "secrets.json");
  const stored: Partial<Secrets> = existsSync(file) ? JSON.parse(readFileSync(file, "utf8")) : {};
  let changed = false;
  for (const name of NAMES) {
    if (!stored[name]) {
      stored[name] = randomBytes(32).toString("base64url");
      changed = true;
    }
  }
  if (changed) {
    await mkdir(dataDir, { recursive: true });
    await writeFile(file, JSON.stringify(stored, null, 2), { mode: 0o600 });
  }
  return Object.fromEntries(NAMES.map((n) => [n, process.env[n] || stored[n]!])) as Secrets;
}

export const randomSecrets = (): Secrets => ({
  AUTH_SECRET: randomBytes(32).toString("base64url"),
  MEMBERSHIP_HMAC_KEY: randomBytes(32).toString("base64url"),
});
