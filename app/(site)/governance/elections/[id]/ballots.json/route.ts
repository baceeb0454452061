import { getDb } from "@/db";
import { getPublishedBallots } from "@/lib/governance/queries";

/** The published ballots as JSON (format commonplace-ballots/1) with receipt hashes. Only after the count. */
export async function GET(_req: Request, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const file = await getPublishedBallots(getDb(), id, "json");
  if (!file) return Response.json({ error: "These ballots are published once the election is counted." }, { status: 404 });
  return new Response(file.body, {
    headers: { "content-type": "application/json; charset=utf-8", "content-disposition": `attachment; filename="ballots-${id}.json"`, "x-content-sha256": file.sha256, "cache-control": "public, max-age=300" },
  });
}
