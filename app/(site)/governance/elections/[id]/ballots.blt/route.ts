import { getDb } from "@/db";
import { getPublishedBallots } from "@/lib/governance/queries";

/** The published ballots in BLT format, for any STV counter. Only after the count. */
export async function GET(_req: Request, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const file = await getPublishedBallots(getDb(), id, "blt");
  if (!file) return new Response("These ballots are published once the election is counted.\n", { status: 404, headers: { "content-type": "text/plain; charset=utf-8" } });
  return new Response(file.body, {
    headers: { "content-type": "text/plain; charset=utf-8", "content-disposition": `attachment; filename="ballots-${id}.blt"`, "x-content-sha256": file.sha256, "cache-control": "public, max-age=300" },
  });
}
