import { getDb } from "@/db";
import { getViewer } from "@/lib/auth/session";
import { getPublicBundle } from "@/lib/open-data/commands";

/** The latest public bundle, the same bytes on every instance; its SHA-256 is its ETag. */
export async function GET(request: Request): Promise<Response> {
  const bundle = await getPublicBundle(getDb(), await getViewer());
  if (!bundle) return new Response("The first public bundle is being prepared: try again in a few minutes.", { status: 503, headers: { "Retry-After": "300" } });
  const etag = `"${bundle.sha256}"`;
  const headers = { ETag: etag, "Cache-Control": "public, max-age=3600", "Content-Type": "application/x-tar", "X-Content-Type-Options": "nosniff" };
  if (request.headers.get("if-none-match") === etag) return new Response(null, { status: 304, headers });
  const day = bundle.exportedAt.toISOString().slice(0, 10);
  return new Response(Buffer.from(bundle.content), {
    headers: { ...headers, "Content-Length": String(bundle.bytes), "Content-Disposition": `attachment; filename="commonplace-public-${day}.tar"` },
  });
}
