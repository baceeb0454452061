/**
 * The job worker (`node --import tsx scripts/worker.ts`): started by `npm run dev`, `npm start` and
 * the e2e run next to the web app, with the same DATABASE_URL. Each instance of the site runs one;
 * run more with `npm run worker`. Stops cleanly on SIGINT/SIGTERM (running jobs finish first).
 */
import { closeDb } from "@/db";
import { startWorker } from "@/lib/jobs/worker";

const runner = await startWorker();
console.log(`Job worker running (concurrency ${process.env.WORKER_CONCURRENCY ?? 4}).`);
let stopping = false;
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, async () => {
    if (stopping) return;
    stopping = true;
    await runner.stop();
    await closeDb();
    process.exit(0);
  });
}
await runner.promise;
