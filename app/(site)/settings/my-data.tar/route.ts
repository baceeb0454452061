import { can } from "@/lib/auth/permissions";
import { getViewer } from "@/lib/auth/session";
import { siteUrl } from "@/lib/config/site-url";
import { exportMemberBundle } from "@/lib/open-data/commands";
import { streamedDownload } from "@/lib/open-data/respond";

/** A member's own data, GDPR art. 20: everything they wrote, voted, followed and were sent. */
export async function GET(): Promise<Response> {
  const viewer = await getViewer();
  if (!viewer.id) return Response.redirect(`${siteUrl()}/sign-in?next=/settings`, 303);
  // Asked before the stream starts, so a refusal is a status and not a broken file; the command asks again.
  if (!can(viewer, "openData.exportOwn", { userId: viewer.id })) return new Response("You may not download this data.", { status: 403 });
  const id = viewer.id;
  return streamedDownload(`commonplace-my-data-${new Date().toISOString().slice(0, 10)}.tar`, (out) => exportMemberBundle(viewer, id, out));
}
