import type { Metadata } from "next";
import Link from "next/link";
import { cookies } from "next/headers";
import { notFound } from "next/navigation";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Notice } from "@/components/ui/notice";
import { PageHeader } from "@/components/ui/page-header";
import { can } from "@/lib/auth/permissions";
import { getViewer } from "@/lib/auth/session";
import { IMPORT_ERROR_COOKIE } from "@/lib/open-data/respond";

export const metadata: Metadata = { title: "Open data · Admin" };

export default async function AdminOpenDataPage({ searchParams }: { searchParams: Promise<{ error?: string }> }) {
  const viewer = await getViewer();
  if (!can(viewer, "openData.exportFull", null)) notFound();
  const { error } = await searchParams;
  // The reason a restore was refused travels in a short-lived cookie only this site can set, not in the address.
  const raw = (await cookies()).get(IMPORT_ERROR_COOKIE)?.value;
  const importError = raw ? decodeURIComponent(raw) : null;
  return (
    <div className="max-w-3xl space-y-10">
      <PageHeader title="Open data">
        <p>
          The full bundle holds everything needed to restart the site elsewhere. Each download is recorded, with your name, in the public{" "}
          <Link href="/moderation-log?kind=open_data" className="underline">
            moderation log
          </Link>
          . The format is documented at <Link href="/open-data/format" className="underline">/open-data/format</Link>.
        </p>
      </PageHeader>

      <section aria-labelledby="export-heading" className="space-y-4">
        <h2 id="export-heading" className="text-xl font-semibold">
          Download the full bundle
        </h2>
        <form method="post" action="/admin/open-data/full.tar" className="space-y-4">
          <div className="flex items-start gap-3">
            <input id="includeSecrets" name="includeSecrets" type="checkbox" className="mt-1 size-5" aria-describedby="includeSecrets-hint" />
            <div>
              <label htmlFor="includeSecrets" className="font-medium">
                Include password hashes
              </label>
              <p id="includeSecrets-hint" className="text-sm text-slate-600">
                Then members keep their passwords on the restored site, and the whole bundle is encrypted with the passphrase below.
                Without them, members set a new password through “Forgot password”.
              </p>
            </div>
          </div>
          <Field
            label="Passphrase"
            name="passphrase"
            type="password"
            autoComplete="new-password"
            minLength={12}
            hint="At least 12 characters; needed only with password hashes. Keep it apart from the file."
            errors={error === "passphrase" ? ["With password hashes, give a passphrase of at least 12 characters."] : undefined}
          />
          <Button type="submit">Download the full bundle</Button>
        </form>
      </section>

      <section aria-labelledby="import-heading" className="space-y-4">
        <h2 id="import-heading" className="text-xl font-semibold">
          Restore a bundle into this site
        </h2>
        <p>
          Only a fresh site takes a bundle: one with no members but its admins. Their accounts are replaced by the bundle’s, so you
          will sign in again with an account from the bundle. Nothing is written unless the whole bundle checks out. On the command
          line: <code>npm run import -- site.tar</code> into a new database.
        </p>
        {importError ? (
          <Notice tone="error" role="alert" title="Nothing was restored">
            <p>{importError}</p>
          </Notice>
        ) : null}
        <form method="post" action="/admin/open-data/import" encType="multipart/form-data" className="space-y-4">
          <Field label="Bundle file" name="bundle" type="file" accept=".tar,application/x-tar" required />
          <Field label="Passphrase of an encrypted bundle" name="passphrase" id="import-passphrase" type="password" autoComplete="off" />
          <Button type="submit" variant="danger">
            Restore this bundle
          </Button>
        </form>
      </section>
    </div>
  );
}
