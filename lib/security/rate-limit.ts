import { RateLimiterPostgres, RateLimiterRes } from "rate-limiter-flexible";
import { getPool } from "@/db";
import { AppError } from "@/lib/errors";

/**
 * Write and sign-in throttles, stored in PostgreSQL so they hold across processes and restarts.
 * The limits follow common practice: about five sign-in attempts a minute per account.
 */
const LIMITS = {
  signInIp: { points: 20, duration: 60 },
  signInAccount: { points: 5, duration: 60 },
  signUpIp: { points: 5, duration: 600 },
  passwordResetIp: { points: 5, duration: 600 },
  passwordResetAccount: { points: 3, duration: 600 },
  claimMembership: { points: 5, duration: 600 },
  write: { points: 60, duration: 60 },
} as const;
export type LimitName = keyof typeof LIMITS;

const PER_NETWORK: ReadonlySet<LimitName> = new Set(["signInIp", "signUpIp", "passwordResetIp"]);
/**
 * Test runs send every request from 127.0.0.1, so they may widen the per-network buckets
 * (RATE_LIMIT_IP_MULTIPLIER); per-account and per-member limits always stay as set.
 */
function pointsFor(name: LimitName): number {
  const multiplier = PER_NETWORK.has(name) ? Number(process.env.RATE_LIMIT_IP_MULTIPLIER ?? 1) || 1 : 1;
  return LIMITS[name].points * multiplier;
}

const limiters = new Map<LimitName, RateLimiterPostgres>();
function limiter(name: LimitName): RateLimiterPostgres {
  let l = limiters.get(name);
  if (!l) {
    l = new RateLimiterPostgres({
      storeClient: getPool(),
      storeType: "pool",
      tableName: "rate_limits",
      tableCreated: true,
      clearExpiredByTimeout: false,
      keyPrefix: name,
      duration: LIMITS[name].duration,
      points: pointsFor(name),
    });
    limiters.set(name, l);
  }
  return l;
}

const MESSAGES: Record<LimitName, string> = {
  signInIp: "Too many sign-in attempts from your network.",
  signInAccount: "Too many sign-in attempts for this account.",
  signUpIp: "Too many new accounts from your network.",
  passwordResetIp: "Too many password reset requests from your network.",
  passwordResetAccount: "Too many password reset requests for this address.",
  claimMembership: "Too many verification attempts.",
  write: "You are posting too quickly.",
};

/** Takes one point from each named bucket; throws a rate_limited error with a wait time when any is empty. */
export async function consume(...buckets: [LimitName, string][]): Promise<void> {
  for (const [name, key] of buckets) {
    try {
      await limiter(name).consume(key);
    } catch (e) {
      if (e instanceof RateLimiterRes) {
        const seconds = Math.max(1, Math.ceil(e.msBeforeNext / 1000));
        throw new AppError(`rate_limited:${name}`, `${MESSAGES[name]} Please wait ${seconds} second${seconds === 1 ? "" : "s"} and try again.`);
      }
      throw e;
    }
  }
}

export async function resetLimit(name: LimitName, key: string): Promise<void> {
  await limiter(name).delete(key);
}
