/**
 * `npm run build`: one production build for every web instance of the site. It fixes the two
 * things all instances must agree on: the deployment id (NEXT_DEPLOYMENT_ID, else the git commit,
 * else a random one; written to .next/deployment-id, which `npm start` reads) and the server
 * actions key (NEXT_SERVER_ACTIONS_ENCRYPTION_KEY; required in production, generated into
 * .data/secrets.json for a local build).
 */
import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { writeFileSync } from "node:fs";
import path from "node:path";
import { bin, run } from "./lib/processes";
import { localSecrets } from "./lib/secrets";

export function gitDeploymentId(): string {
  try {
    return execFileSync("git", ["rev-parse", "--short=12", "HEAD"], { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim();
  } catch {
    return randomBytes(6).toString("hex");
  }
}

const env = { ...process.env };
if (!env.NEXT_SERVER_ACTIONS_ENCRYPTION_KEY) {
  if (env.NODE_ENV === "production") {
    console.error("NEXT_SERVER_ACTIONS_ENCRYPTION_KEY must be set for a production build (32 random bytes, base64), the same for every instance.");
    process.exit(1);
  }
  env.NEXT_SERVER_ACTIONS_ENCRYPTION_KEY = (await localSecrets(path.resolve(".data"))).NEXT_SERVER_ACTIONS_ENCRYPTION_KEY;
}
env.NEXT_DEPLOYMENT_ID ||= gitDeploymentId();
const code = await run(bin("next"), ["build"], { env });
if (code === 0) writeFileSync(".next/deployment-id", env.NEXT_DEPLOYMENT_ID);
process.exit(code);
