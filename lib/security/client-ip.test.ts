import { afterEach, describe, expect, it } from "vitest";
import { bucketKey, clientFromHops, clientIp, parseTrustedProxies, PEER_HEADER, PEER_SERVER_ENV } from "./client-ip";

const saved = { ...process.env };
afterEach(() => {
  process.env = { ...saved };
});

const request = (peer: string, forwarded?: string) => {
  const h = new Headers({ [PEER_HEADER]: peer });
  if (forwarded !== undefined) h.set("x-forwarded-for", forwarded);
  return h;
};

describe("clientIp", () => {
  it("takes the socket's peer and ignores X-Forwarded-For when no proxy is configured", () => {
    process.env[PEER_SERVER_ENV] = "1";
    delete process.env.TRUSTED_PROXIES;
    expect(clientIp(request("198.51.100.7", "1.1.1.1, 2.2.2.2"))).toBe("198.51.100.7");
    expect(clientIp(request("::ffff:198.51.100.7"))).toBe("198.51.100.7");
  });

  it("with a proxy count, takes the hop before the trusted ones", () => {
    process.env[PEER_SERVER_ENV] = "1";
    process.env.TRUSTED_PROXIES = "1";
    // The client sent "6.6.6.6"; the proxy appended the address it saw, 198.51.100.7.
    expect(clientIp(request("10.0.0.2", "6.6.6.6, 198.51.100.7"))).toBe("198.51.100.7");
    process.env.TRUSTED_PROXIES = "2";
    expect(clientIp(request("10.0.0.2", "6.6.6.6, 198.51.100.7, 10.0.0.9"))).toBe("198.51.100.7");
    // Fewer hops than proxies: the left-most is all there is.
    expect(clientIp(request("10.0.0.2"))).toBe("10.0.0.2");
  });

  it("with a proxy list, takes the right-most hop that is not in it", () => {
    process.env[PEER_SERVER_ENV] = "1";
    process.env.TRUSTED_PROXIES = "10.0.0.0/8, 2001:db8::1";
    expect(clientIp(request("10.1.2.3", "6.6.6.6, 203.0.113.5, 10.9.9.9"))).toBe("203.0.113.5");
    expect(clientIp(request("2001:db8::1", "203.0.113.5"))).toBe("203.0.113.5");
    // A direct connection from outside the list is the client, whatever it forwards.
    expect(clientIp(request("203.0.113.99", "6.6.6.6"))).toBe("203.0.113.99");
  });

  it("trusts the peer header only when the server that sets it is running", () => {
    delete process.env[PEER_SERVER_ENV];
    delete process.env.TRUSTED_PROXIES;
    // Nothing unforgeable: one bucket for everyone, whatever the headers say.
    expect(clientIp(request("6.6.6.6", "7.7.7.7"))).toBe("unknown-client");
    expect(clientIp(request("8.8.8.8", "9.9.9.9"))).toBe("unknown-client");
    // Behind a configured proxy, that proxy is the unseen peer: the hop it appended is the client.
    process.env.TRUSTED_PROXIES = "1";
    expect(clientIp(request("6.6.6.6", "7.7.7.7, 198.51.100.7"))).toBe("198.51.100.7");
    process.env.TRUSTED_PROXIES = "10.0.0.0/8";
    expect(clientIp(request("6.6.6.6", "7.7.7.7, 198.51.100.7, 10.0.0.3"))).toBe("198.51.100.7");
  });

  it("keys IPv6 clients by their /64", () => {
    expect(bucketKey("2001:db8:1:2:aaaa::1")).toBe("2001:db8:1:2::/64");
    expect(bucketKey("2001:db8:1:2:ffff:ffff:ffff:ffff")).toBe("2001:db8:1:2::/64");
    expect(bucketKey("2001:db8::")).toBe("2001:db8:0:0::/64");
    expect(bucketKey("192.0.2.1")).toBe("192.0.2.1");
  });
});

describe("clientFromHops", () => {
  it("stops at garbage and keeps the last trusted hop", () => {
    expect(clientFromHops(["not-an-ip", "10.0.0.2"], parseTrustedProxies("1"))).toBe("10.0.0.2");
    expect(clientFromHops(["203.0.113.5:4433", "10.0.0.2"], parseTrustedProxies("1"))).toBe("203.0.113.5");
  });
  it("refuses a bad TRUSTED_PROXIES", () => {
    expect(() => parseTrustedProxies("proxy.example")).toThrow(/TRUSTED_PROXIES/);
    expect(() => parseTrustedProxies("10.0.0.0/40")).toThrow(/prefix/);
  });
});
