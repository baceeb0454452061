// @ts-check
/**
 * Next's cache handler (the `cacheHandler` interface: ISR pages, route handlers, unstable_cache),
 * shared by every web instance through Redis so that a revalidateTag on one clears the page on all.
 * next.config.ts names this file; Node loads it at run time, so it is plain JavaScript.
 *
 *   REDIS_URL     the shared store; unset: one in-process store (a single instance, as in dev)
 *   REDIS_PREFIX  prefix of every key (default "commonplace"), so test runs and sites can share a Redis
 *
 * Redis down: get answers "not cached" at once and set is skipped, so pages are rendered fresh
 * and nothing errors; tag expiries that could not be written are kept and written on reconnect.
 *
 * Pages cached here are the same for every visitor, so they cannot carry a per-request CSP nonce.
 * set() gives each page the policy that allows exactly its own inline scripts, by SHA-256 hash
 * (lib/security/csp.mjs); Next sends the headers stored with an entry, and the entry it is about to
 * send on a miss is the same object, so the first response carries the policy too.
 *
 * Times come from Redis (TIME inside the scripts), so instances whose clocks differ still agree on
 * whether an entry is older than a tag's expiry.
 */
import { Redis } from "ioredis";
import { hashPolicy } from "../security/csp.mjs";

const TAGS_HEADER = "x-next-cache-tags";
/** Entries and tag expiries live this long in Redis (pages also revalidate on their own timer). */
const TTL_SECONDS = 14 * 24 * 3600;
/** The in-process copy of bodies (a store without Redis, a copy of Redis bodies with it). */
const LOCAL_MAX_BYTES = 128 * 1024 * 1024;
/** How long the first requests after start wait for the first connection to Redis. */
const FIRST_CONNECT_WAIT_MS = 1000;

const GET_SCRIPT = `
local lm = redis.call('HGET', KEYS[1], 'lm')
if not lm then return nil end
local lmn = tonumber(lm)
local function expired(tag)
  local t = redis.call('GET', ARGV[1] .. tag)
  return t and tonumber(t) >= lmn
end
local tags = redis.call('HGET', KEYS[1], 'tags')
if tags and tags ~= '' then
  for tag in string.gmatch(tags, '([^,]+)') do
    if expired(tag) then return {lm, 'stale'} end
  end
end
for i = 3, #ARGV do
  if expired(ARGV[i]) then return {lm, 'stale'} end
end
if ARGV[2] == lm then return {lm, 'same'} end
local f = redis.call('HMGET', KEYS[1], 'meta', 'html', 'rsc', 'seg')
return {lm, 'full', f[1] or '', f[2] or '', f[3] or '', f[4] or ''}
`;
const SET_SCRIPT = `
local t = redis.call('TIME')
local now = string.format('%.0f', tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000))
redis.call('DEL', KEYS[1])
redis.call('HSET', KEYS[1], 'lm', now, 'meta', ARGV[1], 'html', ARGV[2], 'rsc', ARGV[3], 'seg', ARGV[4], 'tags', ARGV[5])
redis.call('EXPIRE', KEYS[1], ARGV[6])
return now
`;
const TAG_SCRIPT = `
local t = redis.call('TIME')
local now = string.format('%.0f', tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000))
for i = 3, #ARGV do
  redis.call('SET', ARGV[1] .. ARGV[i], now, 'EX', ARGV[2])
end
return now
`;

/**
 * @typedef {{ lastModified: number, value: any, tags: string[], bytes: number }} LocalEntry
 * @typedef {{ prefix: string, redis: any, local: Map<string, LocalEntry>, localBytes: number, tagTimes: Map<string, number>, pendingTags: Set<string>, warned: boolean, everReady: boolean }} State
 */

const STATE = Symbol.for("commonplace.cache-handler");

/** One connection and one store per process, however many handler objects Next makes. */
function state() {
  const g = /** @type {any} */ (globalThis);
  if (!g[STATE]) g[STATE] = createState(process.env.REDIS_URL, process.env.REDIS_PREFIX);
  return /** @type {State} */ (g[STATE]);
}

/**
 * @param {string | undefined} url
 * @param {string | undefined} prefix
 * @returns {State}
 */
