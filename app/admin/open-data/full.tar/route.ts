import { z } from "zod";
import { getDb } from "@/db";
import { can } from "@/lib/auth/permissions";
import { getViewer } from "@/lib/auth/session";
import { exportFullBundle } from "@/lib/open-data/commands";
import { sameOrigin, streamedDownload } from "@/lib/open-data/respond";

const Input = z.object({
  includeSecrets: z.literal("on").optional(),
  passphrase: z.string().optional(),
});

/** The full bundle for an admin, from the form on /admin/open-data; each download joins the public log. */
export async function POST(request: Request): Promise<Response> {
  if (!sameOrigin(request)) return new Response("Cross-site request refused.", { status: 403 });
  const viewer = await getViewer();
  if (!can(viewer, "openData.exportFull", null)) return new Response("Only admins may download the full bundle.", { status: 403 });
  const parsed = Input.safeParse(Object.fromEntries(await request.formData()));
  if (!parsed.success) return back("invalid");
  const includeSecrets = parsed.data.includeSecrets === "on";
  const passphrase = parsed.data.passphrase ?? "";
  if (includeSecrets && passphrase.length < 12) return back("passphrase");
  const day = new Date().toISOString().slice(0, 10);
  return streamedDownload(`commonplace-full-${day}${includeSecrets ? "-encrypted" : ""}.tar`, (out) =>
    exportFullBundle(getDb(), viewer, { includeSecrets, passphrase: includeSecrets ? passphrase : undefined }, out),
  );
}

const back = (error: string) => new Response(null, { status: 303, headers: { Location: `/admin/open-data?error=${error}` } });
