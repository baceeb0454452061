import type { NextRequest } from "next/server";
import { getDb } from "@/db";
import { VISITOR } from "@/lib/auth/permissions";
import { feedOrigin } from "@/lib/feeds/links";
import { renderPaperDiscussionFeed } from "@/lib/feeds/render";
import { atomResponse } from "@/lib/feeds/respond";

// As a visitor: a members-only discussion is refused here even to a signed-in browser, since the feed URL gets shared.
export async function GET(request: NextRequest, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return atomResponse(() => renderPaperDiscussionFeed(getDb(), VISITOR, feedOrigin(request.url), id));
}
