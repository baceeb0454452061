import { RateLimiterPostgres, RateLimiterRes } from "rate-limiter-flexible";
import { getPool } from "@/db";
import { AppError } from "@/lib/errors";

/**
 * Posting comments is limited per member (10 a minute, 100 an hour): enough for a lively
 * exchange, too few for a flood. Stored in PostgreSQL like the sign-in throttles, so the limit
 * holds across server processes.
 */
const WINDOWS = [
  { keyPrefix: "comment-minute", points: 10, duration: 60 },
  { keyPrefix: "comment-hour", points: 100, duration: 3600 },
] as const;

let limiters: RateLimiterPostgres[] | undefined;
function all(): RateLimiterPostgres[] {
  limiters ??= WINDOWS.map(
    (w) =>
      new RateLimiterPostgres({
        storeClient: getPool(),
        storeType: "pool",
        tableName: "rate_limits",
        tableCreated: true,
        clearExpiredByTimeout: false,
        keyPrefix: w.keyPrefix,
        points: w.points,
        duration: w.duration,
      }),
  );
  return limiters;
}

/** Takes one posting point from the member; throws rate_limited with the wait when they are out. */
export async function consumeCommentPoint(memberId: string): Promise<void> {
  for (const limiter of all()) {
    try {
      await limiter.consume(memberId);
    } catch (e) {
      if (e instanceof RateLimiterRes) {
        const seconds = Math.max(1, Math.ceil(e.msBeforeNext / 1000));
        throw new AppError("rate_limited:comment", `You are posting too quickly. Please wait ${seconds} second${seconds === 1 ? "" : "s"} and post again: your text is kept.`);
      }
      throw e;
    }
  }
}

export async function resetCommentLimit(memberId: string): Promise<void> {
  for (const limiter of all()) await limiter.delete(memberId);
}
