import type { Metadata } from "next";
import Link from "next/link";
import { PressPackForm } from "@/components/stories/forms";
import { SelectField } from "@/components/directory/fields";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { getDb } from "@/db";
import { listPressPacks, listUsableStories } from "@/lib/anecdotes/queries";
import { requirePermission } from "@/lib/auth/page-guard";
import { getViewer } from "@/lib/auth/session";
import { listActiveThemes } from "@/lib/themes/queries";
import { pressPackAction } from "../actions";

export const metadata: Metadata = { title: "Press packs" };

const when = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeZone: "UTC" });

export default async function PressPacksPage({ searchParams }: { searchParams: Promise<{ theme?: string }> }) {
  const viewer = await getViewer();
  requirePermission(viewer, "story.reviewQueue", null);
  const db = getDb();
  const { theme } = await searchParams;
  const themes = (await listActiveThemes(db)).filter((t) => viewer.curatorOf.has(t.id));
  const chosen = themes.find((t) => t.id === theme) ?? (themes.length === 1 ? themes[0] : undefined);
  const [packs, usable] = await Promise.all([listPressPacks(db, viewer), chosen ? listUsableStories(db, viewer, chosen.id) : Promise.resolve([])]);
  return (
    <div className="max-w-3xl space-y-6">
      <PageHeader title="Press packs">
        <p>A document of stories for journalists. It holds only what each story&apos;s consent allows at the time it is read or downloaded: anonymous stories without name or place, internal-only ones never.</p>
      </PageHeader>
      <section aria-labelledby="new-heading" className="space-y-3 rounded-lg border border-slate-200 bg-white p-4">
        <h2 id="new-heading" className="text-xl font-semibold">
          New press pack
        </h2>
        <form method="get" className="flex flex-wrap items-end gap-2">
          <SelectField label="Theme" name="theme" defaultValue={chosen?.id ?? ""} options={[{ value: "", label: "Choose…" }, ...themes.map((t) => ({ value: t.id, label: t.title }))]} />
          <button type="submit" className="min-h-11 rounded-md border border-slate-300 bg-white px-4 font-medium">
            Show its stories
          </button>
        </form>
        {chosen ? (
          usable.length ? (
            <PressPackForm action={pressPackAction} themeId={chosen.id} stories={usable} />
          ) : (
            <p>No story in {chosen.title} may go in a press pack yet: it needs to be accepted, its redaction approved, and consent to quotation.</p>
          )
        ) : null}
      </section>
      <section aria-labelledby="packs-heading" className="space-y-2">
        <h2 id="packs-heading" className="text-xl font-semibold">
          Press packs made
        </h2>
        {packs.length === 0 ? (
          <EmptyState title="No press packs yet" level={3} />
        ) : (
          <ul className="divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white">
            {packs.map((p) => (
              <li key={p.id} className="px-4 py-2">
                <Link href={`/stories/press/${p.id}`} className="font-medium text-blue-800 underline">
                  {p.title}
                </Link>{" "}
                <span className="text-sm text-slate-700">
                  · {p.themeTitle} · {when.format(p.createdAt)}
                </span>
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
