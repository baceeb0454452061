/**
 * `npm start`: serves a production build (`npm run build` first) against DATABASE_URL,
 * applying migrations first. Secrets come from the environment.
 */
import { spawn } from "node:child_process";
import { migrateDatabase } from "@/db/migrate";
import { bin, onShutdown } from "./lib/processes";

const url = process.env.DATABASE_URL;
if (!url || !process.env.AUTH_SECRET || !process.env.MEMBERSHIP_HMAC_KEY) {
  console.error("npm start needs DATABASE_URL, AUTH_SECRET and MEMBERSHIP_HMAC_KEY. For a local try, use npm run dev.");
  process.exit(1);
}
await migrateDatabase(url);
const web = spawn(bin("next"), ["start", "--port", process.env.PORT ?? "3000"], { stdio: "inherit" });
web.on("exit", (code) => process.exit(code ?? 0));
onShutdown(() => [web], async () => {});
