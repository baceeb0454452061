import { getDb } from "@/db";
import { getPressPack } from "@/lib/anecdotes/queries";
import { renderPressPackDocx, renderPressPackHtml } from "@/lib/anecdotes/press-pack";
import { getViewer } from "@/lib/auth/session";
import { isAppError } from "@/lib/errors";

/** The press pack as a file, rendered from what each story's consent allows at this moment. */
export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const format = new URL(request.url).searchParams.get("format") === "html" ? "html" : "docx";
  try {
    const pack = await getPressPack(getDb(), await getViewer(), id);
    const name = pack.title.replace(/[^a-zA-Z0-9 -]/g, "").trim().replace(/\s+/g, "-").toLowerCase() || "press-pack";
    const headers = { "Cache-Control": "private, no-store", "X-Content-Type-Options": "nosniff" };
    if (format === "html") {
      return new Response(renderPressPackHtml(pack), { headers: { ...headers, "Content-Type": "text/html; charset=utf-8", "Content-Disposition": `attachment; filename="${name}.html"` } });
    }
    const docx = await renderPressPackDocx(pack);
    return new Response(new Uint8Array(docx), {
      headers: { ...headers, "Content-Type": "application/vnd.openxmlformats-officedocument.wordprocessingml.document", "Content-Disposition": `attachment; filename="${name}.docx"` },
    });
  } catch (e) {
    if (isAppError(e)) return new Response(e.message, { status: e.status });
    throw e;
  }
}
