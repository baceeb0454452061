/** The sidecar's plain HTTP endpoints: GET /health for the process manager, GET /debug/stats for benchmarks. */
import type http from "node:http";
import type { CollabStats } from "./stats";

export interface HttpRoutesDeps {
  closing(): boolean;
  counts(): { documents: number; connections: number };
  /** Null when debug stats are off. */
  stats: (() => CollabStats) | null;
}

export function handleHttpRequest(deps: HttpRoutesDeps, req: http.IncomingMessage, res: http.ServerResponse): void {
  const path = (req.url ?? "/").split("?")[0];
  if (req.method === "GET" && path === "/health") {
    const closing = deps.closing();
    res.writeHead(closing ? 503 : 200, { "Content-Type": "application/json", "Cache-Control": "no-store" });
    res.end(JSON.stringify({ ok: !closing, ...deps.counts() }));
    return;
  }
  if (deps.stats && req.method === "GET" && path === "/debug/stats") {
    const gc = (globalThis as { gc?: () => void }).gc;
    if (new URL(req.url ?? "/", "http://x").searchParams.has("gc")) gc?.();
    res.writeHead(200, { "Content-Type": "application/json" });
    res.end(JSON.stringify(deps.stats()));
    return;
  }
  res.writeHead(404, { "Content-Type": "text/plain" });
  res.end("Not found");
}
