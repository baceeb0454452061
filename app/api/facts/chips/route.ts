import { NextResponse, type NextRequest } from "next/server";
import { z } from "zod";
import { getDb } from "@/db";
import { loadFactChips } from "@/lib/facts/cite";

const idsSchema = z.array(z.string().regex(/^[0-9a-f]{8}(?:-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})?$/i)).min(1).max(50);

/** Current chip data (statement, figure, hardness, flag) for the editors' live fact chips. Public facts only. */
export async function GET(request: NextRequest) {
  const parsed = idsSchema.safeParse((request.nextUrl.searchParams.get("ids") ?? "").split(",").filter(Boolean));
  if (!parsed.success) return NextResponse.json({ error: "Give up to 50 fact ids as ids=a,b,c." }, { status: 422 });
  const chips = await loadFactChips(getDb(), parsed.data.map((id) => id.toLowerCase()));
  return NextResponse.json({ chips: Object.fromEntries(chips) }, { headers: { "cache-control": "no-store" } });
}
