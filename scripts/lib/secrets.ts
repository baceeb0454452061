import { randomBytes } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";

const NAMES = ["AUTH_SECRET", "MEMBERSHIP_HMAC_KEY", "NEXT_SERVER_ACTIONS_ENCRYPTION_KEY"] as const;
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
      stored[name] = generate(name);
      changed = true;
    }
  }
  if (changed) {
    await mkdir(dataDir, { recursive: true });
    await writeFile(file, JSON.stringify(stored, null, 2), { mode: 0o600 });
  }
  return Object.fromEntries(NAMES.map((n) => [n, process.env[n] || stored[n]!])) as Secrets;
}

/**
 * NEXT_SERVER_ACTIONS_ENCRYPTION_KEY is an AES-256 key (32 bytes, base64) that Next uses to seal
 * server actions' closed-over values; every web instance of one site must share it (and the build).
 */
function generate(name: (typeof NAMES)[number]): string {
  return name === "NEXT_SERVER_ACTIONS_ENCRYPTION_KEY" ? randomBytes(32).toString("base64") : randomBytes(32).toString("base64url");
}

export const randomSecrets = (): Secrets => Object.fromEntries(NAMES.map((n) => [n, generate(n)])) as Secrets;
