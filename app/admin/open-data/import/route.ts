import { writeFile, mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { can } from "@/lib/auth/permissions";
import { getViewer } from "@/lib/auth/session";
import { importSiteBundle } from "@/lib/open-data/commands";
import { BundleError } from "@/lib/open-data/format";
import { IMPORT_ERROR_COOKIE, sameOrigin } from "@/lib/open-data/respond";

/**
 * Restores a full bundle uploaded on /admin/open-data into a fresh site. The reason for a refusal
 * goes back to the form; after a restore the admin signs in again with the bundle's accounts.
 */
export async function POST(request: Request): Promise<Response> {
  if (!sameOrigin(request)) return new Response("Cross-site request refused.", { status: 403 });
  const viewer = await getViewer();
  if (!can(viewer, "openData.import", null)) return new Response("Only admins may restore a bundle.", { status: 403 });
  const form = await request.formData();
  const file = form.get("bundle");
  const passphrase = String(form.get("passphrase") ?? "") || undefined;
  if (!(file instanceof File) || file.size === 0) return back("Choose the bundle file to restore.");
  const dir = await mkdtemp(path.join(os.tmpdir(), "commonplace-upload-"));
  try {
    const local = path.join(dir, "bundle.tar");
    await writeFile(local, Buffer.from(await file.arrayBuffer()));
    const report = await importSiteBundle(viewer, local, { passphrase });
    const records = report.tables.reduce((n, t) => n + t.records, 0);
    return new Response(null, { status: 303, headers: { Location: `/sign-in?restored=${records}` } });
  } catch (e) {
    if (e instanceof BundleError) return back(e.message);
    throw e;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** Back to the form with the reason, in a cookie for the next minute (a message in the address could be forged by a link). */
const back = (message: string) =>
  new Response(null, {
    status: 303,
    headers: { Location: "/admin/open-data", "Set-Cookie": `${IMPORT_ERROR_COOKIE}=${encodeURIComponent(message)}; Path=/admin/open-data; Max-Age=60; HttpOnly; SameSite=Strict` },
  });
