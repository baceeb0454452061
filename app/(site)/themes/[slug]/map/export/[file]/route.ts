import type { NextRequest } from "next/server";
import { getDb } from "@/db";
import { getViewer } from "@/lib/auth/session";
import { isAppError } from "@/lib/errors";
import { POLIS_FILES, polisExport, type PolisFile } from "@/lib/map/export";

/** /themes/{slug}/map/export/{comments|votes|participant-votes}.csv in Pol.is's formats. */
export async function GET(_request: NextRequest, { params }: { params: Promise<{ slug: string; file: string }> }) {
  const { slug, file } = await params;
  const name = file.replace(/\.csv$/, "") as PolisFile;
  if (!file.endsWith(".csv") || !POLIS_FILES.includes(name)) return new Response("Not found", { status: 404 });
  try {
    const csv = await polisExport(getDb(), await getViewer(), slug, name);
    return new Response(csv, {
      headers: {
        "content-type": "text/csv; charset=utf-8",
        "content-disposition": `attachment; filename="${slug}-${name}.csv"`,
        "cache-control": "private, no-store",
      },
    });
  } catch (e) {
    if (isAppError(e)) return new Response(e.message, { status: e.kind === "forbidden" || e.kind === "unauthenticated" ? 404 : e.status });
    throw e;
  }
}
