import { NextResponse, type NextRequest } from "next/server";
import { getDb } from "@/db";
import { getViewer } from "@/lib/auth/session";
import { isAppError } from "@/lib/errors";
import { openNotification } from "@/lib/following/commands";

/**
 * Opening a notification marks it read and goes where it points. Someone else's notification
 * is "not found", the same as one that does not exist.
 */
export async function GET(request: NextRequest, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  try {
    const { url } = await openNotification(getDb(), await getViewer(), id);
    return NextResponse.redirect(new URL(url, request.url), 303);
  } catch (e) {
    if (isAppError(e) && e.kind === "unauthenticated") {
      return NextResponse.redirect(new URL(`/sign-in?next=${encodeURIComponent(`/notifications/${id}`)}`, request.url), 303);
    }
    if (isAppError(e) && e.kind === "not_found") {
      return new NextResponse("That notification could not be found.\n", { status: 404, headers: { "Content-Type": "text/plain; charset=utf-8" } });
    }
    throw e;
  }
}