export function createState(url, prefix) {
  /** @type {State} */
  const s = { prefix: `${prefix || "commonplace"}:next:`, redis: null, local: new Map(), localBytes: 0, tagTimes: new Map(), pendingTags: new Set(), warned: false, everReady: false };
  if (!url) return s;
  const redis = new Redis(url, {
    // Fail at once while disconnected instead of queueing: a page is then rendered, not held.
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    connectTimeout: 1000,
    commandTimeout: 1000,
    retryStrategy: (times) => Math.min(times * 250, 2000),
  });
  redis.defineCommand("cpGet", { numberOfKeys: 1, lua: GET_SCRIPT });
  redis.defineCommand("cpSet", { numberOfKeys: 1, lua: SET_SCRIPT });
  redis.defineCommand("cpTag", { numberOfKeys: 0, lua: TAG_SCRIPT });
  redis.on("error", (/** @type {Error} */ e) => {
    if (!s.warned) console.warn(`[cache] Redis unavailable (${e.message}); serving pages uncached until it is back.`);
    s.warned = true;
  });
  redis.on("ready", () => {
    s.everReady = true;
    if (s.warned) console.warn("[cache] Redis is back; shared cache in use again.");
    s.warned = false;
    // Entries written while we could not reach Redis may predate these expiries: write them now.
    s.local.clear();
    s.localBytes = 0;
    if (s.pendingTags.size) {
      const tags = [...s.pendingTags];
      s.pendingTags.clear();
      void writeTags(s, tags).catch(() => tags.forEach((t) => s.pendingTags.add(t)));
    }
  });
  s.redis = redis;
  return s;
}

const ready = (/** @type {State} */ s) => s.redis?.status === "ready";

/**
 * Right after start the first connection may still be opening: wait for it a little rather than
 * render the first pages uncached. Once it has been up, a lost connection fails at once instead.
 * @param {State} s
 */
async function connected(s) {
  if (ready(s)) return true;
  if (s.everReady || !s.redis || !["connecting", "connect", "wait"].includes(s.redis.status)) return false;
  await new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      s.redis.off("ready", done);
      resolve(undefined);
    };
    const timer = setTimeout(done, FIRST_CONNECT_WAIT_MS);
    s.redis.once("ready", done);
  });
  return ready(s);
}

/** @param {State} s @param {string[]} tags */
function writeTags(s, tags) {
  return s.redis.cpTag(`${s.prefix}t:`, TTL_SECONDS, ...tags);
}

/** @param {State} s @param {string} key @param {LocalEntry} entry */
function remember(s, key, entry) {
  const old = s.local.get(key);
  if (old) s.localBytes -= old.bytes;
  s.local.delete(key);
  s.local.set(key, entry);
  s.localBytes += entry.bytes;
  for (const [k, e] of s.local) {
    if (s.localBytes <= LOCAL_MAX_BYTES) break;
    s.local.delete(k);
    s.localBytes -= e.bytes;
  }
}

/** JSON that keeps Buffers and Maps (route bodies, images, segment data). */
/** @this {any} the holder: its raw value, before Buffer#toJSON ran */
function replacer(/** @type {string} */ key, /** @type {unknown} */ value) {
  const raw = this[key];
  if (Buffer.isBuffer(raw)) return { __buffer: raw.toString("base64") };
  if (raw instanceof Map) return { __map: [...raw] };
  return value;
}
function reviver(/** @type {string} */ _key, /** @type {any} */ value) {
  if (value && typeof value === "object") {
    if (typeof value.__buffer === "string") return Buffer.from(value.__buffer, "base64");
    if (Array.isArray(value.__map)) return new Map(value.__map);
  }
  return value;
}

/** An entry as stored: the page's HTML and RSC payload apart from the small rest. @param {any} value */
export function encode(value) {
  if (value?.kind === "APP_PAGE") {
    const { html, rscData, segmentData, ...rest } = value;
    const seg = segmentData ? JSON.stringify([...segmentData].map(([k, v]) => [k, Buffer.from(v).toString("base64")])) : "";
    return { meta: JSON.stringify(rest, replacer), html: typeof html === "string" ? html : "", rsc: rscData ? Buffer.from(rscData) : Buffer.alloc(0), seg };
  }
  return { meta: JSON.stringify(value, replacer), html: "", rsc: Buffer.alloc(0), seg: "" };
}

/** @param {{ meta: Buffer | string, html: Buffer | string, rsc: Buffer, seg: Buffer | string }} parts */
export function decode({ meta, html, rsc, seg }) {
  const value = JSON.parse(String(meta), reviver);
  if (value?.kind !== "APP_PAGE") return value;
  const segText = String(seg);
  return {
    ...value,
    html: String(html),
    rscData: rsc.length ? rsc : undefined,
    segmentData: segText ? new Map(JSON.parse(segText).map((/** @type {[string, string]} */ [k, b]) => [k, Buffer.from(b, "base64")])) : undefined,
  };
}

