import { spawn, type ChildProcess, type SpawnOptions } from "node:child_process";
import { readFileSync } from "node:fs";

/** Runs a command to completion, streaming its output, and resolves with its exit code. */
export function run(cmd: string, args: string[], opts: SpawnOptions = {}): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { stdio: "inherit", ...opts });
    child.on("exit", (code, signal) => resolve(code ?? (signal ? 1 : 0)));
    child.on("error", (e) => {
      console.error(`could not start ${cmd}: ${e.message}`);
      resolve(1);
    });
  });
}

export function bin(name: string): string {
  return `node_modules/.bin/${name}`;
}

/** Stops children on Ctrl-C or SIGTERM, then runs the cleanup once. */
export function onShutdown(children: () => ChildProcess[], cleanup: () => Promise<void>): void {
  let stopping = false;
  const stop = async (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    for (const child of children()) if (child.exitCode === null) child.kill(signal);
    await Promise.all(children().map((c) => (c.exitCode === null ? new Promise((r) => c.once("exit", r)) : null)));
    await cleanup();
    process.exit(0);
  };
  process.on("SIGINT", () => void stop("SIGINT"));
  process.on("SIGTERM", () => void stop("SIGTERM"));
}

/** The parent of a process, read from /proc (Linux); null where that is not available. */
function parentOf(pid: number): number | null {
  try {
    // The command name may hold spaces, so read the fields after its closing parenthesis.
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    return Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
  } catch {
    return null;
  }
}

/**
 * npm does not pass a signal on when it is itself killed (a terminal's Ctrl-C reaches the whole
 * process group, a process manager's kill may not). Watch the launcher (`npm`, two levels up
 * through tsx) and stop cleanly when it is gone, so no database is left running.
 */
export function stopWhenLauncherExits(): void {
  const parent = process.ppid;
  const launcher = parentOf(parent);
  if (!launcher || launcher <= 1) return;
  setInterval(() => {
    let alive = process.ppid === parent;
    try {
      process.kill(launcher, 0);
    } catch {
      alive = false;
    }
    if (!alive) process.kill(process.pid, "SIGTERM");
  }, 1000).unref();
}
