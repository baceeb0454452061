import { spawn, type ChildProcess, type SpawnOptions } from "node:child_process";

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
