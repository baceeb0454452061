/**
 * The shared cache handler against a real Redis (REDIS_URL, else the local one), each test on its
 * own key prefix. Two handler states stand for two web instances.
 */
import { randomBytes } from "node:crypto";
import net from "node:net";
import { Redis } from "ioredis";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import CacheHandler, { closeState, createState, type HandlerState } from "./cache-handler.mjs";

const REDIS = new URL(process.env.REDIS_URL ?? "redis://127.0.0.1:6379");
const states: HandlerState[] = [];
const prefixes = new Set<string>();
const instance = (url: string | undefined, prefix: string) => {
  const state = createState(url, prefix);
  prefixes.add(prefix);
  states.push(state);
  return { state, cache: new CacheHandler({ state }) };
};
afterEach(async () => {
  await Promise.all(states.splice(0).map(closeState));
});
afterAll(async () => {
  const redis = new Redis(REDIS.href);
  for (const prefix of prefixes) {
    const keys = await redis.keys(`${prefix}:*`);
    if (keys.length) await redis.del(...keys);
  }
  await redis.quit();
});

async function until<T>(fn: () => Promise<T>, ok: (v: T) => boolean, ms = 5000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (ok(v) || Date.now() > end) return v;
    await new Promise((r) => setTimeout(r, 25));
  }
}

const page = (tags: string[], body = "<p>hello</p>") => ({
  kind: "APP_PAGE",
  html: `<!DOCTYPE html><html><body>${body}<script>self.__next_f.push([1,"x"])</script></body></html>`,
  rscData: Buffer.from("0:rsc-payload"),
  segmentData: new Map([["/_tree", Buffer.from("tree")]]),
  headers: { "x-next-cache-tags": tags.join(",") } as Record<string, string>,
  status: 200,
  postponed: undefined,
});
const KEY = "/route-cache/APP_PAGE/abc/$/readers/papers/1";
type Page = ReturnType<typeof page>;
const value = (entry: { value: unknown } | null) => entry?.value as Page | undefined;

describe("cache handler", () => {
  it("without Redis keeps pages in process, gives them a hash policy, and expires them by tag", async () => {
    const { cache } = instance(undefined, `t-${randomBytes(4).toString("hex")}`);
    const data = page(["paper:1", "_N_T_/layout"]);
    await cache.set(KEY, data, {});
    // The object Next is about to send on a miss now carries the policy too.
    expect(data.headers["content-security-policy"]).toMatch(/script-src 'self' 'sha256-/);
    expect((await cache.get(KEY, {}))?.value).toMatchObject({ kind: "APP_PAGE", status: 200 });
    await cache.revalidateTag(["paper:2"]);
    expect(await cache.get(KEY, {})).not.toBeNull();
    await new Promise((r) => setTimeout(r, 2));
    await cache.revalidateTag("paper:1");
    expect(await cache.get(KEY, {})).toBeNull();
  });

  it("shares entries between instances through Redis, and a tag expired on one expires the page on the other", async () => {
    const prefix = `t-${randomBytes(4).toString("hex")}`;
    const a = instance(REDIS.href, prefix);
    const b = instance(REDIS.href, prefix);
    await until(async () => a.state.redis?.status === "ready" && b.state.redis?.status === "ready", Boolean);
    await a.cache.set(KEY, page(["paper:1"], "<p>from a</p>"), {});
    const got = value(await b.cache.get(KEY, {}));
    expect(got?.html).toContain("from a");
    expect(got?.rscData.toString()).toBe("0:rsc-payload");
    expect(got?.segmentData.get("/_tree")?.toString()).toBe("tree");
    expect(got?.headers["content-security-policy"]).toMatch(/'sha256-/);
    // Soft tags (a revalidatePath) count as well as the entry's own.
    await b.cache.revalidateTag(["paper:1"]);
    expect(await a.cache.get(KEY, {})).toBeNull();
    expect(await b.cache.get(KEY, {})).toBeNull();

    await a.cache.set(KEY, page(["paper:1"], "<p>again</p>"), {});
    expect(value(await b.cache.get(KEY, { softTags: ["_N_T_/readers/papers/1"] }))?.html).toContain("again");
    await a.cache.revalidateTag("_N_T_/readers/papers/1");
    expect(await b.cache.get(KEY, { softTags: ["_N_T_/readers/papers/1"] })).toBeNull();
  });

  it("when Redis is down serves nothing from cache and never throws; expiries made meanwhile reach Redis when it is back", async () => {
    // A door between the handler and Redis that the test can shut.
    const sockets = new Set<net.Socket>();
    let open = true;
    const door = net.createServer((client) => {
      if (!open) return client.destroy();
      const upstream = net.connect(Number(REDIS.port || 6379), REDIS.hostname);
      sockets.add(client).add(upstream);
      client.pipe(upstream).pipe(client);
      const close = () => [client, upstream].forEach((s) => s.destroy());
      client.on("error", close).on("close", close);
      upstream.on("error", close).on("close", close);
    });
    await new Promise<void>((r) => door.listen(0, "127.0.0.1", r));
    const port = (door.address() as net.AddressInfo).port;
    const prefix = `t-${randomBytes(4).toString("hex")}`;
    try {
      const web = instance(`redis://127.0.0.1:${port}`, prefix);
      const other = instance(REDIS.href, prefix);
      await until(async () => web.state.redis?.status === "ready" && other.state.redis?.status === "ready", Boolean);
      await other.cache.set(KEY, page(["paper:1"]), {});
      expect(await web.cache.get(KEY, {})).not.toBeNull();

      open = false;
      for (const s of sockets) s.destroy();
      await until(async () => web.state.redis?.status !== "ready", Boolean);
      const started = performance.now();
      expect(await web.cache.get(KEY, {})).toBeNull();
      await expect(web.cache.set(KEY, page(["paper:1"]), {})).resolves.toBeUndefined();
      await expect(web.cache.revalidateTag(["paper:1"])).resolves.toBeUndefined();
      expect(performance.now() - started).toBeLessThan(200);
      expect(web.state.pendingTags.has("paper:1")).toBe(true);
      // Still cached for the instance that can reach Redis...
      expect(await other.cache.get(KEY, {})).not.toBeNull();

      open = true;
      // ...until the expiry written on reconnect reaches it.
      const after = await until(() => other.cache.get(KEY, {}), (v) => v === null, 8000);
      expect(after).toBeNull();
      expect(web.state.pendingTags.size).toBe(0);
    } finally {
      for (const s of sockets) s.destroy();
      await new Promise((r) => door.close(r));
    }
  });
});
