import { NextResponse, type NextRequest } from "next/server";
import { z } from "zod";
import { getDb } from "@/db";
import { getViewer } from "@/lib/auth/session";
import { searchFacts } from "@/lib/facts/search";
import { factSearchSchema } from "@/lib/validation/facts";

/** The search the facts page calls as you type; the same function renders the page itself. */
export async function GET(request: NextRequest) {
  const parsed = factSearchSchema.safeParse(Object.fromEntries(request.nextUrl.searchParams));
  if (!parsed.success) return NextResponse.json({ error: "invalid", fieldErrors: z.flattenError(parsed.error).fieldErrors }, { status: 422 });
  const result = await searchFacts(getDb(), await getViewer(), parsed.data);
  return NextResponse.json(result, { headers: { "cache-control": "no-store" } });
}
