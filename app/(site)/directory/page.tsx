import type { Metadata } from "next";
import Link from "next/link";
import { SelectField } from "@/components/directory/fields";
import { LiveSearchForm } from "@/components/directory/live-search-form";
import { ButtonLink } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { Field } from "@/components/ui/field";
import { PageHeader } from "@/components/ui/page-header";
import { Pagination } from "@/components/ui/pagination";
import { getDb } from "@/db";
import { isSignedIn } from "@/lib/auth/actor";
import { getViewer } from "@/lib/auth/session";
import { listSkills, recordSearch, searchDirectory, themeTitles } from "@/lib/directory/queries";
import { LANGUAGES, REGIONS } from "@/lib/directory/reference";
import { searchSchema, type DirectoryFilter } from "@/lib/directory/validation";
import { listActiveThemes } from "@/lib/themes/queries";

export const metadata: Metadata = { title: "Directory" };

const any = (label: string) => ({ value: "", label });

export default async function DirectoryPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { page, ...filter } = searchSchema.parse(await searchParams);
  const db = getDb();
  const viewer = await getViewer();
  const [skills, themes] = await Promise.all([listSkills(db), listActiveThemes(db)]);
  const result = await searchDirectory(db, viewer, filter, page);
  await recordSearch(db, viewer, filter, result);
  const skillLabel = new Map(skills.map((s) => [s.slug, s.label]));
  const themeTitle = await themeTitles(db, [...new Set(result.rows.flatMap((r) => r.interests ?? []))]);
  const href = (p: number) => {
    const qs = new URLSearchParams(Object.entries({ ...filter, page: p > 1 ? p : undefined }).filter(([, v]) => v !== undefined).map(([k, v]) => [k, String(v)]));
    return qs.size ? `/directory?${qs}` : "/directory";
  };
  return (
    <div className="space-y-6">
      <PageHeader
        title="Directory"
        actions={
          isSignedIn(viewer) ? (
            <>
              <ButtonLink href="/directory/lookups" variant="secondary">
                Who looked me up
              </ButtonLink>
              <ButtonLink href="/directory/profile">Your profile</ButtonLink>
            </>
          ) : null
        }
      >
        <p>Members who offer their skills and time. You see only what each member lets you see, and every search is shown to the members it finds.</p>
      </PageHeader>
      <LiveSearchForm>
        <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
          <SelectField label="Skill" name="skill" defaultValue={filter.skill ?? ""} options={[any("Any skill"), ...skills.map((s) => ({ value: s.slug, label: s.label }))]} />
          <Field label="Other skills (words)" name="q" type="search" defaultValue={filter.q ?? ""} />
          <SelectField label="Region" name="region" defaultValue={filter.region ?? ""} options={[any("Any region"), ...REGIONS.map((r) => ({ value: r, label: r }))]} />
          <SelectField label="Theme" name="theme" defaultValue={filter.theme ?? ""} options={[any("Any theme"), ...themes.map((t) => ({ value: t.id, label: t.title }))]} />
          <SelectField label="Language" name="language" defaultValue={filter.language ?? ""} options={[any("Any language"), ...LANGUAGES.map((l) => ({ value: l, label: l }))]} />
          <Field label="At least hours a month" name="minHours" type="number" inputMode="numeric" min={1} max={200} defaultValue={filter.minHours?.toString() ?? ""} />
        </div>
        <div className="flex flex-wrap gap-2">
          <button type="submit" className="min-h-11 rounded-md bg-blue-700 px-4 font-medium text-white hover:bg-blue-800">
            Search
          </button>
          <Link href="/directory" className="inline-flex min-h-11 items-center rounded-md border border-slate-300 bg-white px-4 font-medium">
            Clear
          </Link>
        </div>
      </LiveSearchForm>
      <section aria-labelledby="results-heading" className="space-y-3">
        <h2 id="results-heading" className="text-xl font-semibold">
          {result.total === 1 ? "1 member" : `${result.total} members`}
        </h2>
        {result.rows.length === 0 ? (
          <EmptyState title="Nobody found" level={3}>
            <p>{hasFilter(filter) ? "No member you may see matches these filters. Try fewer." : "Nobody has made their listing visible to you yet."}</p>
          </EmptyState>
        ) : (
          <ul className="grid gap-3 sm:grid-cols-2" aria-label="Members found">
            {result.rows.map((r) => (
              <li key={r.memberId} className="space-y-1 rounded-lg border border-slate-200 bg-white p-4">
                <h3 className="font-semibold">{r.name}</h3>
                <dl className="grid grid-cols-[auto_1fr] gap-x-3 text-sm">
                  {r.skills?.length ? <Row term="Skills" value={r.skills.map((s) => skillLabel.get(s) ?? s).join(", ")} /> : null}
                  {r.tags?.length ? <Row term="Other skills" value={r.tags.join(", ")} /> : null}
                  {r.interests?.length ? <Row term="Interests" value={r.interests.map((t) => themeTitle.get(t) ?? "").filter(Boolean).join(", ")} /> : null}
                  {r.hoursPerMonth !== null ? <Row term="Hours a month" value={String(r.hoursPerMonth)} /> : null}
                  {r.region ? <Row term="Region" value={r.region} /> : null}
                  {r.languages?.length ? <Row term="Languages" value={r.languages.join(", ")} /> : null}
                  {r.contactPreference ? <Row term="Contact" value={r.contactPreference} /> : null}
                </dl>
                {r.bio ? <p className="text-sm text-slate-700">{r.bio}</p> : null}
              </li>
            ))}
          </ul>
        )}
        <Pagination page={result.page} total={result.total} pageSize={result.pageSize} href={href} />
      </section>
    </div>
  );
}

const hasFilter = (f: DirectoryFilter) => Object.values(f).some((v) => v !== undefined);

function Row({ term, value }: { term: string; value: string }) {
  return (
    <>
      <dt className="font-medium text-slate-700">{term}</dt>
      <dd className="text-slate-900">{value}</dd>
    </>
  );
}