/** The tags an entry answers to: a page's come in its headers, data's in the context. */
function tagsOf(/** @type {any} */ data, /** @type {any} */ ctx) {
  const header = data?.headers?.[TAGS_HEADER];
  const fromHeader = typeof header === "string" && header ? header.split(",") : [];
  return [...new Set([...fromHeader, ...(ctx?.tags ?? [])])];
}

// Connect as soon as Next loads this file at start, not on the first request.
if (process.env.REDIS_URL && process.env.NEXT_PHASE !== "phase-production-build") state();

export default class CacheHandler {
  /** @type {State} */
  #state;
  /** Next passes its own options; tests pass `{ state }` to stand for another instance. */
  /** @param {any} options */
  constructor(options) {
    this.#state = options?.state ?? state();
  }

  /** @param {string} key @param {any} ctx */
  async get(key, ctx) {
    const s = this.#state;
    const soft = [...(ctx?.softTags ?? []), ...(ctx?.tags ?? [])];
    if (!s.redis) {
      const entry = s.local.get(key);
      if (!entry) return null;
      if ([...entry.tags, ...soft].some((t) => (s.tagTimes.get(t) ?? -1) >= entry.lastModified)) {
        s.local.delete(key);
        s.localBytes -= entry.bytes;
        return null;
      }
      return { lastModified: entry.lastModified, value: entry.value };
    }
    if (!(await connected(s))) return null;
    try {
      const known = s.local.get(key);
      const reply = await s.redis.cpGetBuffer(`${s.prefix}e:${key}`, `${s.prefix}t:`, known ? String(known.lastModified) : "", ...soft);
      if (!reply) return null;
      const lastModified = Number(String(reply[0]));
      const verdict = String(reply[1]);
      if (verdict === "stale") return null;
      if (verdict === "same" && known) return { lastModified, value: known.value };
      if (verdict !== "full") return null;
      const parts = { meta: reply[2], html: reply[3], rsc: reply[4], seg: reply[5] };
      const value = decode(parts);
      remember(s, key, { lastModified, value, tags: tagsOf(value, ctx), bytes: parts.html.length + parts.rsc.length + parts.meta.length });
      return { lastModified, value };
    } catch {
      return null;
    }
  }

  /** @param {string} key @param {any} data @param {any} ctx */
  async set(key, data, ctx) {
    const s = this.#state;
    if (!data) {
      s.local.delete(key);
      if (ready(s)) await s.redis.del(`${s.prefix}e:${key}`).catch(() => {});
      return;
    }
    if (data.kind === "APP_PAGE" && typeof data.html === "string" && data.html) {
      data.headers ??= {};
      data.headers["content-security-policy"] = hashPolicy(data.html);
    }
    const tags = tagsOf(data, ctx);
    const parts = encode(data);
    const bytes = parts.html.length + parts.rsc.length + parts.meta.length;
    if (!s.redis) {
      remember(s, key, { lastModified: Date.now(), value: data, tags, bytes });
      return;
    }
    if (!(await connected(s))) return;
    try {
      const lastModified = Number(await s.redis.cpSet(`${s.prefix}e:${key}`, parts.meta, parts.html, parts.rsc, parts.seg, tags.join(","), TTL_SECONDS));
      remember(s, key, { lastModified, value: data, tags, bytes });
    } catch {
      // Not stored: the next request renders again.
    }
  }

  /** Every expiry is immediate here: writes call it after their commit and readers must see them. */
  /** @param {string | string[]} tags */
  async revalidateTag(tags) {
    const s = this.#state;
    const list = (Array.isArray(tags) ? tags : [tags]).filter(Boolean);
    if (!list.length) return;
    if (!s.redis) {
      const now = Date.now();
      for (const t of list) s.tagTimes.set(t, now);
      return;
    }
    try {
      if (!(await connected(s))) throw new Error("Redis not ready");
      await writeTags(s, list);
    } catch {
      for (const t of list) s.pendingTags.add(t);
    }
  }

  resetRequestCache() {}
}

/** For code outside a request (jobs): expire tags through the same store. */
export function expireTags(/** @type {string[]} */ tags) {
  return new CacheHandler(undefined).revalidateTag(tags);
}

/** Closes a state's connection (tests). @param {State} s */
export async function closeState(s) {
  await s.redis?.quit().catch(() => s.redis.disconnect());
}
