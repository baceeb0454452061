import { spawn, type ChildProcess } from "node:child_process";

/** The job worker in one node process (tsx as a loader), like the sidecar. */
export function spawnWorker(env: NodeJS.ProcessEnv): ChildProcess {
  return spawn(process.execPath, ["--import", "tsx", "scripts/worker.ts"], { stdio: "inherit", env });
}
