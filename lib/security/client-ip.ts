/**
 * The client's address, the key of the per-network throttles. A client chooses its own
 * X-Forwarded-For, so the address is decided the way proxies are trusted in the field:
 *
 * - The hops are the X-Forwarded-For entries, left to right, then the socket's own peer (which
 *   only the web server knows: `scripts/serve.ts` puts it in the PEER_HEADER, overwriting any
 *   value a client sent, and Next.js does not expose the socket to actions or route handlers).
 * - With no proxy configured (TRUSTED_PROXIES unset or 0) the client is the socket's peer and
 *   X-Forwarded-For is ignored.
 * - TRUSTED_PROXIES=N (a count): the right-most N hops are proxies; the client is the hop before.
 * - TRUSTED_PROXIES=10.0.0.0/8,192.0.2.7 (addresses or CIDRs): walking from the right, the client
 *   is the first hop that is not one of them.
 *
 * IPv6 clients are keyed by their /64, which is what one subscriber usually holds. Without
 * scripts/serve.ts (plain `next start`, e.g. several instances behind a proxy) the peer is unseen:
 * with TRUSTED_PROXIES the nearest proxy is assumed to be it; with none, all clients share one key.
 */
import { BlockList, isIP } from "node:net";

/** Set by `scripts/serve.ts` from the socket, after deleting whatever the request carried under this name. */
export const PEER_HEADER = "x-commonplace-peer";
/** Set (to "1") in the process by `scripts/serve.ts`, so the peer header is known to be the server's own. */
export const PEER_SERVER_ENV = "COMMONPLACE_PEER_HEADER";

type Trust = { count: number } | { list: BlockList };

export function parseTrustedProxies(value: string | undefined): Trust {
  const v = value?.trim() ?? "";
  if (v === "") return { count: 0 };
  if (/^\d+$/.test(v)) return { count: Number(v) };
  const list = new BlockList();
  for (const raw of v.split(",").map((s) => s.trim()).filter(Boolean)) {
    const [address, prefix] = raw.split("/");
    const family = isIP(address ?? "");
    if (!family) throw new Error(`TRUSTED_PROXIES: "${raw}" is neither a count nor an address or CIDR.`);
    const type = family === 4 ? "ipv4" : "ipv6";
    if (prefix === undefined) list.addAddress(address!, type);
    else {
      const bits = Number(prefix);
      if (!/^\d+$/.test(prefix) || bits > (family === 4 ? 32 : 128)) throw new Error(`TRUSTED_PROXIES: "${raw}" has a bad prefix length.`);
      list.addSubnet(address!, bits, type);
    }
  }
  return { list };
}

/** "::ffff:192.0.2.1" → "192.0.2.1"; anything that is not an address → null. */
function normalise(raw: string): string | null {
  let s = raw.trim();
  if (s.startsWith("[") && s.includes("]")) s = s.slice(1, s.indexOf("]")); // [v6]:port
  else if (/^\d+\.\d+\.\d+\.\d+:\d+$/.test(s)) s = s.slice(0, s.lastIndexOf(":")); // v4:port
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(s);
  if (mapped) s = mapped[1]!;
  return isIP(s) ? s : null;
}

const isTrusted = (trust: Trust, address: string, fromRight: number) =>
  "count" in trust ? fromRight < trust.count : trust.list.check(address, isIP(address) === 4 ? "ipv4" : "ipv6");

/**
 * Picks the client from the hops (left to right, the socket's peer last). With `nearestIsProxy`,
 * the hops end before the peer, which is a trusted proxy the caller could not see.
 */
export function clientFromHops(hops: string[], trust: Trust, opts: { nearestIsProxy?: boolean } = {}): string | null {
  const valid = hops.map(normalise);
  let lastTrusted: string | null = null;
  const offset = opts.nearestIsProxy ? 1 : 0;
  for (let i = valid.length - 1, fromRight = offset; i >= 0; i--, fromRight++) {
    const hop = valid[i];
    // Garbage in the header ends the walk: the trusted proxy before it is the best we know.
    if (hop === null || hop === undefined) return lastTrusted;
    if (!isTrusted(trust, hop, fromRight)) return hop;
    lastTrusted = hop;
  }
  return lastTrusted;
}

/** The /64 of an IPv6 address as the bucket key; IPv4 as it is. */
export function bucketKey(address: string): string {
  if (isIP(address) !== 6) return address;
  const [head, tail = ""] = address.split("::");
  const left = head ? head.split(":") : [];
  const right = tail ? tail.split(":") : [];
  const groups = address.includes("::") ? [...left, ...Array(8 - left.length - right.length).fill("0"), ...right] : left;
  return `${groups.slice(0, 4).map((g) => parseInt(g, 16).toString(16)).join(":")}::/64`;
}

let trustCache: { raw: string | undefined; trust: Trust } | undefined;
function trust(): Trust {
  const raw = process.env.TRUSTED_PROXIES;
  if (!trustCache || trustCache.raw !== raw) trustCache = { raw, trust: parseTrustedProxies(raw) };
  return trustCache.trust;
}

let warned = false;

/** The client's address for this request, as a throttle key. */
export function clientIp(headers: Headers): string {
  const forwarded = (headers.get("x-forwarded-for") ?? "").split(",").filter((s) => s.trim() !== "");
  const peer = process.env[PEER_SERVER_ENV] === "1" ? headers.get(PEER_HEADER) : null;
  if (peer) return bucketKey(clientFromHops([...forwarded, peer], trust()) ?? "unknown");
  // Without scripts/serve.ts (plain `next start`) the socket is unknown. Behind configured proxies,
  // the nearest one is the peer we cannot see: trust it and read the hops it passed on.
  const t = trust();
  if ("list" in t || t.count > 0) return bucketKey(clientFromHops(forwarded, t, { nearestIsProxy: true }) ?? "unknown");
  // Nothing a client cannot forge is left: one shared bucket, so throttles still hold (for everyone at once).
  if (process.env.NODE_ENV === "production" && !warned) {
    warned = true;
    console.error("client-ip: the client address is unknown (serve with `npm start`, i.e. scripts/serve.ts, or set TRUSTED_PROXIES behind a proxy); per-network throttles now count all clients together.");
  }
  return "unknown-client";
}
