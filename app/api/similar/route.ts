import { NextResponse, type NextRequest } from "next/server";
import { z } from "zod";
import { getDb } from "@/db";
import { getViewer } from "@/lib/auth/session";
import { findSimilar } from "@/lib/search/similar";
import { similarQuerySchema } from "@/lib/validation/discussion";

/** GET /api/similar?q=&scope=&paperId= — "already discussed here" for the composers. */
export async function GET(request: NextRequest) {
  const parsed = similarQuerySchema.safeParse(Object.fromEntries(request.nextUrl.searchParams));
  if (!parsed.success) {
    return NextResponse.json({ items: [], errors: z.flattenError(parsed.error).fieldErrors }, { status: 400 });
  }
  const items = await findSimilar(getDb(), await getViewer(), parsed.data);
  return NextResponse.json({ items }, { headers: { "cache-control": "private, no-store" } });
}
