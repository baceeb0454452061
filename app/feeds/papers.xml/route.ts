import { getDb } from "@/db";
import { VISITOR } from "@/lib/auth/permissions";
import { siteUrl } from "@/lib/config/site-url";
import { renderSiteFeed } from "@/lib/feeds/render";
import { atomResponse } from "@/lib/feeds/respond";

// Feeds are read as a visitor would see the site: feed readers carry no session.
export async function GET() {
  return atomResponse(() => renderSiteFeed(getDb(), VISITOR, siteUrl()));
}
