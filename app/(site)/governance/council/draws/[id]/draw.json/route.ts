import { getDb } from "@/db";
import { getPublishedDraw } from "@/lib/council/draws";

/** The draw's published inputs (and result, once drawn): what scripts/verify-draw.ts and the verify page check. */
export async function GET(_req: Request, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  if (!/^[0-9a-f-]{36}$/i.test(id)) return new Response("Not found", { status: 404 });
  const draw = await getPublishedDraw(getDb(), id);
  if (!draw) return new Response("Not found", { status: 404 });
  const body = { announcement: draw.announcement, announcementHash: draw.announcementHash, result: draw.result };
  return new Response(JSON.stringify(body, null, 1), {
    headers: { "content-type": "application/json; charset=utf-8", "content-disposition": `inline; filename="draw-${id}.json"`, "cache-control": "no-store" },
  });
}
