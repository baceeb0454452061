import type { NextRequest } from "next/server";
import { getDb } from "@/db";
import { VISITOR } from "@/lib/auth/permissions";
import { feedOrigin } from "@/lib/feeds/links";
import { renderSiteFeed } from "@/lib/feeds/render";
import { atomResponse } from "@/lib/feeds/respond";

// Feeds are read as a visitor would see the site: feed readers carry no session.
export async function GET(request: NextRequest) {
  return atomResponse(() => renderSiteFeed(getDb(), VISITOR, feedOrigin(request.url)));
}
