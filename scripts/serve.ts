/**
 * The production web server: Next.js's request handler behind a plain Node HTTP server, which
 * `npm start` and the end-to-end tests run instead of `next start`. It exists for one reason:
 * Next.js gives server actions and route handlers the request's headers but not its socket, and
 * the throttles need the address the connection really came from (lib/security/client-ip.ts).
 *
 *   PORT=3000 node --import tsx scripts/serve.ts     (after `npm run build`)
 */
import { createServer } from "node:http";
import { PEER_SERVER_ENV } from "@/lib/security/client-ip";
import { stampPeer } from "./lib/peer";

Object.assign(process.env, { NODE_ENV: "production", [PEER_SERVER_ENV]: "1" });
const port = Number(process.env.PORT ?? 3000);
// Imported once NODE_ENV is set, so React and Next load their production builds.
const { default: next } = await import("next");
const app = next({ dev: false, hostname: "localhost", port });
const handle = app.getRequestHandler();
await app.prepare();

const server = createServer((req, res) => {
  stampPeer(req);
  void handle(req, res);
});
server.listen(port, () => console.log(`Commonplace listening on port ${port}.`));

const stop = () => {
  server.close();
  void app.close().finally(() => process.exit(0));
};
process.on("SIGTERM", stop);
process.on("SIGINT", stop);
