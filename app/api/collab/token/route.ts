import { getDb } from "@/db";
import { getViewer } from "@/lib/auth/session";
import { issueCollabToken } from "@/lib/collab/documents";
import { isAppError } from "@/lib/errors";
import { CollabTokenInput } from "@/lib/validation/collab";

/**
 * POST { doc, mode? } → { token, mode, url, doc, expiresInSeconds }: a 60-second pass for the
 * collaboration sidecar. 401 for visitors, 403 when the viewer may not even read the document.
 */
export async function POST(request: Request): Promise<Response> {
  // A token is only for this site's own pages; a cross-site POST carrying our cookies gets nothing.
  const origin = request.headers.get("origin");
  const host = request.headers.get("x-forwarded-host") ?? request.headers.get("host");
  if (!origin || !host || hostOf(origin) !== host) return json({ error: "Cross-site request refused." }, 403);

  const body = await request.json().catch(() => null);
  const parsed = CollabTokenInput.safeParse(body);
  if (!parsed.success) return json({ error: "Unknown document." }, 400);
  try {
    const ticket = await issueCollabToken(getDb(), await getViewer(), parsed.data.doc, parsed.data.mode);
    return json(ticket, 200);
  } catch (e) {
    if (isAppError(e)) return json({ error: e.message, code: e.code }, e.status);
    throw e;
  }
}

function hostOf(origin: string): string | null {
  try {
    return new URL(origin).host;
  } catch {
    return null;
  }
}

const json = (body: unknown, status: number) =>
  Response.json(body, { status, headers: { "Cache-Control": "no-store" } });
