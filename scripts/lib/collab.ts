import { spawn, type ChildProcess } from "node:child_process";

/**
 * Where the sidecar listens and how the web app names it to browsers. Set COLLAB_URL when the
 * public address differs (behind a proxy: wss://collab.example.org).
 */
export function collabEnv(webPort: string): Record<string, string> {
  const collabPort = process.env.COLLAB_PORT ?? "1234";
  return {
    COLLAB_PORT: collabPort,
    COLLAB_URL: process.env.COLLAB_URL ?? `ws://localhost:${collabPort}`,
    COLLAB_ALLOWED_ORIGINS:
      process.env.COLLAB_ALLOWED_ORIGINS ??
      [`http://localhost:${webPort}`, `http://127.0.0.1:${webPort}`, ...(process.env.SITE_URL ? [new URL(process.env.SITE_URL).origin] : [])].join(","),
  };
}

/** The sidecar in one node process (tsx as a loader), so a signal reaches it and not a wrapper. */
export function spawnSidecar(env: NodeJS.ProcessEnv): ChildProcess {
  return spawn(process.execPath, ["--import", "tsx", "collab/main.ts"], { stdio: "inherit", env });
}
