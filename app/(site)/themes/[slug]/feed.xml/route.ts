import type { NextRequest } from "next/server";
import { getDb } from "@/db";
import { VISITOR } from "@/lib/auth/permissions";
import { siteUrl } from "@/lib/config/site-url";
import { renderThemeFeed } from "@/lib/feeds/render";
import { atomResponse } from "@/lib/feeds/respond";

export async function GET(_request: NextRequest, { params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  return atomResponse(() => renderThemeFeed(getDb(), VISITOR, siteUrl(), slug));
}
