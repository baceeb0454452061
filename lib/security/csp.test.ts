import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { hashPolicy, inlineScriptHashes, noncePolicy } from "./csp.mjs";

const sha = (s: string) => `'sha256-${createHash("sha256").update(s).digest("base64")}'`;

describe("content security policy", () => {
  it("lists every inline script of a cached page by hash, and no script with a src or a data block", () => {
    const html = `<html><head><script src="/_next/a.js" async=""></script><script>self.__next_f=[]</script></head>
      <body><script id="x">self.__next_f.push([1,"a<b"])</script><script type="application/ld+json">{"a":1}</script><script type="module">go()</script></body></html>`;
    expect(inlineScriptHashes(html).sort()).toEqual([sha("self.__next_f=[]"), sha('self.__next_f.push([1,"a<b"])'), sha("go()")].sort());
  });

  it("keeps script-src strict in both forms: no 'unsafe-inline' for scripts", () => {
    for (const policy of [hashPolicy("<script>a()</script>"), noncePolicy("abc")]) {
      const scriptSrc = policy.split("; ").find((d) => d.startsWith("script-src "))!;
      expect(scriptSrc).not.toContain("unsafe-inline");
      expect(policy).toContain("object-src 'none'");
      expect(policy).toContain("frame-ancestors 'none'");
    }
    expect(hashPolicy("<script>a()</script>")).toContain(`script-src 'self' ${sha("a()")}`);
    expect(noncePolicy("abc")).toContain("script-src 'self' 'nonce-abc' 'strict-dynamic'");
  });

  it("a page with a script injected after it was cached would not run it: the hash differs", () => {
    const policy = hashPolicy("<script>ok()</script>");
    expect(policy).not.toContain(sha("evil()"));
  });
});
