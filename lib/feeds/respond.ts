import { isAppError } from "@/lib/errors";
import { ATOM_CONTENT_TYPE } from "./atom";

/**
 * Runs a feed renderer and answers as a feed reader expects. A feed reader cannot sign in, so a
 * members-only discussion is a plain 403, not a 401 asking for credentials.
 */
export async function atomResponse(render: () => Promise<string>): Promise<Response> {
  try {
    const xml = await render();
    return new Response(xml, { headers: { "Content-Type": ATOM_CONTENT_TYPE, "Cache-Control": "public, max-age=300" } });
  } catch (e) {
    if (isAppError(e) && (e.kind === "not_found" || e.kind === "forbidden" || e.kind === "unauthenticated")) {
      const status = e.kind === "not_found" ? 404 : 403;
      return new Response(`${e.message}\n`, { status, headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" } });
    }
    throw e;
  }
}
