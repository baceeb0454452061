import type { Metadata } from "next";
import Link from "next/link";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { buttonClass } from "@/components/ui/button";
import { getDb } from "@/db";
import { can } from "@/lib/auth/permissions";
import { getViewer } from "@/lib/auth/session";
import { FORMAT_VERSION } from "@/lib/open-data/format";
import { latestPublicBundleOrRequest } from "@/lib/open-data/snapshots";

export const metadata: Metadata = { title: "Open data" };

const when = new Intl.DateTimeFormat("en-GB", { dateStyle: "long", timeStyle: "short", timeZone: "UTC" });
const size = (bytes: number) => (bytes >= 1_048_576 ? `${(bytes / 1_048_576).toFixed(1)} MB` : `${Math.max(1, Math.round(bytes / 1024))} kB`);

export default async function OpenDataPage() {
  const viewer = await getViewer();
  const latest = await latestPublicBundleOrRequest(getDb());
  return (
    <div className="max-w-3xl space-y-8">
      <PageHeader title="Open data">
        <p>
          Everything a visitor can read here is also published as data: papers and their versions, public discussions, responses and
          syntheses, accepted facts with their sources and disputes, and the moderation log. If the people running this site ever
          stopped serving the members, anyone could start it again elsewhere from where it left off.
        </p>
      </PageHeader>

      <section aria-labelledby="public-heading" className="space-y-3">
        <h2 id="public-heading" className="text-xl font-semibold">
          The public bundle
        </h2>
        {latest ? (
          <>
            <dl className="grid grid-cols-[max-content_1fr] gap-x-4 gap-y-1">
              <dt className="font-medium">Made</dt>
              <dd>
                <time dateTime={latest.exportedAt.toISOString()}>{when.format(latest.exportedAt)} UTC</time> (renewed daily)
              </dd>
              <dt className="font-medium">Size</dt>
              <dd>
                {size(latest.bytes)}, {latest.records.toLocaleString("en-GB")} records
              </dd>
              <dt className="font-medium">SHA-256</dt>
              <dd className="break-all font-mono text-sm">{latest.sha256}</dd>
            </dl>
            <a href="/open-data/public.tar" className={buttonClass()} download>
              Download the public bundle (tar, {size(latest.bytes)})
            </a>
          </>
        ) : (
          <EmptyState level={3} title="The first public bundle is being prepared">
            <p>It is made by a background job within a few minutes of the site starting, then renewed every day.</p>
          </EmptyState>
        )}
        <p>
          People appear in it only where public content names them, and only by the name they show. Nothing members-only, hidden or
          private is in it. The format (version {FORMAT_VERSION}) is described field by field in{" "}
          <Link href="/open-data/format" className="text-blue-800 underline">
            the format’s documentation
          </Link>{" "}
          (also <code>docs/open-data.md</code> in the source code, and <code>README.md</code> inside every bundle).
        </p>
      </section>

      <section aria-labelledby="own-heading" className="space-y-3">
        <h2 id="own-heading" className="text-xl font-semibold">
          Your own data
        </h2>
        {viewer.id ? (
          <p>
            <a href="/settings/my-data.tar" className="text-blue-800 underline" download>
              Download everything you have written, voted and followed
            </a>{" "}
            (GDPR article 20), in the same format.
          </p>
        ) : (
          <p>
            Members can download everything they have written, voted and followed from their settings after{" "}
            <Link href="/sign-in?next=/open-data" className="text-blue-800 underline">
              signing in
            </Link>
            .
          </p>
        )}
      </section>

      <section aria-labelledby="full-heading" className="space-y-3">
        <h2 id="full-heading" className="text-xl font-semibold">
          The full bundle
        </h2>
        <p>
          Everything needed to restart the site, which only admins may download; every download is recorded in the public{" "}
          <Link href="/moderation-log?kind=open_data" className="text-blue-800 underline">
            moderation log
          </Link>
          , so members can see who took a copy and when.
          {can(viewer, "openData.exportFull", null) ? (
            <>
              {" "}
              <Link href="/admin/open-data" className="text-blue-800 underline">
                Download or restore it
              </Link>
              .
            </>
          ) : null}
        </p>
      </section>
    </div>
  );
}
