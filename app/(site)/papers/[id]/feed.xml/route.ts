import type { NextRequest } from "next/server";
import { getDb } from "@/db";
import { VISITOR } from "@/lib/auth/permissions";
import { siteUrl } from "@/lib/config/site-url";
import { renderPaperDiscussionFeed } from "@/lib/feeds/render";
import { atomResponse } from "@/lib/feeds/respond";

// As a visitor: a members-only discussion is refused here even to a signed-in browser, since the feed URL gets shared.
export async function GET(_request: NextRequest, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return atomResponse(() => renderPaperDiscussionFeed(getDb(), VISITOR, siteUrl(), id));
}
